import { z } from "zod";
import {
  OPERATORS,
  OPERATORS_BY_TYPE as OPIK_OPERATORS_BY_TYPE,
  SPAN_FILTER_FIELDS,
  type FilterFieldType,
  type Operator,
} from "@/lib/opik/schemas/filters";

/**
 * The span filter fields Opik knows and the operators each type allows (opik-spans-api.md §6). The
 * actions check filters against this table so a bad filter gets a clear message without a round
 * trip, and the table UI will draw its filter widgets from it.
 */
export type { FilterFieldType };
export { SPAN_FILTER_FIELDS };

export type SpanFilterField = keyof typeof SPAN_FILTER_FIELDS;

export const OPERATORS_BY_TYPE: Record<FilterFieldType, readonly Operator[]> = {
  ...OPIK_OPERATORS_BY_TYPE,
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
