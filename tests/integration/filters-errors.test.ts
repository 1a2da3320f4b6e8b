import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { v7 } from "uuid";
import { api, qs } from "../support/api";
import { startServer, type TestServer } from "../support/server";

/** Every invalid-filter answer (§6.4) on GET /spans, GET /spans/stats and POST /spans/search. */
let server: TestServer;
let http: ReturnType<typeof api>;
const project = `filter-errors-${v7()}`;

before(async () => {
  server = await startServer();
  http = api(server.apiUrl);
  const res = await http.post("/v1/private/spans/batch", {
    spans: [{ project_name: project, trace_id: v7(), name: "only", start_time: "2024-05-01T10:00:00Z", input: null, output: null, metadata: null }],
  });
  assert.equal(res.status, 204, res.text);
});
after(() => server.stop());

/** GET /spans and /spans/stats with a raw `filters` string: both must answer 400 with `message`. */
async function rejects(filters: string, message: string, projectName = project) {
  for (const path of ["/v1/private/spans", "/v1/private/spans/stats"]) {
    const res = await http.get(`${path}${qs({ project_name: projectName, filters })}`);
    assert.equal(res.status, 400, `${path}: ${res.text}`);
    assert.deepEqual(res.body, { code: 400, message }, path);
  }
}

const one = (filter: Record<string, unknown>) => JSON.stringify([filter]);

describe("malformed filters → Invalid filters query parameter", () => {
  for (const [label, raw] of [
    ["not JSON", "name=foo"],
    ["not an array", '{"field":"name","operator":"=","value":"x"}'],
    ["unknown field", one({ field: "nope", operator: "=", value: "x" })],
    ["unknown operator", one({ field: "name", operator: "like", value: "x" })],
    ["missing value", one({ field: "name", operator: "=" })],
    ["missing operator", one({ field: "name", value: "x" })],
  ] as const) {
    it(label, () => rejects(raw, `Invalid filters query parameter '${raw}'`));
  }

  it("an empty array or blank param means no filters", async () => {
    for (const filters of ["[]", " "]) {
      const res = await http.get(`/v1/private/spans${qs({ project_name: project, filters })}`);
      assert.equal(res.status, 200);
      assert.equal(res.body.total, 1);
    }
  });
});

describe("operator not allowed for the field type", () => {
  for (const [field, operator, type] of [
    ["name", ">=", "STRING"],
    ["start_time", "contains", "DATE_TIME"],
    ["duration", "is_empty", "NUMBER"],
    ["tags", ">", "LIST"],
    ["metadata", ">=", "DICTIONARY"],
    ["feedback_scores", "contains", "FEEDBACK_SCORES_NUMBER"],
    ["error_info", "=", "ERROR_CONTAINER"],
    ["type", "contains", "ENUM"],
    ["source", "is_empty", "ENUM_LEGACY"],
    ["input_json", "<=", "DICTIONARY"],
  ] as const) {
    it(`${field} ${operator}`, () =>
      rejects(one({ field, operator, key: "k", value: "1" }), `Invalid operator '${operator}' for field '${field}' of type '${type}'`));
  }
});

describe("invalid value or key", () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ field: "name", operator: "=", value: "  " }, "Invalid value '  ' or key 'null' for field 'name' of type 'STRING'"],
    [{ field: "start_time", operator: ">", value: "yesterday" }, "Invalid value 'yesterday' or key 'null' for field 'start_time' of type 'DATE_TIME'"],
    [{ field: "duration", operator: ">", value: "1e3" }, "Invalid value '1e3' or key 'null' for field 'duration' of type 'NUMBER'"],
    [{ field: "total_estimated_cost", operator: "=", value: "abc" }, "Invalid value 'abc' or key 'null' for field 'total_estimated_cost' of type 'NUMBER'"],
    [{ field: "metadata", operator: "=", value: "x" }, "Invalid value 'x' or key 'null' for field 'metadata' of type 'DICTIONARY'"],
    [{ field: "metadata", operator: "is_empty", key: " ", value: "" }, "Invalid value '' or key ' ' for field 'metadata' of type 'DICTIONARY'"],
    [{ field: "feedback_scores", operator: ">", value: "0.5" }, "Invalid value '0.5' or key 'null' for field 'feedback_scores' of type 'FEEDBACK_SCORES_NUMBER'"],
    [{ field: "feedback_scores", operator: ">", key: "acc", value: "high" }, "Invalid value 'high' or key 'acc' for field 'feedback_scores' of type 'FEEDBACK_SCORES_NUMBER'"],
    [{ field: "tags", operator: "contains", value: "" }, "Invalid value '' or key 'null' for field 'tags' of type 'LIST'"],
    [{ field: "type", operator: "=", value: "" }, "Invalid value '' or key 'null' for field 'type' of type 'ENUM'"],
    [{ field: "source", operator: "=", value: "bogus" }, "Invalid value 'bogus' or key 'null' for field 'source' of type 'ENUM_LEGACY'"],
    [{ field: "source", operator: "in", value: "sdk,bogus" }, "Invalid value 'sdk,bogus' or key 'null' for field 'source' of type 'ENUM_LEGACY'"],
    // The decoded value is what the message shows.
    [{ field: "duration", operator: ">", value: "1%2B" }, "Invalid value '1+' or key 'null' for field 'duration' of type 'NUMBER'"],
  ];
  for (const [filter, message] of cases) it(`${filter.field} ${filter.operator} '${filter.value}'`, () => rejects(one(filter), message));

  it("feedback scores accept BigDecimal values; is_empty needs no value", async () => {
    for (const filter of [
      { field: "feedback_scores", operator: ">", key: "acc", value: "1e-3" },
      { field: "feedback_scores", operator: "is_empty", key: "acc", value: "" },
    ]) {
      const res = await http.get(`/v1/private/spans${qs({ project_name: project, filters: [filter] })}`);
      assert.equal(res.status, 200, res.text);
    }
  });
});

describe("decoding and custom keys", () => {
  it("a malformed percent sequence in a decoded value → Invalid filter '<value>'", async () => {
    await rejects(one({ field: "metadata", operator: "=", key: "a", value: "100%" }), "Invalid filter '100%'");
    await rejects(one({ field: "tags", operator: "=", value: "%zz" }), "Invalid filter '%zz'");
  });

  it("string and enum values are not decoded", async () => {
    const res = await http.get(`/v1/private/spans${qs({ project_name: project, filters: [{ field: "name", operator: "=", value: "100%" }] })}`);
    assert.equal(res.status, 200, res.text);
  });

  it("custom: blank key and unmappable key", async () => {
    await rejects(one({ field: "custom", operator: "=", value: "x" }), "Custom key cannot be null or empty");
    await rejects(one({ field: "custom", operator: "=", key: "", value: "x" }), "Custom key cannot be null or empty");
    await rejects(one({ field: "custom", operator: "=", key: "metadata.model", value: "x" }), "Invalid key 'metadata.model' for custom filter");
  });

  it("custom keys validate as the field they map to", async () => {
    await rejects(one({ field: "custom", operator: ">=", key: "input.a", value: "1" }), "Invalid operator '>=' for field 'input_json' of type 'DICTIONARY'");
    await rejects(one({ field: "custom", operator: "=", key: "output", value: " " }), "Invalid value ' ' or key 'null' for field 'output' of type 'STRING'");
  });
});

describe("validation order", () => {
  it("a bad filter on an unknown project is a 400, not a 404", () =>
    rejects(one({ field: "name", operator: ">=", value: "x" }), "Invalid operator '>=' for field 'name' of type 'STRING'", `missing-${v7()}`));

  it("a missing project param comes before the filters", async () => {
    const res = await http.get(`/v1/private/spans${qs({ filters: "garbage" })}`);
    assert.equal(res.status, 400);
    assert.equal(res.body.message, "Either 'project_name' or 'project_id' query params must be provided");
  });

  it("the time window is checked before the filters", async () => {
    const res = await http.get(
      `/v1/private/spans${qs({ project_name: project, filters: "garbage", from_time: "2024-05-02T00:00:00Z", to_time: "2024-05-01T00:00:00Z" })}`,
    );
    assert.equal(res.status, 400);
    assert.equal(res.body.message, "Parameter 'from_time' must be before 'to_time'");
  });
});

describe("POST /spans/search", () => {
  const search = (body: Record<string, unknown>) => http.post("/v1/private/spans/search", { project_name: project, ...body });

  it("shape errors are JSON-body errors", async () => {
    for (const filters of [[{ field: "nope", operator: "=", value: "x" }], [{ field: "name", operator: "like", value: "x" }], [{ field: "name", operator: "=" }], "x"]) {
      const res = await search({ filters });
      assert.equal(res.status, 400, JSON.stringify(filters));
      assert.match(res.body.message, /^Unable to process JSON\. /);
    }
  });

  it("operator and value errors carry the same messages as GET", async () => {
    let res = await search({ filters: [{ field: "name", operator: ">=", value: "x" }] });
    assert.equal(res.status, 400);
    assert.equal(res.body.message, "Invalid operator '>=' for field 'name' of type 'STRING'");
    res = await search({ filters: [{ field: "duration", operator: ">", value: "soon" }] });
    assert.equal(res.status, 400);
    assert.equal(res.body.message, "Invalid value 'soon' or key 'null' for field 'duration' of type 'NUMBER'");
    res = await search({ project_name: `missing-${v7()}`, filters: [{ field: "custom", operator: "=", value: "x" }] });
    assert.equal(res.status, 400);
    assert.equal(res.body.message, "Custom key cannot be null or empty");
  });
});
