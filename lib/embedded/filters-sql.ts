import type { Operator } from "@/lib/opik/schemas/filters";
import { parseInstant } from "@/lib/opik/instant";
import { MULTI_VALUE_OPERATORS, splitValues, type SpanFilter } from "./filters";
import { dictionaryFilter, payloadTextFilter, scoreFilter } from "./filters-indexed";
import { escapeLike, NOTHING, part, textOp, type Predicate, type SqlPart } from "./sql-text";

export type { Predicate, SqlPart } from "./sql-text";
export { searchToSql } from "./filters-indexed";

/**
 * Typed span filters → SQL over `spans s`, with Opik's semantics (§6.3). Missing values behave as
 * in ClickHouse, where absent strings are "" and absent usage counters 0. Fields of the row are
 * translated here; metadata, payloads and scores go through their index tables
 * (filters-indexed.ts), and time ranges through the (project_pk, column) indexes.
 */

/** Text columns; ids are stored lower-case, so their `=` can use the unique/ordering indexes. */
const STRING_COLUMNS: Record<string, string> = {
  id: "s.id",
  name: "s.name",
  model: "coalesce(s.model, '')",
  provider: "coalesce(s.provider, '')",
  error_type: "coalesce(s.error_type, '')",
  trace_id: "s.trace_id",
};
const DATE_COLUMNS: Record<string, string> = {
  start_time: "s.start_time",
  end_time: "s.end_time",
  created_at: "s.created_at",
  last_updated_at: "s.last_updated_at",
};
/** [column, value when the column is NULL (ClickHouse's default), or null when NULL never matches]. */
const NUMBER_COLUMNS: Record<string, [string, number | null]> = {
  total_estimated_cost: ["s.total_estimated_cost", null],
  "usage.prompt_tokens": ["s.prompt_tokens", 0],
  "usage.completion_tokens": ["s.completion_tokens", 0],
  "usage.total_tokens": ["s.total_tokens", 0],
  // Opik computes the duration of a span without end_time as 0.
  duration: ["s.duration", 0],
  ttft: ["s.ttft", null],
};

const COMPARISONS = new Set<Operator>(["=", "!=", ">", ">=", "<", "<="]);

function compare(op: Operator, a: number, b: number): boolean {
  switch (op) {
    case "=": return a === b;
    case "!=": return a !== b;
    case ">": return a > b;
    case ">=": return a >= b;
    case "<": return a < b;
    case "<=": return a <= b;
    default: return false;
  }
}

function stringFilter(f: SpanFilter): Predicate {
  if (f.field === "input" || f.field === "output") return payloadTextFilter(f);
  const column = STRING_COLUMNS[f.field]!;
  if ((f.field === "id" || f.field === "trace_id") && f.operator === "=") return part(`${column} = lower(?)`, f.value);
  return textOp(column, f.operator, f.value);
}

function numberFilter(f: SpanFilter): SqlPart {
  const [column, whenNull] = NUMBER_COLUMNS[f.field]!;
  const v = Number(f.value);
  const base = `${column} ${f.operator} ?`;
  // Kept as a plain range on the column so (project_pk, duration) stays usable.
  if (whenNull !== null && compare(f.operator, whenNull, v)) return part(`(${base} OR ${column} IS NULL)`, v);
  return part(base, v);
}

function listFilter(f: SpanFilter): SqlPart {
  const any = (cond: string, v: string, not = false) =>
    part(`${not ? "NOT " : ""}EXISTS (SELECT 1 FROM json_each(s.tags) t WHERE ${cond})`, v);
  switch (f.operator) {
    case "contains": return any("t.value LIKE ? ESCAPE '\\'", `%${escapeLike(f.value)}%`);
    case "not_contains": return any("t.value LIKE ? ESCAPE '\\'", `%${escapeLike(f.value)}%`, true);
    case "=": return any("t.value = ?", f.value);
    case "!=": return any("t.value = ?", f.value, true);
    case "is_empty": return part("s.tag_count = 0");
    case "is_not_empty": return part("s.tag_count > 0");
    default: return NOTHING;
  }
}

function enumFilter(f: SpanFilter): SqlPart {
  const column = f.field === "type" ? "coalesce(s.type, 'unknown')" : "coalesce(s.environment, '')";
  switch (f.operator) {
    case "=": return part(`${column} = ?`, f.value);
    case "!=": return part(`${column} != ?`, f.value);
    case "is_empty": return part(`${column} = ''`);
    case "is_not_empty": return part(`${column} != ''`);
    default: {
      const values = splitValues(f.value);
      return part(`${column} ${f.operator === "in" ? "IN" : "NOT IN"} (${values.map(() => "?").join(", ")})`, ...values);
    }
  }
}

/** `source`: rows from before source tracking read as "unknown", and `sdk` also claims them. */
function sourceFilter(f: SpanFilter): SqlPart {
  const column = "coalesce(s.source, 'unknown')";
  const values = MULTI_VALUE_OPERATORS.has(f.operator) ? splitValues(f.value) : [f.value];
  const legacy = values.includes("sdk");
  const marks = values.map(() => "?").join(", ");
  const positive = f.operator === "=" || f.operator === "in";
  if (positive) return part(`(${column} IN (${marks})${legacy ? ` OR ${column} = 'unknown'` : ""})`, ...values);
  return part(`(${column} NOT IN (${marks})${legacy ? ` AND ${column} != 'unknown'` : ""})`, ...values);
}

export function filterToSql(f: SpanFilter, projectPk: number): Predicate {
  switch (f.type) {
    case "STRING": return stringFilter(f);
    case "DATE_TIME":
      if (!COMPARISONS.has(f.operator)) return NOTHING;
      return part(`${DATE_COLUMNS[f.field]!} ${f.operator} ?`, parseInstant(f.value));
    case "NUMBER": return numberFilter(f);
    case "LIST": return listFilter(f);
    case "DICTIONARY": return dictionaryFilter(f, projectPk);
    case "FEEDBACK_SCORES_NUMBER": return scoreFilter(f, projectPk);
    case "ERROR_CONTAINER": return part(f.operator === "is_empty" ? "s.error_info IS NULL" : "s.error_info IS NOT NULL");
    case "ENUM": return enumFilter(f);
    case "ENUM_LEGACY": return sourceFilter(f);
  }
}
