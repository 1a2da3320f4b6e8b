import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { v4, v7 } from "uuid";
import { api, qs } from "../support/api";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
let http: ReturnType<typeof api>;
const project = `write-${v7()}`;

before(async () => {
  server = await startServer();
  http = api(server.apiUrl);
});
after(() => server.stop());

const span = (extra: Record<string, unknown> = {}) => ({
  id: v7(),
  trace_id: v7(),
  project_name: project,
  name: "call_llm",
  type: "llm",
  start_time: "2024-05-01T10:15:30.123456Z",
  end_time: "2024-05-01T10:15:31.623456Z",
  input: { messages: [{ role: "user", content: "hello" }] },
  output: { answer: "hi" },
  ...extra,
});

describe("POST /spans", () => {
  it("creates a span: 201 with Location, readable by id with Opik's fields", async () => {
    const body = span({ usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, cached: null }, model: "gpt-4o", provider: "openai", tags: ["a", "a", "b"] });
    const res = await http.post("/v1/private/spans", body);
    assert.equal(res.status, 201);
    assert.equal(res.headers.get("location"), `${server.apiUrl}/v1/private/spans/${body.id}`);
    const got = await http.get(`/v1/private/spans/${body.id}`);
    assert.equal(got.status, 200);
    assert.equal(got.body.project_name, project);
    assert.equal(got.body.start_time, "2024-05-01T10:15:30.123456Z");
    assert.equal(got.body.duration, 1500);
    assert.deepEqual(got.body.usage, { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 });
    assert.deepEqual([...got.body.tags].sort(), ["a", "b"]);
    assert.ok(got.body.total_estimated_cost > 0, "cost is estimated from model and usage");
    assert.equal(got.body.created_by, "admin");
  });

  it("generates a v7 id when none is sent and is idempotent for a repeated id", async () => {
    const res = await http.post("/v1/private/spans", { ...span(), id: undefined });
    assert.equal(res.status, 201);
    const id = res.headers.get("location")!.split("/").pop()!;
    assert.equal(id[14], "7");
    const first = span({ name: "first" });
    await http.post("/v1/private/spans", first);
    assert.equal((await http.post("/v1/private/spans", { ...first, name: "second" })).status, 201);
    assert.equal((await http.get(`/v1/private/spans/${first.id}`)).body.name, "first");
  });

  it("rejects a non-v7 id with Opik's 400 and writes nothing", async () => {
    const id = v4();
    const res = await http.post("/v1/private/spans", span({ id }));
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, { code: 400, message: "Invalid UUID for id", details: "Span id must be a version 7 UUID" });
    assert.equal((await http.get(`/v1/private/spans/${id}`)).status, 404);
  });

  it("answers 422 for constraint violations and 400 for malformed JSON or dates", async () => {
    const neg = await http.post("/v1/private/spans", span({ total_estimated_cost: -1 }));
    assert.equal(neg.status, 422);
    assert.deepEqual(neg.body, { errors: ["totalEstimatedCost must be greater than or equal to 0.0"] });
    const bad = await http.post("/v1/private/spans", "{not json");
    assert.equal(bad.status, 400);
    assert.match(bad.body.message, /^Unable to process JSON/);
    const date = await http.post("/v1/private/spans", span({ start_time: "yesterday" }));
    assert.equal(date.status, 400);
    assert.match(date.body.message, /Cannot deserialize value of type `java.time.Instant`/);
    const missing = await http.post("/v1/private/spans", { name: "x" });
    assert.equal(missing.status, 422);
    assert.deepEqual(missing.body, { errors: ["startTime must not be null"] });
  });

  it("auto-creates projects case-insensitively", async () => {
    const name = `Case-${v7()}`;
    await http.post("/v1/private/spans", span({ project_name: name }));
    await http.post("/v1/private/spans", span({ project_name: name.toUpperCase() }));
    const page = await http.get(`/v1/private/spans${qs({ project_name: name.toLowerCase() })}`);
    assert.equal(page.status, 200);
    assert.equal(page.body.total, 2);
  });
});

describe("POST /spans/batch", () => {
  it("replaces a re-sent span entirely and keeps the newer last_updated_at", async () => {
    const s = span({ metadata: { k: "v" } });
    assert.equal((await http.post("/v1/private/spans/batch", { spans: [s] })).status, 204);
    await http.post("/v1/private/spans/batch", { spans: [{ ...s, name: "replaced", metadata: undefined }] });
    const got = (await http.get(`/v1/private/spans/${s.id}`)).body;
    assert.equal(got.name, "replaced");
    assert.equal(got.metadata, undefined);
    await http.post("/v1/private/spans/batch", { spans: [{ ...s, name: "stale", last_updated_at: "2000-01-01T00:00:00Z" }] });
    assert.equal((await http.get(`/v1/private/spans/${s.id}`)).body.name, "replaced");
  });

  it("keeps the later of two versions of one id inside a request", async () => {
    const s = span();
    const res = await http.post("/v1/private/spans/batch", {
      spans: [
        { ...s, name: "newer", last_updated_at: "2030-01-01T00:00:01Z" },
        { ...s, name: "older", last_updated_at: "2030-01-01T00:00:00Z" },
      ],
    });
    assert.equal(res.status, 204);
    assert.equal((await http.get(`/v1/private/spans/${s.id}`)).body.name, "newer");
  });

  it("accepts a batch of more than 10 MB (Next's own proxy body cap) under the 64 MB default", async () => {
    const spans = Array.from({ length: 12 }, (_, i) => span({ input: { text: `${i} `.repeat(512 * 1024) } }));
    const res = await http.post("/v1/private/spans/batch", { spans });
    assert.equal(res.status, 204, JSON.stringify(res.body));
    const got = await http.get(`/v1/private/spans/${spans[11]!.id}`);
    assert.equal(got.status, 200);
    assert.equal((got.body.input as { text: string }).text.length, 3 * 512 * 1024);
  });

  it("enforces 1..1000 items", async () => {
    assert.deepEqual((await http.post("/v1/private/spans/batch", { spans: [] })).body, { errors: ["spans size must be between 1 and 1000"] });
    const many = Array.from({ length: 1001 }, () => span());
    assert.equal((await http.post("/v1/private/spans/batch", { spans: many })).status, 422);
  });
});

describe("PATCH /spans/{id}", () => {
  it("merges only the fields sent", async () => {
    const s = span({ model: "gpt-4o", tags: ["x"] });
    await http.post("/v1/private/spans", s);
    const res = await http.patch(`/v1/private/spans/${s.id}`, { trace_id: s.trace_id, project_name: project, output: { answer: "patched" }, tags_to_add: ["y"], model: "" });
    assert.equal(res.status, 204);
    const got = (await http.get(`/v1/private/spans/${s.id}`)).body;
    assert.deepEqual(got.output, { answer: "patched" });
    assert.deepEqual(got.input, s.input);
    assert.equal(got.model, "gpt-4o", "a blank model is treated as absent");
    assert.deepEqual([...got.tags].sort(), ["x", "y"]);
  });

  it("answers 409 on identity conflicts and leaves the span as it was", async () => {
    const s = span();
    await http.post("/v1/private/spans", s);
    const res = await http.patch(`/v1/private/spans/${s.id}`, { trace_id: v7(), project_name: project, name: "nope" });
    assert.equal(res.status, 409);
    assert.deepEqual(res.body, { errors: ["trace_id does not match the existing span"] });
    const proj = await http.patch(`/v1/private/spans/${s.id}`, { trace_id: s.trace_id, project_name: `other-${v7()}`, name: "nope" });
    assert.deepEqual(proj.body, { errors: ["Project name and workspace name do not match the existing span"] });
    assert.equal((await http.get(`/v1/private/spans/${s.id}`)).body.name, "call_llm");
  });

  it("creates a partial span that a later POST completes, PATCH fields winning", async () => {
    const s = span();
    await http.patch(`/v1/private/spans/${s.id}`, { trace_id: s.trace_id, project_name: project, output: { answer: "from patch" } });
    const partial = (await http.get(`/v1/private/spans/${s.id}`)).body;
    assert.equal(partial.start_time, "1970-01-01T00:00:00Z");
    await http.post("/v1/private/spans", { ...s, output: { answer: "from post" } });
    const done = (await http.get(`/v1/private/spans/${s.id}`)).body;
    assert.deepEqual(done.output, { answer: "from patch" });
    assert.deepEqual(done.input, s.input);
    assert.equal(done.start_time, s.start_time);
  });

  it("requires trace_id and a v7 id", async () => {
    const s = span();
    assert.deepEqual((await http.patch(`/v1/private/spans/${s.id}`, { name: "x" })).body, { errors: ["traceId must not be null"] });
    assert.equal((await http.patch(`/v1/private/spans/${v4()}`, { trace_id: s.trace_id })).status, 400);
  });
});

describe("PATCH /spans/batch and DELETE /spans/{id}", () => {
  it("merges or replaces tags on many spans at once", async () => {
    const a = span({ tags: ["keep"] });
    const b = span({ tags: ["keep"] });
    await http.post("/v1/private/spans/batch", { spans: [a, b] });
    const merge = await http.patch("/v1/private/spans/batch", { ids: [a.id, b.id], update: { trace_id: a.trace_id, tags: ["new"] }, merge_tags: true });
    assert.equal(merge.status, 204);
    assert.deepEqual([...(await http.get(`/v1/private/spans/${b.id}`)).body.tags].sort(), ["keep", "new"]);
    await http.patch("/v1/private/spans/batch", { ids: [a.id], update: { trace_id: a.trace_id, tags: ["only"] } });
    assert.deepEqual((await http.get(`/v1/private/spans/${a.id}`)).body.tags, ["only"]);
  });

  it("deletes a span for real (204), then 404", async () => {
    const s = span();
    await http.post("/v1/private/spans", s);
    assert.equal((await http.del(`/v1/private/spans/${s.id}`)).status, 204);
    const gone = await http.get(`/v1/private/spans/${s.id}`);
    assert.equal(gone.status, 404);
    assert.deepEqual(gone.body, { code: 404, message: `Span id: ${s.id} not found` });
    assert.equal((await http.del(`/v1/private/spans/${s.id}`)).status, 404);
  });
});

describe("unknown paths", () => {
  it("answer 404 in Opik's shape, never HTML", async () => {
    const res = await http.get("/v1/private/nothing-here");
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, { code: 404, message: "HTTP 404 Not Found" });
  });
});
