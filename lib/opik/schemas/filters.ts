import { z } from "zod";

export const OPERATORS = [
  "contains",
  "not_contains",
  "starts_with",
  "ends_with",
  "=",
  "!=",
  ">",
  ">=",
  "<",
  "<=",
  "is_empty",
  "is_not_empty",
  "in",
  "not_in",
] as const;
export type Operator = (typeof OPERATORS)[number];

/** The span filter fields Opik knows, by type (opik-spans-api.md §6.2), shared by the client and the embedded server. */
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


/** Operators per type: Opik's ANALYTICS_DB_OPERATOR_MAP read column-wise (`custom` maps to STRING or DICTIONARY). */
export const OPERATORS_BY_TYPE: Record<Exclude<FilterFieldType, "CUSTOM">, readonly Operator[]> = {
  STRING: ["contains", "not_contains", "starts_with", "ends_with", "=", "!=", ">", "<"],
  DATE_TIME: ["=", "!=", ">", ">=", "<", "<="],
  NUMBER: ["=", "!=", ">", ">=", "<", "<="],
  LIST: ["contains", "not_contains", "=", "!=", "is_empty", "is_not_empty"],
  DICTIONARY: ["contains", "not_contains", "starts_with", "ends_with", "=", "!=", ">", "<", "is_empty", "is_not_empty"],
  FEEDBACK_SCORES_NUMBER: ["=", "!=", ">", ">=", "<", "<=", "is_empty", "is_not_empty"],
  ERROR_CONTAINER: ["is_empty", "is_not_empty"],
  ENUM: ["=", "!=", "in", "not_in", "is_empty", "is_not_empty"],
  ENUM_LEGACY: ["=", "!=", "in", "not_in"],
};

/** One element of the `filters` JSON array. Extra properties (the Opik UI sends `type`) are ignored. */
export const Filter = z.looseObject({
  field: z.string(),
  operator: z.string(),
  key: z.string().nullish(),
  value: z.string(),
});
export type Filter = z.infer<typeof Filter>;

export const SortingField = z.looseObject({
  field: z.string(),
  direction: z.enum(["ASC", "DESC"]).nullish(),
});
export type SortingField = z.infer<typeof SortingField>;
