import { SPAN_TYPES } from "@/lib/opik/schemas/common";
import { parseInstant } from "@/lib/opik/instant";
import type { Db } from "./db";
import { badRequest, httpError } from "./http";
import type { SpanFilter } from "./filters";
import { filterToSql, searchToSql, type Predicate, type SqlPart } from "./filters-sql";
import { ftsCountInProject, projectRowids } from "./span-runs";
import { ESTIMATE_CAP, part } from "./sql-text";
import { isUuid, uuid7LowerBound, uuid7UpperBound } from "./uuid7";
import { cachedStatement } from "./statement-cache";

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
  const total = (cachedStatement(db, "SELECT coalesce(sum(span_count), 0) AS n FROM projects").get() as { n: number }).n;
  return total > 0 ? spanCount / total : 0;
}

export type SpanWhere = SqlPart & {
  hasPredicates: boolean;
  /** A cheaper query for the number of matching spans, when one exists. */
  count?: SqlPart;
  /** Estimated rows of the index list chosen to drive the query, if one was. */
  driverRows?: number;
  /**
   * The matching spans' rowids (`SELECT s.pk …`), found in the index tables without reading span
   * rows, when the driving list knows its spans' rowids and every other predicate can be checked
   * on a rowid alone (see `Predicate.pkRows`).
   */
  matches?: SqlPart;
};

/**
 * `needDriverRows: false`: the caller does not read `driverRows`, so a lone index list is not
 * counted at all (a prefix search merges its whole match list before the first row, ~60 ms at
 * 1,000,000 spans, however low the cap).
 */
export type PlanOptions = { needDriverRows?: boolean };

/**
 * `walk`: the caller reads rows in an index order (a page, a stream) and stops early, so nothing
 * should drive from an index list; every predicate is checked per row as rows go by. Otherwise
 * (counts, stats, sorted matches) the plan drives from the shortest index list.
 */
export function where(c: SpanCriteria, db?: Db, walk = false, options: PlanOptions = {}): SpanWhere {
  const preds: Predicate[] = [];
  if (c.traceId) preds.push(part("s.trace_id = ?", c.traceId.toLowerCase()));
  if (c.type) preds.push(part("s.type = ?", c.type));
  if (c.idFrom) preds.push(part("s.id >= ?", c.idFrom));
  if (c.idTo) preds.push(part("s.id <= ?", c.idTo));
  for (const f of c.filters ?? []) preds.push(filterToSql(f, c.projectPk));
  const rowids = db && c.search?.trim() ? projectRowids(db, c.projectPk) : undefined;
  const search = searchToSql(c.search, rowids);
  if (search) preds.push(search);
  const { parts, driver, driverRows } = walk
    ? { parts: preds.map((p) => p.probe ?? p.scan ?? p), driver: undefined, driverRows: undefined }
    : db
      ? plan(db, preds, options)
      : { parts: preds, driver: undefined, driverRows: undefined };
  // SQLite has no statistics here, so it takes `project_pk = ?` for a selective index lookup. For a
  // project holding most spans, reading the table in order is ~8x faster than one random lookup per
  // index entry; likelihood() says so while keeping (project_pk, x) indexes usable for x ranges.
  // A short list of span ids drives best through (project_pk, id), which needs the plain term.
  const big = !driver?.byId && (c.projectShare ?? 0) >= BIG_PROJECT_SHARE;
  const project = big ? "likelihood(s.project_pk = ?, 0.99)" : "s.project_pk = ?";
  // When the search is the only predicate, its total is counted inside the full-text index, over
  // the project's rowid runs, without reading a single span row.
  const only = preds.length === 1 ? preds[0]! : undefined;
  const count =
    only && only === search && search.estimate && db
      ? ftsCountInProject(db, c.projectPk, search.params[0] as string, rowids ?? null)
      : only?.count;
  return {
    sql: [project, ...parts.map((p) => p.sql)].join(" AND "),
    params: [c.projectPk, ...parts.flatMap((p) => p.params)],
    hasPredicates: preds.length > 0,
    count,
    driverRows,
    matches: driver && !walk ? indexOnlyMatches(driver, preds) : undefined,
  };
}

/**
 * The rowids of the driver's list that pass every other predicate. `pkRows` yields them in rowid
 * order, so the probes seek forward through their (…, span_pk) index keys (~1.6× faster than in
 * value order).
 */
function indexOnlyMatches(driver: Predicate, preds: Predicate[]): SqlPart | undefined {
  const others = preds.filter((p) => p !== driver);
  if (!driver.pkRows || !others.every((p) => p.pkProbe)) return undefined;
  const probes = others.map((p) => p.pkProbe!);
  return {
    sql: `SELECT s.pk FROM (${driver.pkRows.sql}) s${probes.length ? ` WHERE ${probes.map((p) => p.sql).join(" AND ")}` : ""}`,
    params: [...driver.pkRows.params, ...probes.flatMap((p) => p.params)],
  };
}

/**
 * Chooses which index list drives the query: the shortest. Lists of rowids come out of their index
 * in rowid order, so driving from one reads the table front to back, never worse than a scan; a
 * list of span ids costs an index seek per entry and drives only below ESTIMATE_CAP. When the
 * driver is short, the other predicates are probed per candidate; otherwise they take their scan
 * form (lists materialised once), as they do when nothing drives.
 */
function plan(db: Db, preds: Predicate[], options: PlanOptions): { parts: SqlPart[]; driver?: Predicate; driverRows?: number } {
  // Lists that yield rowids from their index alone are counted first: their entries are cheap to
  // count, and once one ends below the cap the others are counted only up to its length.
  const candidates = preds.filter((p) => p.probe && p.estimate).sort((a, b) => Number(!!b.pkRows) - Number(!!a.pkRows));
  // A lone list drives whatever its length; past FIRST_CAP its exact length changes nothing
  // unless other predicates choose between their probe and scan forms by it.
  const lone = candidates.length === 1 && !candidates[0]!.byId && preds.every((p) => p === candidates[0] || (!p.probe && !p.scan));
  if (lone && options.needDriverRows === false) return { parts: preds, driver: candidates[0] };
  const counted = new Map<Predicate, number>();
  const count = counter(db);
  let driver: Predicate | undefined;
  let best = Infinity;
  // Counting a list costs as many rows as it counts, so every list is counted up to a rising cap
  // until one ends below it: the shortest list then cost about as much as it holds, however long
  // the others are (a 700,000-span metadata list beside a 30,000-span score list is counted to
  // 30,000, not to the end). Lists in rowid order go on from where the last round stopped, so
  // their caps can rise in finer steps: the longer lists then stop closer to the shortest one's end.
  const factor = candidates.every((p) => p.ordered) ? 2 : 4;
  for (let cap = FIRST_CAP; driver === undefined && candidates.length > 0; cap *= factor) {
    const limit = Math.min(cap, ESTIMATE_CAP);
    for (const p of candidates) {
      const n = count(p, Math.min(limit, best));
      counted.set(p, n);
      if (n < Math.min(limit, best) && !(p.byId && n >= ESTIMATE_CAP)) [best, driver] = [n, p];
    }
    if (driver === undefined && lone) [driver, best] = [candidates[0]!, limit];
    if (driver === undefined && limit >= ESTIMATE_CAP) {
      // No list is shorter than the cap: the old rule (the first non-id list, counted as the cap) drives.
      driver ??= candidates.find((p) => !p.byId);
      if (driver) best = counted.get(driver)!;
      break;
    }
  }
  // Per-row probes pay an index seek each; past a short list, materialised lists are cheaper.
  const probing = best < ESTIMATE_CAP;
  const parts = preds.map((p) => (p === driver ? p : probing ? (p.probe ?? p) : (p.scan ?? p)));
  return { parts, driver, driverRows: driver ? best : undefined };
}

/**
 * Counts a predicate's index list up to a cap (the cap when it holds at least that many). A list in
 * rowid order (`ordered`) keeps its count and last rowid between calls, so a higher cap only reads
 * the entries after them; and while it is longer than the cap, one row at the cap's offset says so
 * (skipping entries costs about 2/3 of counting them).
 */
function counter(db: Db): (p: Predicate, cap: number) => number {
  const tallies = new Map<Predicate, { n: number; last: number; done: boolean }>();
  return (p, cap) => {
    if (!p.ordered) return (cachedStatement(db, p.estimate!.sql).get(...p.estimate!.params, cap) as { n: number }).n;
    const { pk, from } = p.ordered;
    let t = tallies.get(p);
    if (!t) tallies.set(p, (t = { n: 0, last: Number.MIN_SAFE_INTEGER, done: false }));
    if (!t.done && t.n < cap) {
      const need = cap - t.n;
      const at = cachedStatement(db, `SELECT ${pk} AS pk ${from.sql} AND ${pk} > ? ORDER BY ${pk} LIMIT 1 OFFSET ?`).get(...from.params, t.last, need - 1) as { pk: number } | undefined;
      if (at) [t.n, t.last] = [cap, at.pk];
      else {
        const rest = cachedStatement(db, `SELECT count(*) AS n FROM (SELECT 1 ${from.sql} AND ${pk} > ? LIMIT ?)`).get(...from.params, t.last, need) as { n: number };
        [t.n, t.done] = [t.n + rest.n, true];
      }
    }
    return Math.min(t.n, cap);
  };
}

/** The first estimate cap: above the longest list the search stream drives from (8 × 2,000 rows). */
const FIRST_CAP = 16_384;

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
