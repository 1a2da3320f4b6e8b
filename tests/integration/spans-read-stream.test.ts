import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { v7 } from "uuid";
import { api, qs } from "../support/api";
import { startServer, type TestServer } from "../support/server";

/** POST /spans/search (§12): framing, order, cursor, limits, options and errors before streaming. */
let server: TestServer;
let http: ReturnType<typeof api>;
const project = `stream-${v7()}`;
const ids: string[] = [];
let imageId = "";
let scoredId = "";
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

before(async () => {
  server = await startServer();
  http = api(server.apiUrl);
  for (let i = 0; i < 250; i++) ids.push(v7());
  const spans = ids.map((id, i) => ({
    id, project_name: project, trace_id: v7(), name: `s${i}`, type: i % 2 ? "llm" : "tool", start_time: "2024-05-01T10:00:00Z",
    input: i === 0 ? { image: PNG } : null, output: null, metadata: { i },
  }));
  assert.equal((await http.post("/v1/private/spans/batch", { spans })).status, 204);
  const score = { id: ids[5], project_name: project, name: "q", value: 1, source: "sdk" };
  assert.equal((await http.put("/v1/private/spans/feedback-scores", { scores: [score] })).status, 204);
  [imageId, scoredId] = [ids[0]!, ids[5]!];
  ids.sort().reverse();
});
after(() => server.stop());

async function stream(body: Record<string, unknown>) {
  const res = await fetch(`${server.apiUrl}/v1/private/spans/search`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ project_name: project, ...body }),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get("content-type"), text };
}

const lines = (text: string) => {
  assert.ok(text === "" || text.endsWith("\r\n"), "every item ends with \\r\\n");
  return text.split("\r\n").slice(0, -1).map((l) => JSON.parse(l) as Record<string, unknown>);
};

describe("POST /spans/search", () => {
  it("streams compact JSON lines as octet-stream, newest id first, 500 by default", async () => {
    const res = await stream({});
    assert.equal(res.status, 200);
    assert.equal(res.type, "application/octet-stream");
    const items = lines(res.text);
    assert.equal(items.length, 250);
    assert.deepEqual(items.map((s) => s.id), ids);
    assert.ok(!res.text.includes("\n\n") && !res.text.includes(": "), "compact JSON");
    assert.ok(!("project_name" in items[0]!));
    assert.deepEqual(items.filter((s) => Array.isArray(s.feedback_scores)).map((s) => s.id), [scoredId], "items carry their scores");
  });

  it("limit and the strictly-older cursor page through everything", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = lines((await stream({ limit: 120, last_retrieved_id: cursor })).text);
      seen.push(...page.map((s) => s.id as string));
      if (page.length < 120) break;
      cursor = page.at(-1)!.id as string;
    }
    assert.deepEqual(seen, ids);
    const two = lines((await stream({ limit: 2, last_retrieved_id: ids[10] })).text);
    assert.deepEqual(two.map((s) => s.id), [ids[11], ids[12]]);
  });

  it("applies type, trace_id and filters", async () => {
    assert.equal(lines((await stream({ type: "LLM", limit: 2000 })).text).length, 125);
    const filtered = lines((await stream({ filters: [{ field: "metadata", operator: ">", key: "i", value: "246" }] })).text);
    assert.deepEqual(filtered.map((s) => s.name).sort(), ["s247", "s248", "s249"]);
    assert.equal(lines((await stream({ trace_id: v7() })).text).length, 0);
  });

  it("truncate defaults to false; exclude drops fields", async () => {
    const find = (text: string) => lines(text).find((s) => s.id === imageId)!;
    assert.equal((find((await stream({ limit: 2000 })).text).input as { image: string }).image, PNG);
    assert.equal((find((await stream({ limit: 2000, truncate: true })).text).input as { image: string }).image, "[image]");
    const slim = lines((await stream({ limit: 1, exclude: ["metadata", "name"] })).text)[0]!;
    assert.ok(!("metadata" in slim) && !("name" in slim) && "trace_id" in slim);
  });

  it("limit must be within 1..2000 → 422", async () => {
    let res = await http.post("/v1/private/spans/search", { project_name: project, limit: 0 });
    assert.deepEqual([res.status, res.body], [422, { errors: ["limit must be greater than or equal to 1"] }]);
    res = await http.post("/v1/private/spans/search", { project_name: project, limit: 2001 });
    assert.deepEqual([res.status, res.body], [422, { errors: ["limit must be less than or equal to 2000"] }]);
  });

  it("errors come back before streaming, as ordinary JSON errors", async () => {
    let res = await http.post("/v1/private/spans/search", {});
    assert.deepEqual([res.status, res.body], [400, { code: 400, message: "Either 'project_name' or 'project_id' query params must be provided" }]);
    const missing = `missing-${v7()}`;
    res = await http.post("/v1/private/spans/search", { project_name: missing });
    assert.deepEqual([res.status, res.body], [404, { code: 404, message: `Project name: ${missing} not found` }]);
    res = await http.post("/v1/private/spans/search", { project_id: "Ellipsis" });
    assert.equal(res.status, 400);
    assert.match(res.body.message, /^Unable to process JSON\. /);
    res = await http.post("/v1/private/spans/search", { project_name: project, exclude: ["nope"] });
    assert.equal(res.status, 400);
    assert.match(res.body.message, /^Unable to process JSON\. /);
    res = await http.post("/v1/private/spans/search", { project_name: project, from_time: "2024-05-02T00:00:00Z", to_time: "2024-05-01T00:00:00Z" });
    assert.deepEqual(res.body, { code: 400, message: "Parameter 'from_time' must be before 'to_time'" });
    assert.equal(res.headers.get("content-type"), "application/json");
  });

  it("list pages over many matches read them in index order, testing rows as they go", async () => {
    const page = async (params: Record<string, unknown>) =>
      (await http.get(`/v1/private/spans${qs({ project_name: project, ...params })}`)).body as { total: number; content: { name: string }[] };
    const meta = await page({ size: 5, filters: [{ field: "metadata", operator: ">", key: "i", value: "100" }] });
    assert.equal(meta.total, 149);
    assert.deepEqual(meta.content.map((s) => s.name), ["s249", "s248", "s247", "s246", "s245"]);
    const both = await page({ size: 3, page: 2, search: "s24", filters: [{ field: "type", operator: "=", value: "llm" }] });
    assert.equal(both.total, 5);
    assert.deepEqual(both.content.map((s) => s.name), ["s243", "s241"]);
  });

  it("from_time / to_time select by id creation time", async () => {
    assert.equal(lines((await stream({ from_time: "2999-01-01T00:00:00Z" })).text).length, 0);
    assert.equal(lines((await stream({ to_time: "2999-01-01T00:00:00Z", limit: 2000 })).text).length, 250);
  });
});
