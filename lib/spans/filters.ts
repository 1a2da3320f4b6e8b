import { z } from "zod";
import { OPERATORS, type Operator } from "@/lib/opik/schemas/filters";

/**
 * The span filter fields Opik knows and the operators each type allows (opik-spans-api.md §6). The
 * actions check filters against this table so a bad filter gets a clear message without a round
 * trip, and the table UI will draw its filter widgets from it.
 */
export type FilterFieldType =
  | "STRING" | "DATE_TIME" | "NUMBER" | "LIST" | "DICTIONARY" | "FEEDBACK_SCORES_NUMBER" | "ERROR_CONTAINER"
  | "ENUM" | "ENUM_LEGACY" | "CUSTOM";

export const SPAN_FILTER_FIELDS = {
  id: "STRING",
  name: "STRING",
  start_time: "DATE_TIME",
  end_time: "DATE_TIME",
  created_at: "DATE_TIME",
  last_updated_at: "DATE_TIME",
  input: "STRING",
  output: "STRING",
  input_json: "DICTIONARY",
  output_json: "DICTIONARY",
  metadata: "DICTIONARY",
  model: "STRING",
  provider: "STRING",
  total_estimated_cost: "NUMBER",
  tags: "LIST",
  "usage.completion_tokens": "NUMBER",
  "usage.prompt_tokens": "NUMBER",
  "usage.total_tokens": "NUMBER",
  feedback_scores: "FEEDBACK_SCORES_NUMBER",
  duration: "NUMBER",
  ttft: "NUMBER",
  error_info: "ERROR_CONTAINER",
  error_type: "STRING",
  type: "ENUM",
  trace_id: "STRING",
  source: "ENUM_LEGACY",
  environment: "ENUM",
  custom: "CUSTOM",
} as const satisfies Record<string, FilterFieldType>;

export type SpanFilterField = keyof typeof SPAN_FILTER_FIELDS;

export const OPERATORS_BY_TYPE: Record<FilterFieldType, readonly Operator[]> = {
  STRING: ["contains", "not_contains", "starts_with", "ends_with", "=", "!=", ">", "<"],
  DATE_TIME: ["=", "!=", ">", ">=", "<", "<="],
  NUMBER: ["=", "!=", ">", ">=", "<", "<="],
  LIST: ["contains", "not_contains", "=", "!=", "is_empty", "is_not_empty"],
  DICTIONARY: ["contains", "not_contains", "starts_with", "ends_with", "=", "!=", ">", "<", "is_empty", "is_not_empty"],
  FEEDBACK_SCORES_NUMBER: ["=", "!=", ">", ">=", "<", "<=", "is_empty", "is_not_empty"],
  ERROR_CONTAINER: ["is_empty", "is_not_empty"],
  ENUM: ["=", "!=", "in", "not_in", "is_empty", "is_not_empty"],
  ENUM_LEGACY: ["=", "!=", "in", "not_in"],
  // `custom` acts as a STRING (bare input/output) or a DICTIONARY (a path inside them).
  CUSTOM: ["contains", "not_contains", "starts_with", "ends_with", "=", "!=", ">", "<", "is_empty", "is_not_empty"],
};

const KEYED: ReadonlySet<FilterFieldType> = new Set(["DICTIONARY", "FEEDBACK_SCORES_NUMBER", "CUSTOM"]);
const NO_VALUE: ReadonlySet<string> = new Set(["is_empty", "is_not_empty"]);
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export const MAX_FILTERS = 50;
export const MAX_FILTER_VALUE = 4096;

/** One filter as the actions accept it; `value` may be omitted for is_empty / is_not_empty. */
export const SpanFilterInput = z
  .object({
    field: z.string().refine((f) => Object.hasOwn(SPAN_FILTER_FIELDS, f), { message: "is not a span filter field" }),
    operator: z.enum(OPERATORS, { message: `must be one of ${OPERATORS.join(", ")}` }),
    key: z.string().max(1000).nullish(),
    value: z.string().max(MAX_FILTER_VALUE, `must be at most ${MAX_FILTER_VALUE} characters`).default(""),
  })
  .superRefine((f, ctx) => {
    const type = SPAN_FILTER_FIELDS[f.field as SpanFilterField];
    if (!type) return;
    if (!OPERATORS_BY_TYPE[type].includes(f.operator)) {
      ctx.addIssue({ code: "custom", path: ["operator"], message: `'${f.operator}' is not allowed for field '${f.field}' of type ${type}` });
      return;
    }
    if (KEYED.has(type) && !f.key?.trim()) ctx.addIssue({ code: "custom", path: ["key"], message: `is required for field '${f.field}'` });
    if (NO_VALUE.has(f.operator)) return;
    if (f.value.trim() === "") {
      ctx.addIssue({ code: "custom", path: ["value"], message: `is required for operator '${f.operator}'` });
    } else if ((type === "NUMBER" || type === "FEEDBACK_SCORES_NUMBER") && !DECIMAL.test(f.value.trim())) {
      ctx.addIssue({ code: "custom", path: ["value"], message: `must be a decimal number for field '${f.field}'` });
    } else if (type === "DATE_TIME" && Number.isNaN(Date.parse(f.value))) {
      ctx.addIssue({ code: "custom", path: ["value"], message: `must be an ISO-8601 instant for field '${f.field}'` });
    }
  });
export type SpanFilterInput = z.input<typeof SpanFilterInput>;

export const SpanFilters = z.array(SpanFilterInput).max(MAX_FILTERS, `at most ${MAX_FILTERS} filters`);
