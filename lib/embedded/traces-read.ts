import { formatInstant } from "@/lib/opik/instant";
import { readComments } from "./comments-store";
import type { Db } from "./db";
import { chunked, readTraceScores } from "./scores-store";
import type { TraceRow } from "./traces-store";
import { tracesFilterSql, tracesOrderSql } from "./traces-filters";
import { replaceImages, truncatePayload } from "./truncate";

/** The trace read view: the row plus what Opik derives from its spans, scores and comments. */

/** Field names accepted by `exclude` on GET /traces (Opik's Trace.TraceField, minus experiment-only ones). */
export const TRACE_EXCLUDABLE = new Set([
  "name", "start_time", "end_time", "input", "output", "metadata", "tags", "error_info", "usage", "created_at",
  "created_by", "last_updated_by", "feedback_scores", "comments", "guardrails_validations", "total_estimated_cost",
  "span_count", "llm_span_count", "duration", "ttft", "thread_id", "visibility_mode", "source", "environment",
]);

type SpanStats = {
  trace_id: string;
  span_count: number;
  llm_span_count: number;
  cost: number | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  total_tokens: number | null;
};

/** Span aggregates per trace, read through (project_pk, trace_id) — the spans_default_order prefix. */
function readSpanStats(db: Db, projectPk: number, traceIds: string[]): Map<string, SpanStats> {
  const out = new Map<string, SpanStats>();
  for (const part of chunked(traceIds)) {
    const rows = db
      .prepare(
        `SELECT trace_id, COUNT(*) AS span_count, SUM(type = 'llm') AS llm_span_count, SUM(total_estimated_cost) AS cost,
                SUM(prompt_tokens) AS prompt_tokens, SUM(completion_tokens) AS completion_tokens, SUM(total_tokens) AS total_tokens
         FROM spans WHERE project_pk = ? AND trace_id IN (${part.map(() => "?").join(",")}) GROUP BY trace_id`,
      )
      .all(projectPk, ...part) as SpanStats[];
    for (const r of rows) out.set(r.trace_id, r);
  }
  return out;
}

export type TraceReadOptions = { projectId: string; truncate?: boolean; exclude?: ReadonlySet<string> };

/** Wire traces for rows of one project, with scores, comments and span aggregates batched. */
export function tracesToWire(db: Db, rows: TraceRow[], options: TraceReadOptions): Record<string, unknown>[] {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const ex = options.exclude;
  const scores = ex?.has("feedback_scores") ? new Map() : readTraceScores(db, ids);
  const comments = ex?.has("comments") ? new Map() : readComments(db, "trace", ids);
  const stats = readSpanStats(db, rows[0]!.project_pk, ids);
  return rows.map((row) => {
    const out: Record<string, unknown> = { id: row.id, project_id: options.projectId };
    const put = (field: string, value: unknown) => {
      if (value === undefined || value === null || ex?.has(field)) return;
      out[field] = value;
    };
    const parse = (text: string | null) => (text === null ? undefined : JSON.parse(text));
    const payload = (text: string | null) => (options.truncate ? truncatePayload(parse(text)) : parse(text));
    put("name", row.name === "" ? undefined : row.name);
    put("start_time", formatInstant(row.start_time));
    put("end_time", row.end_time === null ? undefined : formatInstant(row.end_time));
    put("input", payload(row.input));
    put("output", payload(row.output));
    put("metadata", options.truncate ? replaceImages(parse(row.metadata)) : parse(row.metadata));
    put("tags", parse(row.tags));
    put("error_info", parse(row.error_info));
    const s = stats.get(row.id);
    const usage: Record<string, number> = {};
    if (s?.prompt_tokens != null) usage.prompt_tokens = s.prompt_tokens;
    if (s?.completion_tokens != null) usage.completion_tokens = s.completion_tokens;
    if (s?.total_tokens != null) usage.total_tokens = s.total_tokens;
    put("usage", Object.keys(usage).length ? usage : undefined);
    put("created_at", formatInstant(row.created_at));
    out.last_updated_at = formatInstant(row.last_updated_at);
    put("created_by", row.created_by);
    put("last_updated_by", row.last_updated_by);
    const fs = scores.get(row.id);
    if (fs && fs.length) put("feedback_scores", fs);
    const cs = comments.get(row.id);
    if (cs && cs.length) put("comments", cs);
    put("total_estimated_cost", s?.cost ? s.cost : undefined);
    put("span_count", s?.span_count ?? 0);
    put("llm_span_count", s?.llm_span_count ?? 0);
    put("duration", row.duration);
    put("ttft", row.ttft);
    put("thread_id", row.thread_id);
    put("source", row.source);
    put("environment", row.environment);
    return out;
  });
}

export type TraceListQuery = {
  projectPk: number;
  page: number;
  size: number;
  filters: string | null;
  sorting: string | null;
  search: string | null;
  /** Opik's from_time/to_time: a range on the UUIDv7 id (creation time). */
  idFrom?: string | null;
  idTo?: string | null;
};

/** Validates filters and sorting (400s) without touching the database, as Opik does before the project lookup. */
export function prepareTraceList(filters: string | null, sorting: string | null) {
  return { where: tracesFilterSql(filters), order: tracesOrderSql(sorting) };
}

export function queryTraces(db: Db, q: TraceListQuery): { rows: TraceRow[]; total: number } {
  const { where, order } = prepareTraceList(q.filters, q.sorting);
  const conds = ["t.project_pk = ?", ...where.map((w) => w.sql)];
  const params: unknown[] = [q.projectPk, ...where.flatMap((w) => w.params)];
  const search = q.search?.trim().toLowerCase();
  if (search) {
    conds.push("(instr(lower(t.name), ?) > 0 OR instr(lower(coalesce(t.input, '')), ?) > 0 OR instr(lower(coalesce(t.output, '')), ?) > 0)");
    params.push(search, search, search);
  }
  if (q.idFrom) {
    conds.push("t.id >= ?");
    params.push(q.idFrom);
  }
  if (q.idTo) {
    conds.push("t.id <= ?");
    params.push(q.idTo);
  }
  const whereSql = conds.join(" AND ");
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM traces t WHERE ${whereSql}`).get(...params) as { n: number }).n;
  const rows = db
    .prepare(`SELECT t.* FROM traces t WHERE ${whereSql} ORDER BY ${order.sql} LIMIT ? OFFSET ?`)
    .all(...params, ...order.params, q.size, (q.page - 1) * q.size) as TraceRow[];
  return { rows, total };
}
