import type { Operator } from "@/lib/opik/schemas/filters";

/** SQL building blocks shared by the span filter translators (filters-sql.ts, filters-indexed.ts). */
export type SqlPart = { sql: string; params: unknown[] };

/**
 * A WHERE predicate over `spans s`. Predicates whose `sql` is an `IN (…)` over an index table can
 * drive the query from that index; `where` (span-criteria.ts) lets only the most selective one do
 * so and has the others checked per candidate row through `probe`, or, when no list is short
 * enough to drive, scans the spans with every predicate in its `scan` form. SQLite, having no
 * statistics, cannot tell which index list is short. A unary `+` before the column keeps an
 * `IN (…)` from driving: SQLite then materialises the list once and tests each row against it.
 */
export type Predicate = SqlPart & {
  /** The same condition, checked per candidate row when another predicate drives. */
  probe?: SqlPart;
  /** The same condition for a full scan (nothing drives): typically the index list, materialised once. */
  scan?: SqlPart;
  /** Counts the rows the driving index would yield, up to a cap bound as one more (last) parameter. */
  estimate?: SqlPart;
  /**
   * The `estimate` list (its entries that name a span row) as a row source `FROM … WHERE …` that
   * its index yields in order of the rowid column `pk`, so the planner's rising caps go on counting
   * where the last one stopped.
   */
  ordered?: { pk: string; from: SqlPart };
  /** A standalone `SELECT … AS n` counting the matching spans, valid when this is the only predicate. */
  count?: SqlPart;
  /** The index list holds span ids (not rowids): found through the (project_pk, id) index. */
  byId?: boolean;
  /**
   * The matching spans' rowids in ascending order, `SELECT … AS pk`, read from the index table alone and only of the
   * filtered project: when this predicate drives and every other one has a `pkProbe`, the matches
   * are found without reading a single span row.
   */
  pkRows?: SqlPart;
  /** The condition over a row source that has only `s.pk` (the rowids `pkRows` yields). */
  pkProbe?: SqlPart;
};

/** Span-id lists longer than this are not worth driving from: scanning the spans is cheaper. */
export const ESTIMATE_CAP = 250_000;

export const part = (sql: string, ...params: unknown[]): SqlPart => ({ sql, params });
export const NOTHING: SqlPart = { sql: "0", params: [] };

export const escapeLike = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * `SELECT count(*) AS n` of a row source (`FROM … WHERE …`), stopping at a cap the caller binds as
 * the last parameter: counting costs as many rows as it counts, so the planner raises the cap
 * step by step and stops once some list is known to be the shortest.
 */
export const cappedCount = (source: string, ...params: unknown[]): SqlPart =>
  part(`SELECT count(*) AS n FROM (SELECT 1 ${source} LIMIT ?)`, ...params);

/** Opik's case-insensitive text operators over a SQL text expression `x` (never NULL). */
export function textOp(x: string, op: Operator, value: string): SqlPart {
  const like = (pattern: string, not = false) => part(`${x} ${not ? "NOT " : ""}LIKE ? ESCAPE '\\'`, pattern);
  switch (op) {
    case "=": return part(`lower(${x}) = lower(?)`, value);
    case "!=": return part(`lower(${x}) != lower(?)`, value);
    case ">": return part(`lower(${x}) > lower(?)`, value);
    case "<": return part(`lower(${x}) < lower(?)`, value);
    // SQLite's LIKE folds ASCII case exactly as lower() does.
    case "contains": return like(`%${escapeLike(value)}%`);
    case "not_contains": return like(`%${escapeLike(value)}%`, true);
    case "starts_with": return like(`${escapeLike(value)}%`);
    case "ends_with": return like(`%${escapeLike(value)}`);
    default: return NOTHING;
  }
}
