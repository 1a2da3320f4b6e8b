import { badRequest, jsonArrayParam } from "./http";
import type { SqlPart } from "./filters-sql";

/**
 * The span `sorting` param (§7), newest behaviour: only the first field counts, unknown fields are
 * ignored, and ties are broken by id descending. Without a usable field the order is Opik's
 * default `(trace_id, parent_span_id, id) DESC`, which the spans_default_order index serves.
 */
export const SORTABLE_BY = [
  "id", "name", "type", "trace_id", "parent_span_id", "input", "output", "metadata", "start_time", "end_time",
  "duration", "ttft", "usage.*", "metadata", "tags", "created_at", "last_updated_at", "model", "provider",
  "total_estimated_cost", "error_info", "created_by", "feedback_scores.*",
] as const;

export type SpanSort = { field: string; direction: "ASC" | "DESC" };

export const DEFAULT_ORDER = "s.trace_id DESC, s.parent_span_id DESC, s.id DESC";

/**
 * Sort expressions. Nullable columns sort their NULLs last in both directions, as ClickHouse does;
 * absent strings compare as "" there, which is where SQLite puts NULL anyway.
 */
const COLUMNS: Record<string, { sql: string; nullable?: boolean }> = {
  id: { sql: "s.id" },
  name: { sql: "s.name" },
  type: { sql: "s.type" },
  trace_id: { sql: "s.trace_id" },
  parent_span_id: { sql: "s.parent_span_id" },
  input: { sql: "(SELECT io.input FROM span_io io WHERE io.pk = s.pk)" },
  output: { sql: "(SELECT io.output FROM span_io io WHERE io.pk = s.pk)" },
  metadata: { sql: "s.metadata" },
  start_time: { sql: "s.start_time" },
  end_time: { sql: "s.end_time", nullable: true },
  duration: { sql: "s.duration", nullable: true },
  ttft: { sql: "s.ttft", nullable: true },
  tags: { sql: "s.tags" },
  created_at: { sql: "s.created_at" },
  last_updated_at: { sql: "s.last_updated_at" },
  model: { sql: "s.model" },
  provider: { sql: "s.provider" },
  total_estimated_cost: { sql: "s.total_estimated_cost" },
  error_info: { sql: "s.error_info" },
  created_by: { sql: "s.created_by" },
};

const DYNAMIC = new Set(SORTABLE_BY.filter((f) => f.endsWith(".*")).map((f) => f.slice(0, -2)));

function isSortable(field: string): boolean {
  if ((SORTABLE_BY as readonly string[]).includes(field)) return true;
  const dot = field.indexOf(".");
  return dot > 0 && dot < field.length - 1 && DYNAMIC.has(field.slice(0, dot));
}

/** Parses `sorting`; returns null for "default order". */
export function parseSorting(raw: string | null | undefined): SpanSort | null {
  if (raw === null || raw === undefined || raw.trim() === "") return null;
  const invalid = () => badRequest(`Invalid sorting query parameter '${raw}'`);
  const fields = jsonArrayParam(raw, invalid).map((item) => {
    if (item === null || typeof item !== "object" || Array.isArray(item)) throw invalid();
    const { field, direction } = item as Record<string, unknown>;
    if (field !== undefined && field !== null && typeof field !== "string") throw invalid();
    if (direction !== undefined && direction !== null && direction !== "ASC" && direction !== "DESC") throw invalid();
    return { field: field ?? null, direction: (direction ?? "ASC") as SpanSort["direction"] };
  });
  const first = fields[0];
  if (!first || first.field === null || !isSortable(first.field)) return null;
  return { field: first.field, direction: first.direction };
}

/** Orders an index of `spans` can deliver row by row (so a LIMIT stops early). */
export function orderUsesIndex(sort: SpanSort | null): boolean {
  return sort === null || ["id", "trace_id", "start_time", "duration"].includes(sort.field);
}

const USAGE_COLUMNS: Record<string, string> = {
  prompt_tokens: "s.prompt_tokens",
  completion_tokens: "s.completion_tokens",
  total_tokens: "s.total_tokens",
};

/**
 * ORDER BY for a sort (without the keyword). `forceSort` prefixes the sort keys with SQLite's no-op
 * unary `+`, so no index is walked for the order: right when few rows match and reading them all
 * then sorting beats testing row after row along an index.
 *
 * Usage keys and score names sort like Opik's `(map[key], mapContains(map, key))` tuple: a missing
 * entry reads as 0 and sorts just before a real 0 (so with non-negative values spans without it
 * come first on ASC and last on DESC). Usage counters are integers, so −0.5 sits exactly there;
 * scores are 9-decimal values, so −1e−300 does.
 */
export function orderBySql(sort: SpanSort | null, projectPk: number, forceSort = false): SqlPart {
  const plus = forceSort ? "+" : "";
  if (!sort) return { sql: `${plus}s.trace_id DESC, ${plus}s.parent_span_id DESC, ${plus}s.id DESC`, params: [] };
  const dir = sort.direction;
  const tieBreak = `${plus}s.id DESC`;
  const column = COLUMNS[sort.field];
  if (column) {
    const nulls = column.nullable && dir === "ASC" ? " NULLS LAST" : "";
    return { sql: `${plus}${column.sql} ${dir}${nulls}, ${tieBreak}`, params: [] };
  }
  const dot = sort.field.indexOf(".");
  const namespace = sort.field.slice(0, dot);
  const key = sort.field.slice(dot + 1);
  if (namespace === "usage") {
    if (USAGE_COLUMNS[key]) return { sql: `coalesce(${USAGE_COLUMNS[key]}, -0.5) ${dir}, ${tieBreak}`, params: [] };
    return { sql: `coalesce(json_extract(s.usage, ?), -0.5) ${dir}, ${tieBreak}`, params: [`$."${key.replace(/"/g, '\\"')}"`] };
  }
  return {
    sql: `coalesce((SELECT sc.value FROM span_scores sc WHERE sc.project_pk = ? AND sc.name_key = ? AND sc.span_id = s.id), -1e-300) ${dir}, ${tieBreak}`,
    params: [projectPk, key.toLowerCase()],
  };
}
