import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { v7 } from "uuid";
import { api, qs } from "../support/api";
import { startServer, type TestServer } from "../support/server";

/**
 * The `sorting` param (§7) on GET /spans: every sortable field in both directions over four spans
 * whose values are chosen so each field gives its own order. Ties fall back to id descending;
 * nullable end_time/duration/ttft sort NULLs last both ways; a missing usage key or score sorts as
 * 0 just before a real 0.
 */
let server: TestServer;
let http: ReturnType<typeof api>;
const project = `sort-${v7()}`;

function idAt(ms: number): string {
  const hex = ms.toString(16).padStart(12, "0");
  const r = randomUUID().replace(/-/g, "");
  return `${hex.slice(0, 8)}-${hex.slice(8)}-7${r.slice(0, 3)}-a${r.slice(4, 7)}-${r.slice(7, 19)}`;
}
const T = Date.UTC(2024, 4, 1);
const at = (s: number) => new Date(T + s * 1000).toISOString();
const ids = { S1: idAt(T + 1), S2: idAt(T + 2), S3: idAt(T + 3), S4: idAt(T + 4) };
const parent = { a: idAt(T + 10), b: idAt(T + 11), c: idAt(T + 12) };

const spans = [
  {
    id: ids.S1, trace_id: idAt(T + 40), name: "delta", type: "tool", input: { q: "b" }, output: { r: "z" }, metadata: { m: 2 },
    start_time: at(3), ttft: 30, usage: { total_tokens: 300, foo: 7 }, tags: ["b"], last_updated_at: "2024-06-04T00:00:00Z",
    model: "m-b", provider: "p-c", total_estimated_cost: 0.3, error_info: { exception_type: "B", traceback: "tb" },
  },
  {
    id: ids.S2, trace_id: idAt(T + 30), parent_span_id: parent.b, name: "alpha", type: "llm", input: { q: "a" }, output: null,
    metadata: { m: 1 }, start_time: at(1), end_time: at(6), usage: { total_tokens: 100, foo: 0 }, tags: ["a"],
    last_updated_at: "2024-06-01T00:00:00Z", provider: "p-a", total_estimated_cost: 0.1,
  },
  {
    id: ids.S3, trace_id: idAt(T + 10), parent_span_id: parent.a, name: "charlie", type: "general", input: null, output: { r: "x" },
    metadata: { m: 3 }, start_time: at(4), end_time: at(5), ttft: 10, last_updated_at: "2024-06-03T00:00:00Z", model: "m-a",
    provider: "p-b", error_info: { exception_type: "A", traceback: "tb" },
  },
  {
    id: ids.S4, trace_id: idAt(T + 20), parent_span_id: parent.c, name: "bravo", type: "guardrail", input: { q: "c" },
    output: { r: "y" }, metadata: null, start_time: at(2), end_time: at(4), ttft: 20, usage: { total_tokens: 200, foo: 3 },
    tags: ["c"], last_updated_at: "2024-06-02T00:00:00Z", model: "m-c", total_estimated_cost: 0.2,
  },
];

before(async () => {
  server = await startServer();
  http = api(server.apiUrl);
  const res = await http.post("/v1/private/spans/batch", { spans: spans.map((s) => ({ project_name: project, ...s })) });
  assert.equal(res.status, 204, res.text);
  const scores = [[ids.S1, 0.5], [ids.S3, 0.9], [ids.S4, 0]].map(([id, value]) => ({ id, project_name: project, name: "quality", value, source: "sdk" }));
  assert.equal((await http.put("/v1/private/spans/feedback-scores", { scores })).status, 204);
});
after(() => server.stop());

const label: Record<string, string> = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k]));

async function order(sorting: unknown): Promise<string> {
  const res = await http.get(`/v1/private/spans${qs({ project_name: project, sorting })}`);
  assert.equal(res.status, 200, res.text);
  return res.body.content.map((s: { id: string }) => label[s.id]).join(" ");
}

// field → [ASC order, DESC order]
const EXPECTED: Record<string, [string, string]> = {
  id: ["S1 S2 S3 S4", "S4 S3 S2 S1"],
  name: ["S2 S4 S3 S1", "S1 S3 S4 S2"],
  type: ["S3 S4 S2 S1", "S1 S2 S4 S3"],
  trace_id: ["S3 S4 S2 S1", "S1 S2 S4 S3"],
  parent_span_id: ["S1 S3 S2 S4", "S4 S2 S3 S1"],
  input: ["S3 S2 S1 S4", "S4 S1 S2 S3"],
  output: ["S2 S3 S4 S1", "S1 S4 S3 S2"],
  metadata: ["S4 S2 S1 S3", "S3 S1 S2 S4"],
  start_time: ["S2 S4 S1 S3", "S3 S1 S4 S2"],
  end_time: ["S4 S3 S2 S1", "S2 S3 S4 S1"],
  duration: ["S3 S4 S2 S1", "S2 S4 S3 S1"],
  ttft: ["S3 S4 S1 S2", "S1 S4 S3 S2"],
  "usage.total_tokens": ["S3 S2 S4 S1", "S1 S4 S2 S3"],
  "usage.foo": ["S3 S2 S4 S1", "S1 S4 S2 S3"],
  tags: ["S3 S2 S1 S4", "S4 S1 S2 S3"],
  created_at: ["S4 S3 S2 S1", "S4 S3 S2 S1"],
  last_updated_at: ["S2 S4 S3 S1", "S1 S3 S4 S2"],
  model: ["S2 S3 S1 S4", "S4 S1 S3 S2"],
  provider: ["S4 S2 S3 S1", "S1 S3 S2 S4"],
  total_estimated_cost: ["S3 S2 S4 S1", "S1 S4 S2 S3"],
  error_info: ["S4 S2 S3 S1", "S1 S3 S4 S2"],
  created_by: ["S4 S3 S2 S1", "S4 S3 S2 S1"],
  "feedback_scores.quality": ["S2 S4 S1 S3", "S3 S1 S4 S2"],
};

describe("sorting by each field", () => {
  for (const [field, [asc, desc]] of Object.entries(EXPECTED)) {
    it(field, async () => {
      assert.equal(await order([{ field, direction: "ASC" }]), asc, `${field} ASC`);
      assert.equal(await order([{ field, direction: "DESC" }]), desc, `${field} DESC`);
    });
  }
});

describe("sorting param rules", () => {
  const DEFAULT = "S1 S2 S4 S3"; // (trace_id, parent_span_id, id) DESC

  it("no sorting is the default order", async () => {
    assert.equal(await order(undefined), DEFAULT);
  });

  it("spans without the score come first on ASC and last on DESC", async () => {
    const asc = (await order([{ field: "feedback_scores.quality", direction: "ASC" }])).split(" ");
    assert.equal(asc[0], "S2");
    const desc = (await order([{ field: "feedback_scores.quality", direction: "DESC" }])).split(" ");
    assert.equal(desc.at(-1), "S2");
  });

  it("unknown fields are ignored; only the first field counts; direction defaults to ASC", async () => {
    assert.equal(await order([{ field: "nope", direction: "ASC" }]), DEFAULT);
    assert.equal(await order([{ field: "last_updated_by", direction: "ASC" }]), DEFAULT);
    assert.equal(await order([{ field: "feedback_scores.", direction: "ASC" }]), DEFAULT);
    assert.equal(await order([{ field: "name", direction: "DESC" }, { field: "id", direction: "ASC" }]), EXPECTED.name![1]);
    assert.equal(await order([{ field: "nope" }, { field: "name", direction: "ASC" }]), DEFAULT);
    assert.equal(await order([{ field: "name" }]), EXPECTED.name![0]);
  });

  it("invalid JSON → 400 Invalid sorting query parameter", async () => {
    for (const sorting of ["name:asc", '{"field":"name"}', '[{"field":"name","direction":"UP"}]']) {
      const res = await http.get(`/v1/private/spans${qs({ project_name: project, sorting })}`);
      assert.deepEqual([res.status, res.body], [400, { code: 400, message: `Invalid sorting query parameter '${sorting}'` }]);
    }
  });

  it("sorting does not change the total and works with paging", async () => {
    const res = await http.get(`/v1/private/spans${qs({ project_name: project, sorting: [{ field: "name", direction: "ASC" }], page: 2, size: 3 })}`);
    assert.equal(res.body.total, 4);
    assert.deepEqual(res.body.content.map((s: { id: string }) => label[s.id]), ["S1"]);
  });
});
