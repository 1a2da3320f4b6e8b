import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { v7 } from "uuid";
import { api, qs } from "../support/api";
import { startServer, type TestServer } from "../support/server";

/** GET /spans/stats (§11) against numbers computed by hand for four known spans. */
let server: TestServer;
let http: ReturnType<typeof api>;
const project = `stats-${v7()}`;
const ids = { S1: v7(), S2: v7(), S3: v7(), S4: v7() };
const err = { exception_type: "E", traceback: "tb" };

before(async () => {
  server = await startServer();
  http = api(server.apiUrl);
  const base = { project_name: project, trace_id: v7(), start_time: "2024-05-01T10:00:00Z", input: null, output: null, metadata: null };
  const spans = [
    { ...base, id: ids.S1, name: "one", type: "llm", end_time: "2024-05-01T10:00:01Z", input: { q: 1 }, output: { a: 1 }, metadata: { a: 1 },
      tags: ["x", "y"], total_estimated_cost: 0.2, usage: { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30, cached: 4 } },
    { ...base, id: ids.S2, name: "two", type: "llm", end_time: "2024-05-01T10:00:02Z", input: { q: 2 }, tags: ["x"], total_estimated_cost: 0.4,
      usage: { prompt_tokens: 30 }, error_info: err },
    { ...base, id: ids.S3, name: "three", type: "tool", end_time: "2024-05-01T10:00:04Z" },
    { ...base, id: ids.S4, name: "four", type: "general", input: { q: 4 }, metadata: { b: 2 }, usage: { cached: 6 }, error_info: err },
  ];
  assert.equal((await http.post("/v1/private/spans/batch", { spans })).status, 204);
  const scores = [
    { id: ids.S1, name: "Quality", value: 1 },
    { id: ids.S2, name: "Quality", value: 0.5 },
    { id: ids.S2, name: "Speed", value: 0.2 },
  ].map((s) => ({ ...s, project_name: project, source: "sdk" }));
  assert.equal((await http.put("/v1/private/spans/feedback-scores", { scores })).status, 204);
});
after(() => server.stop());

async function stats(params: Record<string, unknown>) {
  const res = await http.get(`/v1/private/spans/stats${qs({ project_name: project, ...params })}`);
  assert.equal(res.status, 200, res.text);
  return res.body.stats as { name: string; type: string; value: unknown }[];
}

const item = (name: string, type: string, value: unknown) => ({ name, type, value });

describe("GET /spans/stats", () => {
  it("computes every item, in Opik's order, for the whole project", async () => {
    assert.deepEqual(await stats({}), [
      item("span_count", "COUNT", 4),
      // durations 1000, 2000, 4000 ms (S4 has no end_time): linear interpolation at p·(n−1)
      item("duration", "PERCENTAGE", { p50: 2000, p90: 3600, p99: 3960 }),
      item("input", "COUNT", 3),
      item("output", "COUNT", 1),
      item("metadata", "COUNT", 2),
      item("tags", "AVG", 0.75),
      item("total_estimated_cost", "AVG", 0.3),
      item("total_estimated_cost_sum", "AVG", 0.6),
      item("usage.cached", "AVG", 5),
      item("usage.completion_tokens", "AVG", 20),
      item("usage.prompt_tokens", "AVG", 20),
      item("usage.total_tokens", "AVG", 30),
      item("feedback_scores.Quality", "AVG", 0.75),
      item("feedback_scores.Speed", "AVG", 0.2),
      item("error_count", "COUNT", 2),
    ]);
  });

  it("applies the same predicates as the list (type param)", async () => {
    assert.deepEqual(await stats({ type: "llm" }), [
      item("span_count", "COUNT", 2),
      item("duration", "PERCENTAGE", { p50: 1500, p90: 1900, p99: 1990 }),
      item("input", "COUNT", 2),
      item("output", "COUNT", 1),
      item("metadata", "COUNT", 1),
      item("tags", "AVG", 1.5),
      item("total_estimated_cost", "AVG", 0.3),
      item("total_estimated_cost_sum", "AVG", 0.6),
      item("usage.cached", "AVG", 4),
      item("usage.completion_tokens", "AVG", 20),
      item("usage.prompt_tokens", "AVG", 20),
      item("usage.total_tokens", "AVG", 30),
      item("feedback_scores.Quality", "AVG", 0.75),
      item("feedback_scores.Speed", "AVG", 0.2),
      item("error_count", "COUNT", 1),
    ]);
  });

  it("filters that select every span give the same numbers as no filter", async () => {
    const all = await stats({});
    assert.deepEqual(await stats({ filters: [{ field: "name", operator: "!=", value: "nobody" }] }), all);
  });

  it("filters, search and trace_id narrow the numbers", async () => {
    const filtered = await stats({ filters: [{ field: "feedback_scores", operator: "is_empty", key: "quality", value: "" }] });
    assert.deepEqual(filtered.find((s) => s.name === "span_count")?.value, 2);
    assert.deepEqual(filtered.find((s) => s.name === "duration")?.value, { p50: 4000, p90: 4000, p99: 4000 });
    assert.ok(!filtered.some((s) => s.name.startsWith("feedback_scores.")), "no score averages without scored spans");
    assert.deepEqual(filtered.map((s) => s.name).filter((n) => n.startsWith("usage.")), ["usage.cached"]);
    const searched = await stats({ search: "three" });
    assert.deepEqual(searched.find((s) => s.name === "span_count")?.value, 1);
    assert.equal(searched.at(-1)?.name, "error_count");
    const none = await stats({ trace_id: v7() });
    assert.deepEqual(none, []);
  });

  it("list totals for a search when the project holds every span (counted from the search index)", async () => {
    const total = async (search: string) => (await http.get(`/v1/private/spans${qs({ project_name: project, search })}`)).body.total;
    assert.equal(await total("tw"), 1);
    assert.equal(await total("THREE"), 1);
    assert.equal(await total("zzz"), 0);
    assert.equal(await total("-- [[]] !"), 0, "text without letters or digits matches nothing");
    const page = await http.get(`/v1/private/spans${qs({ project_name: project, search: "one", size: 5 })}`);
    assert.deepEqual(page.body.content.map((s: { name: string }) => s.name), ["one"]);
  });

  it("model and provider percentiles count the spans without a provider too", async () => {
    // The provider percentile index holds only spans with a provider; these scopes must not lose the others.
    const mixed = `providers-${v7()}`;
    const at = (seconds: number, model: string, provider?: string) => ({
      project_name: mixed, trace_id: v7(), name: model, model, provider,
      start_time: "2024-05-01T10:00:00Z", end_time: `2024-05-01T10:00:0${seconds}Z`,
    });
    const spans = [at(1, "solo"), at(3, "solo"), at(1, "mixed", "p1"), at(2, "mixed"), at(4, "mixed"), at(1, "one", "p1"), at(2, "one", "p1"), at(3, "one", "p1")];
    assert.equal((await http.post("/v1/private/spans/batch", { spans })).status, 204);
    const duration = async (field: string, value: string) => {
      const res = await http.get(`/v1/private/spans/stats${qs({ project_name: mixed, filters: [{ field, operator: "=", value }] })}`);
      return (res.body.stats as { name: string; value: unknown }[]).find((s) => s.name === "duration")?.value;
    };
    assert.deepEqual(await duration("model", "solo"), { p50: 2000, p90: 2800, p99: 2980 });
    assert.deepEqual(await duration("model", "mixed"), { p50: 2000, p90: 3600, p99: 3960 });
    assert.deepEqual(await duration("model", "one"), { p50: 2000, p90: 2800, p99: 2980 });
    assert.deepEqual(await duration("provider", "P1"), { p50: 1500, p90: 2700, p99: 2970 });
  });

  it("an empty project has no stats", async () => {
    const empty = `empty-${v7()}`;
    assert.equal((await http.post("/v1/private/projects", { name: empty })).status, 201);
    const res = await http.get(`/v1/private/spans/stats${qs({ project_name: empty })}`);
    assert.deepEqual([res.status, res.body], [200, { stats: [] }]);
  });

  it("the time window and invalid params are validated like the list", async () => {
    const res = await http.get(`/v1/private/spans/stats${qs({ project_name: project, from_time: "2024-05-02T00:00:00Z", to_time: "2024-05-01T00:00:00Z" })}`);
    assert.deepEqual(res.body, { code: 400, message: "Parameter 'from_time' must be before 'to_time'" });
    const future = await stats({ from_time: "2999-01-01T00:00:00Z" });
    assert.deepEqual(future, []);
  });
});
