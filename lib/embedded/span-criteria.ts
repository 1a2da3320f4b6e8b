import { SPAN_TYPES } from "@/lib/opik/schemas/common";
import { parseInstant } from "@/lib/opik/instant";
import type { Db } from "./db";
import { badRequest, httpError } from "./http";
import type { SpanFilter } from "./filters";
import { filterToSql, searchToSql, type Predicate, type SqlPart } from "./filters-sql";
import { ESTIMATE_CAP, part } from "./sql-text";
import { isUuid, uuid7LowerBound, uuid7UpperBound } from "./uuid7";

/**
 * What selects spans in the list, stats and search endpoints: the project plus the optional
 * trace, type, filters, free text and creation-time window. `where` turns it into one WHERE clause
 * over `spans s`; every predicate is AND-ed, as in Opik.
 */
export type SpanCriteria = {
  projectPk: number;
  traceId?: string | null;
  type?: string | null;
  filters?: SpanFilter[];
  search?: string | null;
  /** Inclusive id bounds from from_time / to_time (UUIDv7 ids sort by creation time). */
  idFrom?: string | null;
  idTo?: string | null;
  /** The project's share of all spans (0..1), for the query plan; see `where`. */
  projectShare?: number;
};

const BIG_PROJECT_SHARE = 0.125;

/** How much of the table a project is, from the maintained counters (a few rows, no scan). */
export function projectShare(db: Db, spanCount: number): number {
  const total = (db.prepare("SELECT coalesce(sum(span_count), 0) AS n FROM projects").get() as { n: number }).n;
  return total > 0 ? spanCount / total : 0;
}

export type SpanWhere = SqlPart & {
  hasPredicates: boolean;
  /** A cheaper query for the number of matching spans, when one exists. */
  count?: SqlPart;
  /** Estimated rows of the index list chosen to drive the query, if one was. */
  driverRows?: number;
};

/**
 * `walk`: the caller reads rows in an index order (a page, a stream) and stops early, so nothing
 * should drive from an index list; every predicate is checked per row as rows go by. Otherwise
 * (counts, stats, sorted matches) the plan drives from the shortest index list.
 */
export function where(c: SpanCriteria, db?: Db, walk = false): SpanWhere {
  const preds: Predicate[] = [];
  if (c.traceId) preds.push(part("s.trace_id = ?", c.traceId.toLowerCase()));
  if (c.type) preds.push(part("s.type = ?", c.type));
  if (c.idFrom) preds.push(part("s.id >= ?", c.idFrom));
  if (c.idTo) preds.push(part("s.id <= ?", c.idTo));
  for (const f of c.filters ?? []) preds.push(filterToSql(f, c.projectPk));
  const search = searchToSql(c.search);
  if (search) preds.push(search);
  const { parts, driver, driverRows } = walk
    ? { parts: preds.map((p) => p.probe ?? p.scan ?? p), driver: undefined, driverRows: undefined }
    : db
      ? plan(db, preds)
      : { parts: preds, driver: undefined, driverRows: undefined };
  // SQLite has no statistics here, so it takes `project_pk = ?` for a selective index lookup. For a
  // project holding most spans, reading the table in order is ~8x faster than one random lookup per
  // index entry; likelihood() says so while keeping (project_pk, x) indexes usable for x ranges.
  // A short list of span ids drives best through (project_pk, id), which needs the plain term.
  const big = !driver?.byId && (c.projectShare ?? 0) >= BIG_PROJECT_SHARE;
  const project = big ? "likelihood(s.project_pk = ?, 0.99)" : "s.project_pk = ?";
  // The full-text index covers every span, so when the project is every span and the search is the
  // only predicate, its match count is the total without reading a single span row.
  const only = preds.length === 1 ? preds[0]! : undefined;
  const count =
    only && only === search && search.estimate && c.projectShare === 1
      ? part("SELECT count(*) AS n FROM span_fts WHERE span_fts MATCH ?", ...search.params)
      : only?.count;
  return {
    sql: [project, ...parts.map((p) => p.sql)].join(" AND "),
    params: [c.projectPk, ...parts.flatMap((p) => p.params)],
    hasPredicates: preds.length > 0,
    count,
    driverRows,
  };
}

/**
 * Chooses which index list drives the query: the shortest. Lists of rowids come out of their index
 * in rowid order, so driving from one reads the table front to back, never worse than a scan; a
 * list of span ids costs an index seek per entry and drives only below ESTIMATE_CAP. When the
 * driver is short, the other predicates are probed per candidate; otherwise they take their scan
 * form (lists materialised once), as they do when nothing drives.
 */
function plan(db: Db, preds: Predicate[]): { parts: SqlPart[]; driver?: Predicate; driverRows?: number } {
  let driver: Predicate | undefined;
  let best = Infinity;
  for (const p of preds) {
    if (!p.probe || !p.estimate) continue;
    const n = (db.prepare(p.estimate.sql).get(...p.estimate.params) as { n: number }).n;
    if (n < best && !(p.byId && n >= ESTIMATE_CAP)) [best, driver] = [n, p];
  }
  // Per-row probes pay an index seek each; past a short list, materialised lists are cheaper.
  const probing = best < ESTIMATE_CAP;
  const parts = preds.map((p) => (p === driver ? p : probing ? (p.probe ?? p) : (p.scan ?? p)));
  return { parts, driver, driverRows: driver ? best : undefined };
}

/** JAX-RS answers a query param it cannot convert (bad UUID, number or instant) with a bare 404. */
export const unconvertible = () => httpError(404, "HTTP 404 Not Found");

/** `type`: case-insensitive; an unknown type means no type filter (Opik's SpanType.fromString). */
export function spanTypeParam(value: string | null | undefined): string | null {
  const lower = value?.toLowerCase();
  return lower && (SPAN_TYPES as readonly string[]).includes(lower) ? lower : null;
}

export function uuidParam(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (!isUuid(value)) throw unconvertible();
  return value.toLowerCase();
}

export function instantParam(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value === "") return null;
  const micros = parseInstant(value);
  if (micros === null) throw unconvertible();
  return micros;
}

/**
 * from_time / to_time (§8.5, newest rules): either may be given alone; together, from_time must be
 * strictly earlier. Both bounds are inclusive at millisecond granularity.
 */
export function timeWindow(fromMicros: number | null, toMicros: number | null): { idFrom: string | null; idTo: string | null } {
  if (fromMicros !== null && toMicros !== null && fromMicros >= toMicros) {
    throw badRequest("Parameter 'from_time' must be before 'to_time'");
  }
  return {
    idFrom: fromMicros === null ? null : uuid7LowerBound(Math.floor(fromMicros / 1000)),
    idTo: toMicros === null ? null : uuid7UpperBound(Math.floor(toMicros / 1000)),
  };
}
