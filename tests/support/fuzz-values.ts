import fc from "fast-check";
import { v4, v7 } from "uuid";
import { SPAN_FILTER_FIELDS } from "@/lib/embedded/filters";
import { SORTABLE_BY } from "@/lib/embedded/sorting";
import { OPERATORS, OPERATORS_BY_TYPE } from "@/lib/opik/schemas/filters";

/** Values for the fuzz tests: text, numbers, instants, ids, JSON, and the query strings made of them. */

export const ascii = fc.string({ maxLength: 40 });
export const unicode = fc.string({ unit: "binary", maxLength: 40 });
export const anyText = fc.oneof(ascii, unicode, fc.constantFrom("", " ", "null", "undefined", "NaN", "-1", "0", "1e309", "%", "%zz", "\u0000", "'; DROP TABLE spans; --", "$..*", "$[", "\\", "\"", "𝓤"));

/** Integers as Dropwizard would meet them in a query string, edge cases first. */
export const intText = fc.oneof(
  fc.constantFrom("0", "1", "-1", "+5", " 7 ", "2147483647", "2147483648", "-2147483649", "9".repeat(40), "1.5", "1e3", "0x10", "", "abc"),
  fc.integer().map(String),
);

export const instantText = fc.oneof(
  fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom("2024-05-01T10:00:00Z", "2024-05-01T10:00:00.123456Z", "2024-13-01T00:00:00Z", "2024-05-01", "yesterday", "0", "-1", "+275760-09-13T00:00:00Z", "2024-05-01T10:00:00+02:00"),
  ascii,
);

export const validInstant = fc.oneof(
  fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2030-01-01T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom("2024-05-01T10:00:00Z", "2024-05-01T10:00:01.5Z", "2024-05-01T10:00:00.123456Z"),
);

export const uuidText = fc.oneof(
  fc.constant(null).map(() => v7()),
  fc.constant(null).map(() => v4()),
  fc.uuid(),
  fc.constantFrom("00000000-0000-0000-0000-000000000000", "ffffffff-ffff-7fff-bfff-ffffffffffff", "not-a-uuid", "0191E0A2-8B7C-7000-8000-000000000000"),
  ascii,
);

/** A JSON value of any shape, including the wrong type for whatever field it lands in. */
export const anyJson = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, 2 ** 53 + 1, "", [], {}, [null], { "": null }) },
  { weight: 1, arbitrary: anyText },
);

const filterField = fc.oneof(fc.constantFrom(...Object.keys(SPAN_FILTER_FIELDS)), anyText);
const operator = fc.oneof(fc.constantFrom(...OPERATORS), anyText);
const filterKey = fc.oneof(fc.constantFrom("environment", "$.a.b[0]", "a.b", '$."x-y"', "$[", "[0]", "relevance", "input.messages[0].content", ""), anyText);

const filterObject = fc.record(
  { field: fc.oneof(filterField, anyJson), operator: fc.oneof(operator, anyJson), key: fc.oneof(filterKey, anyJson), value: fc.oneof(anyText, instantText, intText, anyJson), type: anyText },
  { requiredKeys: [] },
);

/** The `filters` query parameter: mostly arrays of filter-like objects, sometimes anything. */
const filtersParam = fc.oneof(
  { weight: 4, arbitrary: fc.array(filterObject, { maxLength: 4 }).map((f) => JSON.stringify(f)) },
  { weight: 1, arbitrary: anyJson.map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: anyText },
  { weight: 1, arbitrary: fc.array(filterObject, { maxLength: 2 }).map((f) => encodeURIComponent(JSON.stringify(f))) },
);

const sortingParam = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.record({ field: fc.oneof(fc.constantFrom(...SORTABLE_BY, "feedback_scores.relevance", "input"), anyJson), direction: fc.oneof(fc.constantFrom("ASC", "DESC", "asc", ""), anyJson) }, { requiredKeys: [] }), { maxLength: 3 }).map((s) => JSON.stringify(s)) },
  { weight: 1, arbitrary: anyJson.map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: anyText },
);

const excludeParam = fc.oneof(
  fc.array(fc.oneof(fc.constantFrom("input", "output", "metadata", "feedback_scores", "comments", "usage", "name"), anyText), { maxLength: 5 }).map((e) => JSON.stringify(e)),
  anyJson.map((v) => JSON.stringify(v)),
  anyText,
);

/** Query parameters the endpoints read, each with values of every kind; `project` is a real one. */
export function queryArb(project: { name: string; id: string }, traceId: string): fc.Arbitrary<[string, string][]> {
  const value: Record<string, fc.Arbitrary<string>> = {
    page: intText,
    size: intText,
    limit: intText,
    filters: filtersParam,
    sorting: sortingParam,
    exclude: excludeParam,
    search: fc.oneof(anyText, fc.constantFrom('"', "*", "AND", "NEAR(", "a OR", "col:x", "^", "refund*")),
    from_time: instantText,
    to_time: instantText,
    project_name: fc.oneof({ weight: 3, arbitrary: fc.constant(project.name) }, { weight: 1, arbitrary: anyText }),
    project_id: fc.oneof({ weight: 3, arbitrary: fc.constant(project.id) }, { weight: 1, arbitrary: uuidText }),
    trace_id: fc.oneof(fc.constant(traceId), uuidText),
    type: fc.oneof(fc.constantFrom("llm", "LLM", "tool", "general", "guardrail", "atomic_agent"), anyText),
    truncate: fc.oneof(fc.constantFrom("true", "false", "TRUE", "1"), anyText),
    strip_attachments: fc.oneof(fc.constantFrom("true", "false"), anyText),
    name: anyText,
    last_retrieved_id: uuidText,
    workspace_name: fc.oneof({ weight: 6, arbitrary: fc.constant("default") }, { weight: 1, arbitrary: anyText }),
  };
  const pair = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...Object.keys(value)).chain((k) => value[k]!.map((v): [string, string] => [k, v])) },
    { weight: 1, arbitrary: fc.tuple(anyText, anyText) },
  );
  return fc.array(pair, { maxLength: 6 });
}

// Opik's operators per field type (opik-spans-api.md §6.3), to build filters that pass validation.
const OPS: Record<string, readonly string[]> = {
  ...OPERATORS_BY_TYPE,
  // A subset that is valid whether `custom` maps to a string or a dictionary field.
  CUSTOM: ["contains", "=", ">", "is_empty"],
};

const numberText = fc.oneof(fc.constantFrom("0", "0.5", "-1", "15", "1e3", "99999999999999999999", ".5"), fc.double({ noNaN: true, noDefaultInfinity: true }).map(String), fc.integer().map(String));
const textValue = fc.oneof(fc.constantFrom("production", "gpt-4o", "llm", "refund", "a%b_c", "'", "\\", "%25", "+", "%"), ascii, unicode);
const VALUE_BY_TYPE: Record<string, fc.Arbitrary<string>> = {
  STRING: textValue,
  DATE_TIME: validInstant,
  NUMBER: numberText,
  LIST: textValue,
  DICTIONARY: fc.oneof(textValue, numberText),
  FEEDBACK_SCORES_NUMBER: numberText,
  ERROR_CONTAINER: fc.constant(""),
  ENUM: fc.oneof(fc.constantFrom("llm", "tool,general", "production", "a,,b"), textValue),
  ENUM_LEGACY: fc.constantFrom("sdk", "experiment,playground", "unknown", "optimization , sdk"),
  CUSTOM: textValue,
};
const KEY_BY_TYPE: Record<string, fc.Arbitrary<string | undefined>> = {
  DICTIONARY: fc.oneof(fc.constantFrom("environment", "nested.list[1]", "$.nested.list[0]", "messages[0].content", "$.\"q\"", "a.b.c.d.e"), ascii),
  FEEDBACK_SCORES_NUMBER: fc.oneof(fc.constantFrom("relevance", "quality", "RELEVANCE"), ascii),
  CUSTOM: fc.constantFrom("input", "output", "input.messages[0].content", "$.output.answer", "output[0]"),
};

const plausibleFilter = fc.constantFrom(...Object.entries(SPAN_FILTER_FIELDS)).chain(([field, type]) =>
  fc.record({
    field: fc.constant(field),
    operator: fc.constantFrom(...OPS[type]!),
    key: KEY_BY_TYPE[type] ?? fc.constant(undefined),
    value: VALUE_BY_TYPE[type]!,
  }),
);

/** Filters, sorting and paging that mostly pass validation, so the SQL they become gets exercised. */
export function plausibleQueryArb(project: { name: string; id: string }): fc.Arbitrary<[string, string][]> {
  const sorting = fc.array(fc.record({ field: fc.constantFrom(...SORTABLE_BY, "feedback_scores.relevance", "usage.total_tokens"), direction: fc.constantFrom("ASC", "DESC") }), { maxLength: 2 });
  const window = fc.tuple(validInstant, validInstant).map(([a, b]) => (a <= b ? [a, b] : [b, a]));
  return fc
    .record(
      {
        filters: fc.array(plausibleFilter, { minLength: 1, maxLength: 3 }).map((x) => JSON.stringify(x)),
        sorting: sorting.map((x) => JSON.stringify(x)),
        page: fc.integer({ min: 1, max: 3 }).map(String),
        size: fc.integer({ min: 1, max: 50 }).map(String),
        search: fc.oneof(fc.constantFrom("refund", "ok", "span", '"', "NEAR", "*", "a OR b", "(", "-x"), ascii, unicode),
        exclude: fc.subarray(["input", "output", "metadata", "feedback_scores", "comments", "usage", "name", "tags"]).map((x) => JSON.stringify(x)),
        truncate: fc.constantFrom("true", "false"),
        type: fc.constantFrom("llm", "tool", "general"),
        window,
      },
      { requiredKeys: ["filters"] },
    )
    .map(({ window: w, ...q }): [string, string][] => [
      ["project_name", project.name],
      ...Object.entries(q),
      ...(w ? [["from_time", w[0]!], ["to_time", w[1]!]] as [string, string][] : []),
    ]);
}
