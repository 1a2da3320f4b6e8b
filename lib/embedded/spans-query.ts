import { readComments } from "./comments-store";
import type { Db } from "./db";
import { badRequest, httpErrors, jsonArrayParam, notFound } from "./http";
import { parseFiltersParam } from "./filters";
import { findProjectByPk, requireProjectParam, resolveReadProject, type ProjectRow } from "./projects-store";
import { chunked, readSpanScores } from "./scores-store";
import { instantParam, projectShare, spanTypeParam, timeWindow, unconvertible, uuidParam, where, type SpanCriteria } from "./span-criteria";
import { EXCLUDABLE_FIELDS, spanToWire, type SpanIo, type SpanRow } from "./span-row";
import { orderBySql, orderUsesIndex, parseSorting, SORTABLE_BY, type SpanSort } from "./sorting";
import { rollupCount, rollupScope } from "./stats-rollup";
import { isUuid } from "./uuid7";
import { cachedStatement } from "./statement-cache";

/** GET /spans and GET /spans/{id}: the span read path (§2.1, §2.2, §5). */

export type ReadOptions = { projectId: string; truncate?: boolean; exclude?: ReadonlySet<string> };

const EXCLUDABLE: ReadonlySet<string> = new Set(EXCLUDABLE_FIELDS);

/** `exclude` on GET: a JSON array of Span field names (§8.3). */
export function parseExcludeParam(raw: string | null): Set<string> {
  if (raw === null || raw.trim() === "") return new Set();
  const invalid = () => badRequest(`Invalid query param exclude '${raw}'`);
  const parsed = jsonArrayParam(raw, invalid);
  if (!parsed.every((f) => typeof f === "string" && EXCLUDABLE.has(f))) throw invalid();
  return new Set(parsed as string[]);
}

/** `exclude` in the /search body: an unknown name is a JSON deserialisation error there. */
export function parseExcludeBody(items: string[] | null | undefined): Set<string> {
  for (const f of items ?? []) {
    if (!EXCLUDABLE.has(f)) throw badRequest(`Unable to process JSON. Cannot deserialize value of type \`Span$SpanField\` from String "${f}"`);
  }
  return new Set(items ?? []);
}

/**
 * Wire spans for rows of one project. Payloads, scores and comments are read in batches for these
 * rows only, and not at all when excluded.
 */
export function rowsToWire(db: Db, rows: SpanRow[], options: ReadOptions): Record<string, unknown>[] {
  if (rows.length === 0) return [];
  const ex = options.exclude ?? new Set<string>();
  const io = new Map<number, SpanIo>();
  if (!ex.has("input") || !ex.has("output")) {
    const columns = `${ex.has("input") ? "NULL" : "input"} AS input, ${ex.has("output") ? "NULL" : "output"} AS output`;
    for (const part of chunked(rows.map((r) => r.pk))) {
      const found = cachedStatement(
        db,
        `SELECT pk, ${columns} FROM span_io WHERE pk IN (${part.map(() => "?").join(",")})`,
      ).all(...part) as (SpanIo & { pk: number })[];
      for (const r of found) io.set(r.pk, r);
    }
  }
  const ids = rows.map((r) => r.id);
  const scores = ex.has("feedback_scores") ? new Map() : readSpanScores(db, ids);
  const comments = ex.has("comments") ? new Map() : readComments(db, "span", ids);
  return rows.map((row) =>
    spanToWire(row, io.get(row.pk), {
      projectId: options.projectId,
      truncate: options.truncate,
      exclude: ex,
      feedbackScores: scores.get(row.id),
      comments: comments.get(row.id),
    }),
  );
}

/** A JAX-RS `int` query param with a default and a `@Min(1)` constraint. */
function positiveInt(query: URLSearchParams, name: string, fallback: number, errors: string[]): number {
  const raw = query.get(name);
  if (raw === null || raw.trim() === "") return fallback;
  if (!/^[+-]?\d+$/.test(raw.trim())) throw unconvertible();
  const n = Number(raw.trim());
  if (!Number.isSafeInteger(n) || Math.abs(n) > 2_147_483_647) throw unconvertible();
  if (n < 1) errors.push(`query param ${name} must be greater than or equal to 1`);
  return n;
}

export const booleanParam = (value: string | null) => value?.trim().toLowerCase() === "true";

/**
 * The predicates shared by GET /spans and /spans/stats, validated in Opik's order: parameter
 * conversion (404), project presence, time window, filters, [sorting], then the project lookup.
 */
export function readCriteria(db: Db, query: URLSearchParams, validateBeforeLookup: () => void = () => {}) {
  const projectName = query.get("project_name");
  const projectId = query.get("project_id");
  if (projectId && !isUuid(projectId)) throw notFound(`Project id: ${projectId} not found`);
  const traceId = uuidParam(query.get("trace_id"));
  const from = instantParam(query.get("from_time"));
  const to = instantParam(query.get("to_time"));
  requireProjectParam(projectName, projectId);
  const window = timeWindow(from, to);
  const filters = parseFiltersParam(query.get("filters"));
  validateBeforeLookup();
  const project = resolveReadProject(db, projectName, projectId);
  const criteria: SpanCriteria = {
    projectPk: project.pk,
    traceId,
    type: spanTypeParam(query.get("type")),
    filters,
    search: query.get("search"),
    ...window,
    projectShare: projectShare(db, project.span_count),
  };
  return { project, criteria };
}

/**
 * The SQL work of a list page: the total, then the page's rows. Also what the benchmark times as
 * "bare SQL".
 */
export function selectPage(db: Db, project: ProjectRow, criteria: SpanCriteria, sorting: SpanSort | null, page: number, size: number) {
  const w = where(criteria, db, false, { needDriverRows: false });
  // Matches found in the index tables alone, when few enough to hold: their number is the total and
  // the page is picked among them without testing the predicates again.
  const listed = w.matches && w.driverRows !== undefined && w.driverRows <= MATCH_LIST_CAP
    ? (cachedStatement(db, `SELECT count(*) AS n, json_group_array(pk) AS pks FROM (${w.matches.sql})`).get(...w.matches.params) as { n: number; pks: string })
    : undefined;
  // Without predicates the project's maintained counter is the total; no need to count a million rows.
  const scope = w.hasPredicates ? rollupScope(criteria) : null;
  const count = (scope && rollupCount(scope))
    ?? w.count
    ?? (w.matches ? { sql: `SELECT count(*) AS n FROM (${w.matches.sql})`, params: w.matches.params } : undefined)
    ?? { sql: `SELECT count(*) AS n FROM spans s WHERE ${w.sql}`, params: w.params };
  const total = listed ? listed.n
    : w.hasPredicates ? (cachedStatement(db, count.sql).get(...count.params) as { n: number }).n : project.span_count;
  const offset = Math.min((page - 1) * size, Number.MAX_SAFE_INTEGER);
  if (offset >= total) return { rows: [] as SpanRow[], total };
  // Walking an ordered index tests rows one by one until the page is full. Once the page lies past
  // about an eighth of the matches, reading just the matches (from the shortest index list) and
  // sorting them is cheaper.
  const sortMatches = w.hasPredicates && (offset + size) * 8 > total;
  const order = orderBySql(sorting, project.pk, sortMatches);
  const walk = !sortMatches && orderUsesIndex(sorting);
  // Walking, the listed rowids are looked up per row (materialised once); otherwise they drive,
  // alone: every one is in the project, and a project term would tempt SQLite to scan it instead.
  const rowsWhere = listed
    ? walk
      ? { sql: "s.project_pk = ? AND +s.pk IN (SELECT value FROM json_each(?))", params: [project.pk, listed.pks] }
      : { sql: "s.pk IN (SELECT value FROM json_each(?))", params: [listed.pks] }
    : walk ? where(criteria, db, true) : w;
  const rows = cachedStatement(db, `SELECT s.* FROM spans s WHERE ${rowsWhere.sql} ORDER BY ${order.sql} LIMIT ? OFFSET ?`).all(...rowsWhere.params, ...order.params, Math.min(size, total - offset), offset) as SpanRow[];
  return { rows, total };
}

/** Up to this many candidate rowids, a list page holds its matches in memory (≈8 bytes each). */
const MATCH_LIST_CAP = 65_536;

export function listSpans(db: Db, query: URLSearchParams) {
  const errors: string[] = [];
  const page = positiveInt(query, "page", 1, errors);
  const size = positiveInt(query, "size", 10, errors);
  if (errors.length > 0) throw httpErrors(400, errors);
  let sorting: SpanSort | null = null;
  let exclude = new Set<string>();
  const { project, criteria } = readCriteria(db, query, () => {
    sorting = parseSorting(query.get("sorting"));
    exclude = parseExcludeParam(query.get("exclude"));
  });
  const { rows, total } = selectPage(db, project, criteria, sorting, page, size);
  const content = rowsToWire(db, rows, { projectId: project.id, truncate: booleanParam(query.get("truncate")), exclude });
  return { page, size: content.length, total, content, sortable_by: [...SORTABLE_BY] };
}

/** GET /spans/{id}: with project_name, scores and comments; never truncated. */
export function getSpanById(db: Db, id: string): Record<string, unknown> {
  const missing = () => notFound(`Span id: ${id} not found`);
  if (!isUuid(id)) throw missing();
  const row = cachedStatement(db, "SELECT * FROM spans WHERE id = ?").get(id.toLowerCase()) as SpanRow | undefined;
  if (!row) throw missing();
  const project = findProjectByPk(db, row.project_pk);
  if (!project) throw missing();
  const io = cachedStatement(db, "SELECT input, output FROM span_io WHERE pk = ?").get(row.pk) as SpanIo | undefined;
  return spanToWire(row, io, {
    projectId: project.id,
    projectName: project.name,
    feedbackScores: readSpanScores(db, [row.id]).get(row.id),
    comments: readComments(db, "span", [row.id]).get(row.id),
  });
}
