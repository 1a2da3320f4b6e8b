import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { v7 } from "uuid";
import { api, qs } from "../support/api";
import { startServer, type TestServer } from "../support/server";

/**
 * Every span filter operator per field type (§6.3), positive and negative, over four spans with
 * known values. Each case is checked on GET /spans, GET /spans/stats and POST /spans/search, which
 * must select the same spans.
 */
let server: TestServer;
let http: ReturnType<typeof api>;
const project = `filters-${v7()}`;
const traceA = v7();
const traceB = v7();
const ids = { A: v7(), B: v7(), C: v7(), D: v7() };

const spans = [
  {
    id: ids.A, trace_id: traceA, name: "Alpha Call", type: "llm", model: "GPT-4o", provider: "OpenAI",
    start_time: "2024-05-01T10:00:00Z", end_time: "2024-05-01T10:00:01.500Z", ttft: 100,
    input: { prompt: "Hello World", n: [1, 2] }, output: { answer: "Paris" },
    metadata: { model: [{ version: "gpt-4" }], temp: 0.7, flag: true, nothing: null, env: "Prod", "my-key": "hy", nested: { x: 1 }, num_str: "12" },
    tags: ["alpha", "Common"], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 }, total_estimated_cost: 0.5,
    error_info: { exception_type: "ValueError", message: "bad", traceback: "tb" }, source: "sdk", environment: "prod",
  },
  {
    id: ids.B, trace_id: traceA, parent_span_id: ids.A, name: "beta tool", type: "tool",
    start_time: "2024-05-02T00:00:00Z", end_time: "2024-05-02T00:00:10Z",
    input: { prompt: "goodbye" }, output: null, metadata: { temp: 1.5, env: "dev", flag: false, model: [{ version: "gpt-3.5" }] },
    tags: ["beta"], usage: { prompt_tokens: 100 }, source: "experiment", environment: "staging",
  },
  { id: ids.C, trace_id: traceB, name: "Gamma", type: "general", start_time: "2024-05-03T00:00:00Z", input: null, output: null, metadata: null },
  {
    id: ids.D, trace_id: traceB, name: "delta%_x", type: "guardrail", start_time: "2024-05-04T00:00:00Z", end_time: "2024-05-04T00:00:00.500Z",
    input: ["first", { provider: "openai" }], output: null, metadata: { temp: "abc", env: "" }, tags: ["x+y"], source: "playground",
  },
];

before(async () => {
  server = await startServer();
  http = api(server.apiUrl);
  const created = await http.post("/v1/private/spans/batch", { spans: spans.map((s) => ({ project_name: project, ...s })) });
  assert.equal(created.status, 204, created.text);
  const scored = await http.put("/v1/private/spans/feedback-scores", {
    scores: [
      { id: ids.A, project_name: project, name: "Accuracy", value: 0.9, source: "sdk" },
      { id: ids.B, project_name: project, name: "accuracy", value: 0.3, source: "sdk" },
      { id: ids.B, project_name: project, name: "Relevance", value: 1, source: "ui" },
      { id: ids.D, project_name: project, name: "relevance", value: 0.5, source: "sdk" },
    ],
  });
  assert.equal(scored.status, 204, scored.text);
});
after(() => server.stop());

type F = { field: string; operator: string; key?: string | null; value: string };
const nameOf: Record<string, string> = { [ids.A]: "A", [ids.B]: "B", [ids.C]: "C", [ids.D]: "D" };

/** The spans a filter list selects, as letters, checked to agree across list, stats and stream. */
async function match(...filters: F[]): Promise<string> {
  return matchWith({}, ...filters);
}

async function matchWith(extra: Record<string, string>, ...filters: F[]): Promise<string> {
  const list = await http.get(`/v1/private/spans${qs({ project_name: project, filters, size: 50, ...extra })}`);
  assert.equal(list.status, 200, list.text);
  const got = (list.body.content as { id: string }[]).map((s) => nameOf[s.id]!).sort().join("");
  assert.equal(list.body.total, got.length, "total counts the same predicates");
  const stats = await http.get(`/v1/private/spans/stats${qs({ project_name: project, filters, ...extra })}`);
  assert.equal(stats.status, 200, stats.text);
  const count = stats.body.stats.find((s: { name: string }) => s.name === "span_count")?.value ?? 0;
  assert.equal(count, got.length, "stats select the same spans");
  if (Object.keys(extra).length > 0) return got; // the stream has no free-text search
  const stream = await http.post("/v1/private/spans/search", { project_name: project, filters });
  assert.equal(stream.status, 200, stream.text);
  const streamed = stream.text.split("\r\n").filter(Boolean).map((l) => nameOf[JSON.parse(l).id]!).sort().join("");
  assert.equal(streamed, got, "the stream selects the same spans");
  return got;
}

const f = (field: string, operator: string, value = "", key?: string): F => ({ field, operator, value, ...(key === undefined ? {} : { key }) });

describe("STRING fields", () => {
  it("name: = != contains not_contains starts_with ends_with > < (case-insensitive)", async () => {
    assert.equal(await match(f("name", "=", "ALPHA call")), "A");
    assert.equal(await match(f("name", "!=", "alpha call")), "BCD");
    assert.equal(await match(f("name", "contains", "A C")), "A");
    assert.equal(await match(f("name", "contains", "%_")), "D", "LIKE wildcards in the value are literal");
    assert.equal(await match(f("name", "contains", "zzz")), "");
    assert.equal(await match(f("name", "not_contains", "L")), "C");
    assert.equal(await match(f("name", "starts_with", "BE")), "B");
    assert.equal(await match(f("name", "ends_with", "MA")), "C");
    assert.equal(await match(f("name", ">", "C")), "CD");
    assert.equal(await match(f("name", "<", "b")), "A");
  });

  it("id and trace_id compare as text", async () => {
    assert.equal(await match(f("id", "=", ids.A.toUpperCase())), "A");
    assert.equal(await match(f("id", "contains", ids.C.slice(-8))), "C");
    assert.equal(await match(f("trace_id", "=", traceB)), "CD");
    assert.equal(await match(f("trace_id", "!=", traceB)), "AB");
  });

  it("input/output match the raw stored JSON text; a missing payload is empty text", async () => {
    assert.equal(await match(f("input", "contains", "hello world")), "A");
    assert.equal(await match(f("input", "=", '{"prompt":"GOODBYE"}')), "B");
    assert.equal(await match(f("input", "starts_with", '["first"')), "D");
    assert.equal(await match(f("output", "contains", "paris")), "A");
    assert.equal(await match(f("output", "not_contains", "paris")), "BCD");
  });

  it("model, provider and error_type (missing values are empty text)", async () => {
    assert.equal(await match(f("model", "=", "gpt-4o")), "A");
    assert.equal(await match(f("model", "!=", "gpt-4o")), "BCD");
    assert.equal(await match(f("provider", "ends_with", "AI")), "A");
    assert.equal(await match(f("error_type", "=", "valueerror")), "A");
    assert.equal(await match(f("error_type", "not_contains", "value")), "BCD");
  });
});

describe("DATE_TIME fields", () => {
  it("start_time with every operator", async () => {
    const t = "2024-05-02T00:00:00Z";
    assert.equal(await match(f("start_time", "=", t)), "B");
    assert.equal(await match(f("start_time", "!=", t)), "ACD");
    assert.equal(await match(f("start_time", ">", t)), "CD");
    assert.equal(await match(f("start_time", ">=", t)), "BCD");
    assert.equal(await match(f("start_time", "<", t)), "A");
    assert.equal(await match(f("start_time", "<=", "2024-05-02T00:00:00.000000Z")), "AB");
  });

  it("end_time never matches a span without one; created_at/last_updated_at are filterable", async () => {
    assert.equal(await match(f("end_time", ">", "2024-01-01T00:00:00Z")), "ABD");
    assert.equal(await match(f("end_time", "=", "2024-05-01T10:00:01.5Z")), "A");
    assert.equal(await match(f("created_at", ">", "2020-01-01T00:00:00Z")), "ABCD");
    assert.equal(await match(f("last_updated_at", "<", "2020-01-01T00:00:00Z")), "");
  });
});

describe("NUMBER fields", () => {
  it("total_estimated_cost and usage counters (a missing counter is 0)", async () => {
    assert.equal(await match(f("total_estimated_cost", ">", "0")), "A");
    assert.equal(await match(f("total_estimated_cost", "=", "0.5")), "A");
    assert.equal(await match(f("usage.prompt_tokens", ">=", "10")), "AB");
    assert.equal(await match(f("usage.prompt_tokens", "<", "50")), "ACD");
    assert.equal(await match(f("usage.completion_tokens", "=", "5")), "A");
    assert.equal(await match(f("usage.total_tokens", "!=", "15")), "BCD");
    assert.equal(await match(f("usage.total_tokens", "<=", "-1")), "");
  });

  it("duration in ms (no end_time counts as 0) and ttft (absent never matches)", async () => {
    assert.equal(await match(f("duration", ">", "1000")), "AB");
    assert.equal(await match(f("duration", "<", "1000")), "CD");
    assert.equal(await match(f("duration", "=", "0")), "C");
    assert.equal(await match(f("duration", ">=", "1500")), "AB");
    assert.equal(await match(f("duration", "<=", "500")), "CD");
    assert.equal(await match(f("ttft", ">=", "100")), "A");
    assert.equal(await match(f("ttft", "<", "1000")), "A");
    assert.equal(await match(f("ttft", "!=", "5")), "A");
  });
});

describe("LIST (tags)", () => {
  it("contains/not_contains ignore case, =/!= are exact, is_empty/is_not_empty", async () => {
    assert.equal(await match(f("tags", "contains", "OMM")), "A");
    assert.equal(await match(f("tags", "not_contains", "a")), "CD");
    assert.equal(await match(f("tags", "=", "Common")), "A");
    assert.equal(await match(f("tags", "=", "common")), "");
    assert.equal(await match(f("tags", "!=", "beta")), "ACD");
    assert.equal(await match(f("tags", "is_empty")), "C");
    assert.equal(await match(f("tags", "is_not_empty")), "ABD");
  });

  it("decodes the value a second time: %2B is a plus, a raw plus is a space", async () => {
    assert.equal(await match(f("tags", "=", "x%2By")), "D");
    assert.equal(await match(f("tags", "=", "x+y")), "");
  });
});

describe("DICTIONARY (metadata, input_json, output_json)", () => {
  it("= with paths, $. prefix, brackets, quoted keys, booleans and null", async () => {
    assert.equal(await match(f("metadata", "=", "GPT-4", "model[0].version")), "A");
    assert.equal(await match(f("metadata", "=", "gpt-3.5", "$.model[0].version")), "B");
    assert.equal(await match(f("metadata", "=", "HY", "my-key")), "A");
    assert.equal(await match(f("metadata", "=", "hy", "$['my-key']")), "A");
    assert.equal(await match(f("metadata", "=", "TRUE", "flag")), "A");
    assert.equal(await match(f("metadata", "=", "false", "flag")), "B");
    assert.equal(await match(f("metadata", "=", "NULL", "nothing")), "A");
    assert.equal(await match(f("metadata", "=", "0.7", "temp")), "A");
    assert.equal(await match(f("metadata", "=", "gpt%2D4", "model[0].version")), "A", "value decoded twice");
  });

  it("!= contains not_contains starts_with ends_with (missing paths read as empty)", async () => {
    assert.equal(await match(f("metadata", "!=", "prod", "env")), "BCD");
    assert.equal(await match(f("metadata", "contains", "RO", "env")), "A");
    assert.equal(await match(f("metadata", "not_contains", "ro", "env")), "BCD");
    assert.equal(await match(f("metadata", "starts_with", "de", "env")), "B");
    assert.equal(await match(f("metadata", "ends_with", "OD", "env")), "A");
  });

  it("> and < compare numbers only", async () => {
    assert.equal(await match(f("metadata", ">", "1", "temp")), "B");
    assert.equal(await match(f("metadata", "<", "1", "temp")), "A");
    assert.equal(await match(f("metadata", ">", "abc", "temp")), "");
    assert.equal(await match(f("metadata", ">", "11", "num_str")), "A");
    assert.equal(await match(f("metadata", "<", "1", "env")), "");
  });

  it("is_empty = missing, empty or null; objects read as empty", async () => {
    assert.equal(await match(f("metadata", "is_empty", "", "env")), "CD");
    assert.equal(await match(f("metadata", "is_not_empty", "", "env")), "AB");
    assert.equal(await match(f("metadata", "is_empty", "", "nothing")), "ABCD");
    assert.equal(await match(f("metadata", "is_not_empty", "", "nested")), "");
  });

  it("input_json / output_json look inside the payloads", async () => {
    assert.equal(await match(f("input_json", "=", "goodbye", "prompt")), "B");
    assert.equal(await match(f("input_json", "=", "2", "n[1]")), "A");
    assert.equal(await match(f("input_json", ">", "0", "$.n[0]")), "A");
    assert.equal(await match(f("input_json", "=", "openai", "[1].provider")), "D");
    assert.equal(await match(f("input_json", "is_empty", "", "prompt")), "CD");
    assert.equal(await match(f("output_json", "contains", "AR", "answer")), "A");
    assert.equal(await match(f("output_json", "!=", "paris", "answer")), "BCD");
    assert.equal(await match(f("output_json", "is_not_empty", "", "answer")), "A");
  });

  it("custom maps input/output keys to input_json/output_json, bare names to the text field", async () => {
    assert.equal(await match(f("custom", "=", "goodbye", "input.prompt")), "B");
    assert.equal(await match(f("custom", "=", "PARIS", "$.output.answer")), "A");
    assert.equal(await match(f("custom", "contains", "goodbye", "input")), "B");
    assert.equal(await match(f("custom", "=", "openai", "input[1].provider")), "D");
    assert.equal(await match(f("custom", "=", "first", "input[0]")), "D");
  });
});

describe("FEEDBACK_SCORES_NUMBER", () => {
  it("comparisons on the named score, names case-insensitive", async () => {
    assert.equal(await match(f("feedback_scores", "=", "0.9", "accuracy")), "A");
    assert.equal(await match(f("feedback_scores", "=", "0.3", "ACCURACY")), "B");
    assert.equal(await match(f("feedback_scores", ">", "0.5", "accuracy")), "A");
    assert.equal(await match(f("feedback_scores", ">=", "0.3", "accuracy")), "AB");
    assert.equal(await match(f("feedback_scores", "<", "0.9", "accuracy")), "B");
    assert.equal(await match(f("feedback_scores", "<=", "0.9", "accuracy")), "AB");
    assert.equal(await match(f("feedback_scores", ">=", "1", "relevance")), "B");
  });

  it("!= needs some score on the span; is_empty includes spans without any score", async () => {
    assert.equal(await match(f("feedback_scores", "!=", "0.9", "accuracy")), "BD");
    assert.equal(await match(f("feedback_scores", "is_not_empty", "", "accuracy")), "AB");
    assert.equal(await match(f("feedback_scores", "is_empty", "", "accuracy")), "CD");
    assert.equal(await match(f("feedback_scores", "is_empty", "", "relevance")), "AC");
  });
});

describe("ERROR_CONTAINER, ENUM and ENUM_LEGACY", () => {
  it("error_info is_empty / is_not_empty", async () => {
    assert.equal(await match(f("error_info", "is_empty")), "BCD");
    assert.equal(await match(f("error_info", "is_not_empty")), "A");
  });

  it("type: = != in not_in is_empty is_not_empty", async () => {
    assert.equal(await match(f("type", "=", "llm")), "A");
    assert.equal(await match(f("type", "!=", "llm")), "BCD");
    assert.equal(await match(f("type", "in", "llm, tool")), "AB");
    assert.equal(await match(f("type", "not_in", "llm,tool,")), "CD");
    assert.equal(await match(f("type", "is_empty")), "");
    assert.equal(await match(f("type", "is_not_empty")), "ABCD");
  });

  it("environment: absent is empty", async () => {
    assert.equal(await match(f("environment", "=", "prod")), "A");
    assert.equal(await match(f("environment", "!=", "prod")), "BCD");
    assert.equal(await match(f("environment", "in", "prod,staging")), "AB");
    assert.equal(await match(f("environment", "not_in", "prod")), "BCD");
    assert.equal(await match(f("environment", "is_empty")), "CD");
    assert.equal(await match(f("environment", "is_not_empty")), "AB");
  });

  it("source: sdk also claims spans logged before source tracking", async () => {
    assert.equal(await match(f("source", "=", "sdk")), "AC");
    assert.equal(await match(f("source", "=", "experiment")), "B");
    assert.equal(await match(f("source", "!=", "sdk")), "BD");
    assert.equal(await match(f("source", "in", "experiment,playground")), "BD");
    assert.equal(await match(f("source", "in", "sdk,playground")), "ACD");
    assert.equal(await match(f("source", "not_in", "sdk")), "BD");
    assert.equal(await match(f("source", "=", "unknown")), "C");
  });
});

describe("combinations", () => {
  it("filters are ANDed and exact duplicates are harmless", async () => {
    assert.equal(await match(f("type", "in", "llm,tool"), f("metadata", "=", "dev", "env")), "B");
    assert.equal(await match(f("name", "contains", "a"), f("name", "contains", "a")), "ABCD");
    assert.equal(await match(f("feedback_scores", ">", "0", "accuracy"), f("feedback_scores", ">", "0", "relevance")), "B");
  });
});

describe("indexed filters checked per row", () => {
  // A short score list drives the query; every other indexed filter is then probed row by row,
  // which must select exactly what it selects when it drives.
  const driver = f("feedback_scores", "is_not_empty", "", "accuracy"); // A, B

  it("metadata, payload, score and search probes agree with their driving form", async () => {
    assert.equal(await match(driver), "AB");
    assert.equal(await match(driver, f("metadata", "=", "GPT-4", "model[0].version")), "A");
    assert.equal(await match(driver, f("metadata", ">", "1", "temp")), "B");
    assert.equal(await match(driver, f("metadata", "=", "TRUE", "flag")), "A");
    assert.equal(await match(driver, f("input", "contains", "hello world")), "A");
    assert.equal(await match(driver, f("input", "=", '{"prompt":"GOODBYE"}')), "B");
    assert.equal(await match(driver, f("output", "not_contains", "paris")), "B");
    assert.equal(await match(driver, f("input_json", "=", "goodbye", "prompt")), "B");
    assert.equal(await match(driver, f("output_json", "!=", "paris", "answer")), "B");
    assert.equal(await match(driver, f("input_json", "is_empty", "", "prompt")), "");
    assert.equal(await match(driver, f("feedback_scores", "is_empty", "", "relevance")), "A");
    assert.equal(await match(driver, f("feedback_scores", "!=", "0.9", "accuracy")), "B");
    assert.equal(await matchWith({ search: "goodbye" }, driver), "B");
    assert.equal(await matchWith({ search: "goodbye" }), "B");
    // One candidate each: the score list (listed first) drives and the search is probed.
    assert.equal(await matchWith({ search: "goodbye" }, f("feedback_scores", "=", "0.3", "accuracy")), "B");
    assert.equal(await matchWith({ search: "hello" }, f("feedback_scores", "=", "0.3", "accuracy")), "");
  });
});

describe("metadata index limits", () => {
  it("finds a key past the scalars span_meta indexes per span", async () => {
    const big = `meta-big-${v7()}`;
    const metadata: Record<string, number | string> = {};
    for (let i = 0; i < 100; i++) metadata[`k${i}`] = i;
    metadata.zz_last = "needle";
    const res = await http.post("/v1/private/spans/batch", {
      spans: [{ project_name: big, trace_id: v7(), name: "big", start_time: "2024-05-01T10:00:00Z", input: null, output: null, metadata }],
    });
    assert.equal(res.status, 204);
    for (const filter of [f("metadata", "=", "needle", "zz_last"), f("metadata", ">", "98", "k99")]) {
      const found = await http.get(`/v1/private/spans${qs({ project_name: big, filters: [filter] })}`);
      assert.equal(found.body.total, 1, JSON.stringify(filter));
    }
  });
});
