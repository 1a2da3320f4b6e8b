import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { v7 } from "uuid";
import { api, qs } from "../support/api";
import { startServer, type TestServer } from "../support/server";

/** GET /spans and GET /spans/{id}: pagination, sorting, exclude, truncate, search, time window, params. */
let server: TestServer;
let http: ReturnType<typeof api>;

before(async () => {
  server = await startServer();
  http = api(server.apiUrl);
});
after(() => server.stop());

/** A UUIDv7 whose embedded creation time is `ms`. */
function idAt(ms: number): string {
  const hex = ms.toString(16).padStart(12, "0");
  const r = randomUUID().replace(/-/g, "");
  return `${hex.slice(0, 8)}-${hex.slice(8)}-7${r.slice(0, 3)}-${"89ab"[parseInt(r[3]!, 16) % 4]}${r.slice(4, 7)}-${r.slice(7, 19)}`;
}

async function create(project: string, spans: Record<string, unknown>[]) {
  const body = spans.map((s) => ({
    project_name: project, trace_id: v7(), name: "span", start_time: "2024-05-01T10:00:00Z", input: null, output: null, metadata: null, ...s,
  }));
  const res = await http.post("/v1/private/spans/batch", { spans: body });
  assert.equal(res.status, 204, res.text);
}

const list = (params: Record<string, unknown>) => http.get(`/v1/private/spans${qs(params)}`);

describe("pagination and default order", () => {
  const project = `page-${v7()}`;
  const rows: { id: string; trace_id: string; parent_span_id: string }[] = [];
  before(async () => {
    const traces = [v7(), v7(), v7()];
    for (let i = 0; i < 25; i++) {
      const trace = traces[i % 3]!;
      const parent = i % 4 === 0 ? "" : rows.find((r) => r.trace_id === trace)?.id ?? "";
      rows.push({ id: v7(), trace_id: trace, parent_span_id: parent });
    }
    await create(project, rows.map((r, i) => ({ ...r, parent_span_id: r.parent_span_id || undefined, name: `s${i}` })));
    const desc = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);
    rows.sort((a, b) => desc(a.trace_id, b.trace_id) || desc(a.parent_span_id, b.parent_span_id) || desc(a.id, b.id));
  });

  it("orders by (trace_id, parent_span_id, id) descending, 10 per page by default", async () => {
    const res = await list({ project_name: project });
    assert.equal(res.status, 200);
    assert.equal(res.body.page, 1);
    assert.equal(res.body.size, 10);
    assert.equal(res.body.total, 25);
    assert.deepEqual(res.body.content.map((s: { id: string }) => s.id), rows.slice(0, 10).map((r) => r.id));
    assert.ok(!("project_name" in res.body.content[0]), "list items carry project_id only");
    assert.ok(res.body.sortable_by.includes("feedback_scores.*"));
  });

  it("pages: size in the response is the number of items returned", async () => {
    const p2 = await list({ project_name: project, page: 2, size: 10 });
    assert.deepEqual(p2.body.content.map((s: { id: string }) => s.id), rows.slice(10, 20).map((r) => r.id));
    const p3 = await list({ project_name: project, page: 3, size: 10 });
    assert.equal(p3.body.size, 5);
    assert.equal(p3.body.total, 25);
    assert.deepEqual(p3.body.content.map((s: { id: string }) => s.id), rows.slice(20).map((r) => r.id));
    const beyond = await list({ project_name: project, page: 9, size: 10 });
    assert.deepEqual([beyond.body.page, beyond.body.size, beyond.body.total, beyond.body.content.length], [9, 0, 25, 0]);
    const all = await list({ project_name: project, size: 1000 });
    assert.equal(all.body.size, 25);
  });

  it("page/size below 1 → 400 errors list; not a number → 404", async () => {
    let res = await list({ project_name: project, page: 0 });
    assert.deepEqual([res.status, res.body], [400, { errors: ["query param page must be greater than or equal to 1"] }]);
    res = await list({ project_name: project, size: 0 });
    assert.deepEqual([res.status, res.body], [400, { errors: ["query param size must be greater than or equal to 1"] }]);
    res = await list({ project_name: project, page: "two" });
    assert.equal(res.status, 404);
  });

  it("trace_id and type params narrow the list (type is case-insensitive, unknown types ignored)", async () => {
    const trace = rows[0]!.trace_id;
    const res = await list({ project_name: project, trace_id: trace.toUpperCase(), size: 100 });
    assert.equal(res.body.total, rows.filter((r) => r.trace_id === trace).length);
    assert.ok(res.body.content.every((s: { trace_id: string }) => s.trace_id === trace));
    assert.equal((await list({ project_name: project, trace_id: "nope" })).status, 404);
    const typed = `type-${v7()}`;
    const [llm, tool, toolTrace] = [v7(), v7(), v7()];
    await create(typed, [{ id: llm, type: "llm" }, { id: tool, trace_id: toolTrace, type: "tool" }, {}]);
    assert.equal((await list({ project_name: typed, type: "LLM" })).body.total, 1);
    assert.equal((await list({ project_name: typed, type: "bogus" })).body.total, 3);
    // A type's total is counted from the stats rollups: it follows updates and deletes.
    assert.equal((await http.patch(`/v1/private/spans/${tool}`, { project_name: typed, trace_id: toolTrace, type: "llm" })).status, 204);
    assert.equal((await list({ project_name: typed, type: "llm" })).body.total, 2);
    assert.equal((await http.del(`/v1/private/spans/${llm}`)).status, 204);
    const left = await list({ project_name: typed, type: "llm" });
    assert.deepEqual([left.body.total, left.body.content.map((s: { id: string }) => s.id)], [1, [tool]]);
  });
});

describe("project params", () => {
  const project = `Proj-${v7()}`;
  before(() => create(project, [{ name: "mine" }]));

  it("requires project_name or project_id", async () => {
    for (const path of ["/v1/private/spans", "/v1/private/spans/stats"]) {
      const res = await http.get(path);
      assert.deepEqual([res.status, res.body], [400, { code: 400, message: "Either 'project_name' or 'project_id' query params must be provided" }]);
    }
  });

  it("unknown projects → 404; names match case-insensitively; project_id wins", async () => {
    const missing = `missing-${v7()}`;
    assert.deepEqual((await list({ project_name: missing })).body, { code: 404, message: `Project name: ${missing} not found` });
    const unknownId = v7();
    assert.deepEqual((await list({ project_id: unknownId })).body, { code: 404, message: `Project id: ${unknownId} not found` });
    assert.equal((await list({ project_id: "not-a-uuid" })).status, 404);
    assert.equal((await http.get(`/v1/private/spans/stats${qs({ project_name: missing })}`)).status, 404);
    const upper = await list({ project_name: project.toUpperCase() });
    assert.equal(upper.body.total, 1);
    const id = upper.body.content[0].project_id;
    const both = await list({ project_id: id, project_name: missing });
    assert.equal(both.status, 200);
    assert.equal(both.body.total, 1);
  });
});

describe("GET /spans/{id}", () => {
  const project = `one-${v7()}`;
  const id = v7();
  before(async () => {
    await create(project, [{ id, input: { q: "x".repeat(20_000) } }]);
    assert.equal((await http.put("/v1/private/spans/feedback-scores", { scores: [{ id, project_name: project, name: "Quality", value: 0.75, source: "ui" }] })).status, 204);
    assert.equal((await http.post(`/v1/private/spans/${id}/comments`, { text: "looks right" })).status, 201);
  });

  it("returns project_name, scores and comments, never truncated", async () => {
    const res = await http.get(`/v1/private/spans/${id}`);
    assert.equal(res.status, 200);
    assert.equal(res.body.project_name, project);
    assert.equal(res.body.feedback_scores[0].name, "Quality");
    assert.equal(res.body.feedback_scores[0].value, 0.75);
    assert.equal(res.body.comments[0].text, "looks right");
    assert.equal(res.body.input.q.length, 20_000);
    const listed = await list({ project_name: project });
    assert.equal(listed.body.content[0].feedback_scores[0].name, "Quality");
    assert.equal(listed.body.content[0].comments[0].text, "looks right");
  });

  it("unknown or malformed ids → 404", async () => {
    const unknown = v7();
    assert.deepEqual((await http.get(`/v1/private/spans/${unknown}`)).body, { code: 404, message: `Span id: ${unknown} not found` });
    assert.equal((await http.get("/v1/private/spans/not-a-uuid")).status, 404);
  });
});

describe("exclude and truncate", () => {
  const project = `shape-${v7()}`;
  const PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
  const id = v7();
  before(async () => {
    await create(project, [{
      id, name: "shaped", input: { image: PNG, long: "y".repeat(12_000), quote: 'say "hi"' }, output: { ok: true }, metadata: { shot: PNG },
      usage: { total_tokens: 3 }, tags: ["t"], model: "m",
    }]);
    await http.put("/v1/private/spans/feedback-scores", { scores: [{ id, project_name: project, name: "q", value: 1, source: "sdk" }] });
  });

  it("exclude drops the named fields and keeps the rest", async () => {
    const exclude = ["input", "output", "metadata", "feedback_scores", "comments", "usage", "name", "tags"];
    const res = await list({ project_name: project, exclude });
    assert.equal(res.status, 200);
    const span = res.body.content[0];
    for (const field of exclude) assert.ok(!(field in span), `${field} is excluded`);
    for (const field of ["id", "project_id", "trace_id", "start_time", "model", "last_updated_at"]) assert.ok(field in span, `${field} is kept`);
    const kept = await list({ project_name: project });
    assert.ok(["input", "output", "metadata", "feedback_scores", "usage", "name", "tags"].every((f) => f in kept.body.content[0]));
  });

  it("invalid exclude → 400", async () => {
    for (const exclude of ['["id"]', '["nope"]', "input"]) {
      const res = await list({ project_name: project, exclude });
      assert.deepEqual([res.status, res.body], [400, { code: 400, message: `Invalid query param exclude '${exclude}'` }]);
    }
  });

  it("truncate=true replaces images and cuts long values; default is false", async () => {
    const cut = (await list({ project_name: project, truncate: "true" })).body.content[0];
    assert.equal(cut.input.image, "[image]");
    assert.equal(cut.metadata.shot, "[image]");
    assert.equal(cut.input.long.length, 10_001);
    assert.equal(cut.input.quote, 'say "hi"');
    const full = (await list({ project_name: project })).body.content[0];
    assert.equal(full.input.image, PNG);
    assert.equal(full.input.long.length, 12_000);
  });
});

describe("search", () => {
  const project = `search-${v7()}`;
  before(() =>
    create(project, [
      { name: "zebra crossing" },
      { name: "plain", input: { text: "Quokka habitat notes" } },
      { name: "other", model: "falcon-xyz" },
    ]),
  );
  const total = async (search: string) => (await list({ project_name: project, search })).body.total;

  it("finds words in name, input and model; case-insensitive word prefixes", async () => {
    assert.equal(await total("zebra"), 1);
    assert.equal(await total("QUOKKA"), 1);
    assert.equal(await total("falc"), 1);
    assert.equal(await total("quokka habitat"), 1);
    assert.equal(await total("zebra quokka"), 0, "every word must match the same span");
    assert.equal(await total("nomatchword"), 0);
    assert.equal(await total("[[ ]] -"), 0, "text without letters or digits matches nothing");
    assert.equal(await total("   "), 3, "blank search is no search");
  });

  it("a word with punctuation inside needs each of its parts, the last as a prefix", async () => {
    assert.equal(await total("falcon-xy"), 1);
    assert.equal(await total("FALCON_xyz"), 1);
    assert.equal(await total("falc-xyz"), 0, "the parts before the last are whole words");
    assert.equal(await total("falcon-abc"), 0);
    assert.equal(await total('"quokka"'), 1, "quotes are punctuation, not query syntax");
    assert.equal(await total("qu\u0301okka"), 1, "a combining accent stays inside its word");
    assert.equal(await total("zebra\u19b0crossing"), 1, "a letter the tokenizer takes for a mark separates words");
  });
});

describe("from_time / to_time", () => {
  const project = `window-${v7()}`;
  const t0 = Date.UTC(2024, 4, 1, 12, 0, 0);
  const iso = (ms: number) => new Date(ms).toISOString();
  before(() => create(project, [{ id: idAt(t0) }, { id: idAt(t0 + 1000) }, { id: idAt(t0 + 2000) }]));

  it("selects by the creation time in the id, bounds inclusive at ms", async () => {
    assert.equal((await list({ project_name: project, from_time: iso(t0 + 1000) })).body.total, 2);
    assert.equal((await list({ project_name: project, to_time: iso(t0 + 1000) })).body.total, 2);
    assert.equal((await list({ project_name: project, from_time: iso(t0 + 500), to_time: iso(t0 + 1500) })).body.total, 1);
    assert.equal((await list({ project_name: project, from_time: iso(t0 + 2001) })).body.total, 0);
  });

  it("from_time must be before to_time; unparsable instants → 404", async () => {
    for (const [from, to] of [[t0, t0], [t0 + 1, t0]]) {
      const res = await list({ project_name: project, from_time: iso(from!), to_time: iso(to!) });
      assert.deepEqual([res.status, res.body], [400, { code: 400, message: "Parameter 'from_time' must be before 'to_time'" }]);
    }
    assert.equal((await list({ project_name: project, from_time: "yesterday" })).status, 404);
  });
});
