import { OPERATORS, OPERATORS_BY_TYPE, type Operator } from "@/lib/opik/schemas/filters";
import { parseInstant } from "@/lib/opik/instant";
import { badRequest, jsonArrayParam } from "./http";
import { jsonScalarTextSql, parseJsonPathKey, sqlitePath } from "./json-path";

/**
 * The `filters` and `sorting` query params of GET /traces, turned into SQL over `traces t`. This
 * covers the trace fields a span dashboard needs; anything else is answered like an unknown field.
 */
type FieldType = "STRING" | "DATE_TIME" | "NUMBER" | "LIST" | "DICTIONARY" | "FEEDBACK_SCORES_NUMBER" | "ERROR_CONTAINER";

const FIELDS: Record<string, { type: FieldType; sql: string }> = {
  id: { type: "STRING", sql: "t.id" },
  name: { type: "STRING", sql: "t.name" },
  input: { type: "STRING", sql: "coalesce(t.input, '')" },
  output: { type: "STRING", sql: "coalesce(t.output, '')" },
  thread_id: { type: "STRING", sql: "coalesce(t.thread_id, '')" },
  start_time: { type: "DATE_TIME", sql: "t.start_time" },
  end_time: { type: "DATE_TIME", sql: "t.end_time" },
  duration: { type: "NUMBER", sql: "t.duration" },
  ttft: { type: "NUMBER", sql: "t.ttft" },
  tags: { type: "LIST", sql: "t.tags" },
  metadata: { type: "DICTIONARY", sql: "t.metadata" },
  feedback_scores: { type: "FEEDBACK_SCORES_NUMBER", sql: "" },
  error_info: { type: "ERROR_CONTAINER", sql: "t.error_info" },
};

// Trace fields share the span field types, so they allow the same operators.
const ALLOWED: Record<FieldType, readonly Operator[]> = OPERATORS_BY_TYPE;

const NUMBER = /^-?\d+(\.\d+)?$/;
const COMPARE: Partial<Record<Operator, string>> = { "=": "=", "!=": "!=", ">": ">", ">=": ">=", "<": "<", "<=": "<=" };

export type SqlPart = { sql: string; params: unknown[] };

/** Text comparisons are case-insensitive, as Opik's lower()/ilike. `x` is a lower-cased SQL expression. */
function textOp(x: string, op: Operator, value: string): SqlPart {
  const v = value.toLowerCase();
  switch (op) {
    case "contains": return { sql: `instr(${x}, ?) > 0`, params: [v] };
    case "not_contains": return { sql: `instr(${x}, ?) = 0`, params: [v] };
    case "starts_with": return { sql: `substr(${x}, 1, ?) = ?`, params: [v.length, v] };
    case "ends_with": return { sql: `(length(${x}) >= ? AND substr(${x}, -?) = ?)`, params: [v.length, v.length, v] };
    default: return { sql: `${x} ${COMPARE[op]} ?`, params: [v] };
  }
}

function oneFilter(f: { field: string; operator: Operator; key: string | null; value: string }): SqlPart {
  const def = FIELDS[f.field]!;
  const invalid = () =>
    badRequest(`Invalid value '${f.value}' or key '${f.key ?? "null"}' for field '${f.field}' of type '${def.type}'`);
  const noValue = f.operator === "is_empty" || f.operator === "is_not_empty";
  let value = f.value;
  if (def.type !== "STRING" && !noValue) {
    // Opik URL-decodes non-string filter values a second time.
    try {
      value = decodeURIComponent(value.replace(/\+/g, " "));
    } catch {
      throw badRequest(`Invalid filter '${f.value}'`);
    }
  }
  switch (def.type) {
    case "STRING":
      if (value.trim() === "") throw invalid();
      return textOp(`lower(${def.sql})`, f.operator, value);
    case "DATE_TIME": {
      const at = parseInstant(value);
      if (at === null) throw invalid();
      return { sql: `${def.sql} ${COMPARE[f.operator]} ?`, params: [at] };
    }
    case "NUMBER":
      if (!NUMBER.test(value.trim())) throw invalid();
      return { sql: `${def.sql} ${COMPARE[f.operator]} ?`, params: [Number(value)] };
    case "ERROR_CONTAINER":
      return { sql: `${def.sql} IS ${f.operator === "is_empty" ? "" : "NOT "}NULL`, params: [] };
    case "LIST": {
      if (noValue) return { sql: `t.tags IS ${f.operator === "is_empty" ? "" : "NOT "}NULL`, params: [] };
      const any = (cond: string) => `EXISTS (SELECT 1 FROM json_each(coalesce(t.tags, '[]')) WHERE ${cond})`;
      if (f.operator === "contains") return { sql: any("instr(lower(value), ?) > 0"), params: [value.toLowerCase()] };
      if (f.operator === "not_contains") return { sql: `NOT ${any("instr(lower(value), ?) > 0")}`, params: [value.toLowerCase()] };
      return { sql: `${f.operator === "!=" ? "NOT " : ""}${any("value = ?")}`, params: [value] };
    }
    case "DICTIONARY": {
      const segments = f.key ? parseJsonPathKey(f.key) : null;
      if (!segments || segments.length === 0) throw invalid();
      const path = `'${sqlitePath(segments).replace(/'/g, "''")}'`;
      const text = jsonScalarTextSql(def.sql, path);
      if (noValue) return { sql: `coalesce(${text}, '') ${f.operator === "is_empty" ? "IN" : "NOT IN"} ('', 'null')`, params: [] };
      if (f.operator === ">" || f.operator === "<") {
        if (!NUMBER.test(value.trim())) return { sql: "0", params: [] };
        return { sql: `(json_type(${def.sql}, ${path}) IN ('integer', 'real') AND json_extract(${def.sql}, ${path}) ${f.operator} ?)`, params: [Number(value)] };
      }
      return textOp(`coalesce(${text}, '')`, f.operator, value);
    }
    case "FEEDBACK_SCORES_NUMBER": {
      if (!f.key || f.key.trim() === "") throw invalid();
      const scores = `SELECT 1 FROM feedback_scores f WHERE f.entity_type = 'trace' AND f.entity_id = t.id AND f.project_pk = t.project_pk`;
      const name = f.key.toLowerCase();
      if (noValue) return { sql: `${f.operator === "is_empty" ? "NOT " : ""}EXISTS (${scores} AND lower(f.name) = ?)`, params: [name] };
      if (!NUMBER.test(value.trim())) throw invalid();
      const avg = `(SELECT AVG(f.value) FROM feedback_scores f WHERE f.entity_type = 'trace' AND f.entity_id = t.id AND f.project_pk = t.project_pk AND lower(f.name) = ?)`;
      if (f.operator === "!=") {
        // Opik: the trace has some score, but not this (name, value) pair.
        return { sql: `(EXISTS (${scores}) AND coalesce(${avg} != ?, 1))`, params: [name, Number(value)] };
      }
      return { sql: `${avg} ${COMPARE[f.operator]} ?`, params: [name, Number(value)] };
    }
  }
}

/** Parses and validates `filters` (400s in Opik's words) into one AND-ed SQL condition. */
export function tracesFilterSql(raw: string | null): SqlPart[] {
  if (raw === null || raw.trim() === "") return [];
  const bad = () => badRequest(`Invalid filters query parameter '${raw}'`);
  const parsed = jsonArrayParam(raw, bad);
  const seen = new Set<string>();
  const out: SqlPart[] = [];
  for (const item of parsed as Record<string, unknown>[]) {
    if (!item || typeof item !== "object") throw bad();
    const { field, operator, key, value } = item;
    if (typeof field !== "string" || typeof operator !== "string" || typeof value !== "string") throw bad();
    if (key !== undefined && key !== null && typeof key !== "string") throw bad();
    const def = FIELDS[field];
    if (!def || !(OPERATORS as readonly string[]).includes(operator)) throw bad();
    if (!ALLOWED[def.type].includes(operator as Operator)) {
      throw badRequest(`Invalid operator '${operator}' for field '${field}' of type '${def.type}'`);
    }
    const id = JSON.stringify([field, operator, key ?? null, value]);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(oneFilter({ field, operator: operator as Operator, key: (key as string | null | undefined) ?? null, value }));
  }
  return out;
}

export const TRACE_SORTABLE_BY = [
  "id", "name", "input", "output", "start_time", "end_time", "duration", "ttft", "metadata", "thread_id", "span_count",
  "llm_span_count", "usage", "total_estimated_cost", "tags", "error_info", "created_by", "feedback_scores.*", "environment",
];

const SORT_SQL: Record<string, string> = {
  id: "t.id", name: "t.name", input: "t.input", output: "t.output", start_time: "t.start_time", end_time: "t.end_time",
  duration: "t.duration", ttft: "t.ttft", metadata: "t.metadata", thread_id: "t.thread_id", tags: "t.tags",
  error_info: "t.error_info", created_by: "t.created_by", environment: "t.environment",
  span_count: "(SELECT COUNT(*) FROM spans s WHERE s.project_pk = t.project_pk AND s.trace_id = t.id)",
  llm_span_count: "(SELECT COUNT(*) FROM spans s WHERE s.project_pk = t.project_pk AND s.trace_id = t.id AND s.type = 'llm')",
};

/** The ORDER BY clause; like recent Opik, only the first field counts and unknown fields are ignored. */
export function tracesOrderSql(raw: string | null): SqlPart {
  const fallback = { sql: "t.id DESC", params: [] };
  if (raw === null || raw.trim() === "") return fallback;
  const parsed = jsonArrayParam(raw, () => badRequest(`Invalid sorting query parameter '${raw}'`));
  const first = parsed[0] as { field?: unknown; direction?: unknown } | undefined;
  if (!first || typeof first.field !== "string") return fallback;
  const dir = first.direction === "ASC" ? "ASC" : "DESC";
  if (first.field.startsWith("feedback_scores.")) {
    const name = first.field.slice("feedback_scores.".length).toLowerCase();
    const avg = `(SELECT AVG(f.value) FROM feedback_scores f WHERE f.entity_type = 'trace' AND f.entity_id = t.id AND f.project_pk = t.project_pk AND lower(f.name) = ?)`;
    return { sql: `${avg} ${dir}, t.id DESC`, params: [name] };
  }
  const sql = SORT_SQL[first.field];
  return sql ? { sql: `${sql} ${dir}, t.id DESC`, params: [] } : fallback;
}
