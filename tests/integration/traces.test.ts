import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { v4, v7 } from "uuid";
import { api, qs } from "../support/api";
import { startServer, type TestServer } from "../support/server";

/** Traces: create (one/batch), read, list with filters and sorting, PATCH, delete with their spans. */
let server: TestServer;
let http: ReturnType<typeof api>;
const P = "/v1/private";
const unique = (prefix: string) => `${prefix}-${v7()}`;

before(async () => {
  server = await startServer();
  http = api(server.apiUrl);
});
after(() => server.stop());

const T0 = "2024-05-01T10:00:00Z";
const T1 = "2024-05-01T10:00:01.5Z";

describe("POST /traces", () => {
  it("creates a trace with Location, auto-creates the project and reads it back", async () => {
    const project = unique("traces");
    const id = v7();
    const res = await http.post(`${P}/traces`, {
      id, project_name: project, name: "run", start_time: T0, end_time: T1, input: { q: "hi" }, output: { a: "yo" },
      metadata: { env: "test" }, tags: ["a", "b", "a"], thread_id: "th-1",
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.text, "");
    assert.equal(res.headers.get("location"), `${server.apiUrl}${P}/traces/${id}`);
    const got = await http.get(`${P}/traces/${id}`);
    assert.equal(got.status, 200);
    const t = got.body;
    assert.equal(t.id, id);
    assert.equal(t.name, "run");
    assert.equal(t.start_time, "2024-05-01T10:00:00Z");
    assert.equal(t.end_time, "2024-05-01T10:00:01.500Z");
    assert.equal(t.duration, 1500);
    assert.deepEqual(t.input, { q: "hi" });
    assert.deepEqual(t.output, { a: "yo" });
    assert.deepEqual(t.metadata, { env: "test" });
    assert.deepEqual(t.tags, ["a", "b"]);
    assert.equal(t.thread_id, "th-1");
    assert.equal(t.span_count, 0);
    assert.equal(t.created_by, "admin");
    const proj = await http.post(`${P}/projects/retrieve`, { name: project.toUpperCase() });
    assert.equal(proj.status, 200);
    assert.equal(t.project_id, proj.body.id);
  });

  it("keeps the first write and generates ids when absent", async () => {
    const project = unique("first");
    const id = v7();
    await http.post(`${P}/traces`, { id, project_name: project, name: "first", start_time: T0 });
    assert.equal((await http.post(`${P}/traces`, { id, project_name: project, name: "second", start_time: T0 })).status, 201);
    assert.equal((await http.get(`${P}/traces/${id}`)).body.name, "first");
    const anon = await http.post(`${P}/traces`, { project_name: project, name: "anon", start_time: T0 });
    assert.equal(anon.status, 201);
    const newId = anon.headers.get("location")!.split("/").pop()!;
    assert.match(newId, /^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    assert.equal((await http.get(`${P}/traces/${newId}`)).body.name, "anon");
  });

  it("rejects non-v7 ids and invalid bodies", async () => {
    const v4res = await http.post(`${P}/traces`, { id: v4(), name: "x", start_time: T0 });
    assert.equal(v4res.status, 400);
    assert.deepEqual(v4res.body, { code: 400, message: "Invalid UUID for id", details: "Trace id must be a version 7 UUID" });
    const noStart = await http.post(`${P}/traces`, { name: "x" });
    assert.equal(noStart.status, 422);
    assert.deepEqual(noStart.body, { errors: ["startTime must not be null"] });
    const badTime = await http.post(`${P}/traces`, { name: "x", start_time: "yesterday" });
    assert.equal(badTime.status, 400);
    assert.match(badTime.body.message, /Cannot deserialize value of type/);
  });
});

describe("POST /traces/batch", () => {
  it("inserts, replaces by newer last_updated_at and ignores older versions", async () => {
    const project = unique("batch");
    const a = v7();
    const b = v7();
    const res = await http.post(`${P}/traces/batch`, {
      traces: [
        { id: a, project_name: project, name: "a1", start_time: T0, last_updated_at: "2024-05-01T10:00:00Z" },
        { id: a, project_name: project, name: "a2", start_time: T0, last_updated_at: "2024-05-01T10:00:05Z" },
        { id: b, project_name: project, name: "b1", start_time: T0 },
      ],
    });
    assert.equal(res.status, 204, res.text);
    assert.equal((await http.get(`${P}/traces/${a}`)).body.name, "a2");
    await http.post(`${P}/traces/batch`, { traces: [{ id: a, project_name: project, name: "old", start_time: T0, last_updated_at: "2024-05-01T09:00:00Z" }] });
    assert.equal((await http.get(`${P}/traces/${a}`)).body.name, "a2");
    await http.post(`${P}/traces/batch`, { traces: [{ id: b, project_name: project, name: "b2", start_time: T0 }] });
    const b2 = (await http.get(`${P}/traces/${b}`)).body;
    assert.equal(b2.name, "b2");
  });

  it("validates size and ids", async () => {
    const empty = await http.post(`${P}/traces/batch`, { traces: [] });
    assert.equal(empty.status, 422);
    assert.deepEqual(empty.body, { errors: ["traces size must be between 1 and 1000"] });
    const v4res = await http.post(`${P}/traces/batch`, { traces: [{ id: v4(), start_time: T0 }] });
    assert.equal(v4res.status, 400);
    assert.equal(v4res.body.details, "Trace id must be a version 7 UUID");
  });
});

describe("PATCH /traces/{id}", () => {
  it("merges non-null fields and tags", async () => {
    const project = unique("patch");
    const id = v7();
    await http.post(`${P}/traces`, { id, project_name: project, name: "n", start_time: T0, tags: ["x", "y"], metadata: { k: 1 } });
    const res = await http.patch(`${P}/traces/${id}`, { project_name: project, end_time: T1, output: { done: true }, tags_to_add: ["z"], tags_to_remove: ["x"] });
    assert.equal(res.status, 204, res.text);
    const t = (await http.get(`${P}/traces/${id}`)).body;
    assert.equal(t.name, "n");
    assert.deepEqual(t.output, { done: true });
    assert.deepEqual(t.metadata, { k: 1 });
    assert.deepEqual(t.tags, ["y", "z"]);
    assert.equal(t.duration, 1500);
    const conflict = await http.patch(`${P}/traces/${id}`, { project_name: unique("elsewhere"), name: "m" });
    assert.equal(conflict.status, 409);
    assert.deepEqual(conflict.body, { errors: ["Project name and workspace name do not match the existing trace"] });
  });

  it("creates a partial trace that a later POST completes, PATCH fields winning", async () => {
    const project = unique("partial");
    const id = v7();
    assert.equal((await http.patch(`${P}/traces/${id}`, { project_name: project, name: "patched" })).status, 204);
    const partial = (await http.get(`${P}/traces/${id}`)).body;
    assert.equal(partial.name, "patched");
    assert.equal(partial.start_time, "1970-01-01T00:00:00Z");
    await http.post(`${P}/traces`, { id, project_name: project, name: "posted", start_time: T0, input: { q: 1 } });
    const full = (await http.get(`${P}/traces/${id}`)).body;
    assert.equal(full.name, "patched");
    assert.equal(full.start_time, "2024-05-01T10:00:00Z");
    assert.deepEqual(full.input, { q: 1 });
    const v4res = await http.patch(`${P}/traces/${v4()}`, { name: "x" });
    assert.equal(v4res.status, 400);
    assert.equal(v4res.body.details, "Trace id must be a version 7 UUID");
    const missingProject = v7();
    const unknown = await http.patch(`${P}/traces/${v7()}`, { project_id: missingProject, name: "x" });
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.body, { code: 404, message: `Project id: ${missingProject} not found` });
  });
});

describe("GET /traces and /traces/{id}", () => {
  const project = unique("list");
  const ids: string[] = [];

  before(async () => {
    for (let i = 0; i < 5; i++) {
      const id = v7();
      ids.push(id);
      await http.post(`${P}/traces`, {
        id, project_name: project, name: i % 2 ? `odd-${i}` : `even-${i}`, start_time: `2024-05-01T10:00:0${i}Z`,
        end_time: `2024-05-01T10:00:0${i + 1}Z`, tags: i === 3 ? ["special"] : [], metadata: { idx: i, kind: i % 2 ? "odd" : "even" },
      });
    }
  });

  it("404s unknown and malformed ids", async () => {
    const missing = v7();
    const res = await http.get(`${P}/traces/${missing}`);
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, { code: 404, message: `Trace id: ${missing} not found` });
    assert.equal((await http.get(`${P}/traces/nope`)).status, 404);
  });

  it("pages newest first with total and sortable_by", async () => {
    const page1 = await http.get(`${P}/traces${qs({ project_name: project, size: "2" })}`);
    assert.equal(page1.status, 200);
    assert.equal(page1.body.page, 1);
    assert.equal(page1.body.size, 2);
    assert.equal(page1.body.total, 5);
    assert.deepEqual(page1.body.content.map((t: { id: string }) => t.id), [ids[4], ids[3]]);
    assert.ok(page1.body.sortable_by.includes("start_time"));
    const page3 = await http.get(`${P}/traces${qs({ project_name: project, size: "2", page: "3" })}`);
    assert.deepEqual(page3.body.content.map((t: { id: string }) => t.id), [ids[0]]);
    assert.equal(page3.body.size, 1);
  });

  it("filters, searches and sorts", async () => {
    const list = async (params: Record<string, unknown>) => (await http.get(`${P}/traces${qs({ project_name: project, size: "50", ...params })}`)).body;
    const names = (body: { content: { name: string }[] }) => body.content.map((t) => t.name);
    assert.deepEqual(names(await list({ search: "ODD" })), ["odd-3", "odd-1"]);
    assert.deepEqual(names(await list({ filters: [{ field: "name", operator: "starts_with", value: "even" }] })), ["even-4", "even-2", "even-0"]);
    assert.deepEqual(names(await list({ filters: [{ field: "tags", operator: "contains", value: "spec" }] })), ["odd-3"]);
    assert.deepEqual(names(await list({ filters: [{ field: "metadata", operator: "=", key: "kind", value: "ODD" }] })), ["odd-3", "odd-1"]);
    assert.deepEqual(names(await list({ filters: [{ field: "metadata", operator: ">", key: "idx", value: "2" }] })), ["even-4", "odd-3"]);
    assert.deepEqual(names(await list({ filters: [{ field: "start_time", operator: "<", value: "2024-05-01T10:00:02Z" }] })), ["odd-1", "even-0"]);
    assert.deepEqual(names(await list({ sorting: [{ field: "name", direction: "ASC" }] })), ["even-0", "even-2", "even-4", "odd-1", "odd-3"]);
    assert.deepEqual(names(await list({ sorting: [{ field: "nonsense", direction: "ASC" }] })), ["even-4", "odd-3", "even-2", "odd-1", "even-0"]);
    assert.deepEqual(names(await list({ sorting: [{ field: "start_time", direction: "DESC" }], size: "2" })), ["even-4", "odd-3"]);
    assert.equal((await list({ from_time: new Date(Date.now() + 3_600_000).toISOString() })).total, 0);
    assert.equal((await list({ from_time: "2000-01-01T00:00:00Z", to_time: new Date(Date.now() + 1000).toISOString() })).total, 5);
    const excluded = await list({ exclude: ["metadata", "tags"] });
    assert.equal(excluded.content.some((t: Record<string, unknown>) => "metadata" in t), false);
  });

  it("scores a trace and shows the score in list and detail", async () => {
    await http.put(`${P}/traces/${ids[2]}/feedback-scores`, { name: "q", value: 0.9, source: "sdk" });
    const list = await http.get(`${P}/traces${qs({ project_name: project, filters: [{ field: "feedback_scores", operator: ">=", key: "q", value: "0.5" }] })}`);
    assert.deepEqual(list.body.content.map((t: { id: string }) => t.id), [ids[2]]);
    assert.equal(list.body.content[0].feedback_scores[0].value, 0.9);
  });

  it("answers 400/404 like spans for project params, filters, sorting and paging", async () => {
    const none = await http.get(`${P}/traces`);
    assert.equal(none.status, 400);
    assert.deepEqual(none.body, { code: 400, message: "Either 'project_name' or 'project_id' query params must be provided" });
    const unknownName = await http.get(`${P}/traces${qs({ project_name: "no-such-project-xyz" })}`);
    assert.equal(unknownName.status, 404);
    assert.deepEqual(unknownName.body, { code: 404, message: "Project name: no-such-project-xyz not found" });
    const missing = v7();
    assert.deepEqual((await http.get(`${P}/traces${qs({ project_id: missing })}`)).body, { code: 404, message: `Project id: ${missing} not found` });
    // A bad filter wins over an unknown project.
    const badFilter = await http.get(`${P}/traces${qs({ project_name: "no-such-project-xyz", filters: "not json" })}`);
    assert.equal(badFilter.status, 400);
    assert.deepEqual(badFilter.body, { code: 400, message: "Invalid filters query parameter 'not json'" });
    const badOp = await http.get(`${P}/traces${qs({ project_name: project, filters: [{ field: "name", operator: ">=", value: "a" }] })}`);
    assert.deepEqual(badOp.body, { code: 400, message: "Invalid operator '>=' for field 'name' of type 'STRING'" });
    const badValue = await http.get(`${P}/traces${qs({ project_name: project, filters: [{ field: "duration", operator: ">", value: "abc" }] })}`);
    assert.deepEqual(badValue.body, { code: 400, message: "Invalid value 'abc' or key 'null' for field 'duration' of type 'NUMBER'" });
    const badSort = await http.get(`${P}/traces${qs({ project_name: project, sorting: "[" })}`);
    assert.deepEqual(badSort.body, { code: 400, message: "Invalid sorting query parameter '['" });
    const badWindow = await http.get(`${P}/traces${qs({ project_name: project, from_time: T1, to_time: T0 })}`);
    assert.deepEqual(badWindow.body, { code: 400, message: "Parameter 'from_time' must be before 'to_time'" });
    const badExclude = await http.get(`${P}/traces${qs({ project_name: project, exclude: ["nope"] })}`);
    assert.deepEqual(badExclude.body, { code: 400, message: `Invalid query param exclude '["nope"]'` });
    const badPage = await http.get(`${P}/traces${qs({ project_name: project, page: "0" })}`);
    assert.equal(badPage.status, 400);
    assert.deepEqual(badPage.body, { errors: ["query param page must be greater than or equal to 1"] });
  });
});

describe("deleting traces", () => {
  it("deletes traces with their spans, scores and comments and keeps span counts right", async () => {
    const project = unique("delete");
    const [t1, t2] = [v7(), v7()];
    for (const id of [t1, t2]) await http.post(`${P}/traces`, { id, project_name: project, name: "t", start_time: T0 });
    const spans = [v7(), v7(), v7()];
    const traceOf = [t1, t1, t2];
    const res = await http.post(`${P}/spans/batch`, {
      spans: spans.map((id, i) => ({ id, trace_id: traceOf[i], project_name: project, name: `s${i}`, type: i === 0 ? "llm" : "general", start_time: T0 })),
    });
    assert.equal(res.status, 204, res.text);
    const detail = (await http.get(`${P}/traces/${t1}`)).body;
    assert.equal(detail.span_count, 2);
    assert.equal(detail.llm_span_count, 1);
    await http.put(`${P}/spans/${spans[0]}/feedback-scores`, { name: "q", value: 1, source: "sdk" });
    const commentId = (await http.post(`${P}/spans/${spans[1]}/comments`, { text: "c" })).body.id;
    await http.post(`${P}/traces/${t1}/comments`, { text: "tc" });

    assert.equal((await http.post(`${P}/traces/delete`, { ids: [t1, v7()] })).status, 204);
    assert.equal((await http.get(`${P}/traces/${t1}`)).status, 404);
    assert.equal((await http.get(`${P}/spans/${spans[0]}`)).status, 404);
    assert.equal((await http.get(`${P}/spans/${spans[1]}/comments/${commentId}`)).status, 404);
    const left = await http.get(`${P}/spans${qs({ project_name: project })}`);
    assert.deepEqual(left.body.content.map((s: { id: string }) => s.id), [spans[2]]);
    assert.equal(left.body.total, 1);
    const pid = (await http.post(`${P}/projects/retrieve`, { name: project })).body.id;
    const names = await http.get(`${P}/spans/feedback-scores/names?project_id=${pid}`);
    assert.deepEqual(names.body.scores, []);

    assert.equal((await http.del(`${P}/traces/${t2}`)).status, 204);
    assert.equal((await http.get(`${P}/spans${qs({ project_name: project })}`)).body.total, 0);
    assert.equal((await http.del(`${P}/traces/${v7()}`)).status, 204);
    const empty = await http.post(`${P}/traces/delete`, { ids: [] });
    assert.equal(empty.status, 422);
    assert.deepEqual(empty.body, { errors: ["ids size must be between 1 and 1000"] });
  });
});
