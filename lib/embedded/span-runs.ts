import type { Db } from "./db";
import { perConnection } from "./per-connection";
import { part, type SqlPart } from "./sql-text";

/**
 * `span_runs`: which project each stretch of span rowids belongs to. Spans arrive in batches, so a
 * project's rowids form a few long runs (one, for a project ingested on its own). The full-text
 * index is keyed by rowid alone; with the runs, the matches of one project are counted inside
 * the index (a rowid range per run) instead of looking up every matching span's row (~3× faster
 * for a common word at 1,000,000 spans).
 *
 * Invariant: runs are disjoint, and every live span's rowid lies in a run of its project. Rowids
 * of deleted spans may stay covered; a rowid SQLite hands out again is cut out of whatever run
 * held it before it joins its new project's run.
 */
export const SPAN_RUNS_MIGRATION_SQL = `
  CREATE TABLE span_runs (
    lo INTEGER PRIMARY KEY,
    hi INTEGER NOT NULL,
    project_pk INTEGER NOT NULL
  );
  CREATE INDEX span_runs_by_project ON span_runs(project_pk, lo);
  INSERT INTO span_runs (lo, hi, project_pk)
    SELECT min(pk), max(pk), project_pk FROM (
      SELECT pk, project_pk, row_number() OVER (ORDER BY pk) - row_number() OVER (PARTITION BY project_pk ORDER BY pk) AS grp FROM spans
    ) GROUP BY project_pk, grp;
`;

type Run = { lo: number; hi: number; project_pk: number };

function prepare(db: Db) {
  return {
    overlapping: db.prepare(
      `SELECT lo, hi, project_pk FROM span_runs WHERE lo BETWEEN ? AND ?
       UNION ALL SELECT * FROM (SELECT lo, hi, project_pk FROM span_runs WHERE lo < ? ORDER BY lo DESC LIMIT 1) WHERE hi >= ?`,
    ),
    before: db.prepare("SELECT lo, hi, project_pk FROM span_runs WHERE lo < ? ORDER BY lo DESC LIMIT 1"),
    at: db.prepare("SELECT lo, hi, project_pk FROM span_runs WHERE lo = ?"),
    remove: db.prepare("DELETE FROM span_runs WHERE lo = ?"),
    put: db.prepare("INSERT INTO span_runs (lo, hi, project_pk) VALUES (?, ?, ?)"),
    setHi: db.prepare("UPDATE span_runs SET hi = ? WHERE lo = ?"),
    othersWithin: db.prepare("SELECT count(*) AS n FROM span_runs WHERE lo BETWEEN ? AND ? AND project_pk != ?"),
    extent: db.prepare("SELECT min(lo) AS lo, max(hi) AS hi FROM span_runs WHERE project_pk = ?"),
  };
}
const stmts = perConnection(prepare);

/**
 * Records that rowids a..b (just assigned, or just moved) now belong to `projectPk`: cuts them out
 * of any run that covered them, then extends the project's adjacent runs or starts a new one.
 */
function claim(db: Db, a: number, b: number, projectPk: number): void {
  const s = stmts(db);
  for (const r of s.overlapping.all(a, b, a, a) as Run[]) {
    s.remove.run(r.lo);
    if (r.lo < a) s.put.run(r.lo, a - 1, r.project_pk);
    if (r.hi > b) s.put.run(b + 1, r.hi, r.project_pk);
  }
  let lo = a;
  let hi = b;
  const prev = s.before.get(a) as Run | undefined;
  if (prev && prev.project_pk === projectPk && prev.hi === a - 1) {
    lo = prev.lo;
    s.remove.run(prev.lo);
  }
  const next = s.at.get(b + 1) as Run | undefined;
  if (next && next.project_pk === projectPk) {
    hi = next.hi;
    s.remove.run(next.lo);
  }
  s.put.run(lo, hi, projectPk);
}

/** Rowids with their (new) project; a rowid listed twice belongs to its last project. */
export function claimRowids(db: Db, rows: Map<number, number>): void {
  if (rows.size === 0) return;
  const sorted = [...rows].sort((x, y) => x[0] - y[0]);
  let [a, project] = sorted[0]!;
  let b = a;
  for (const [pk, projectPk] of sorted.slice(1)) {
    if (pk === b + 1 && projectPk === project) {
      b = pk;
      continue;
    }
    claim(db, a, b, project);
    [a, b, project] = [pk, pk, projectPk];
  }
  claim(db, a, b, project);
}

export type RowidRange = { lo: number; hi: number };

/**
 * A rowid bound for the full-text index, bound as an integer: FTS5 narrows its scan only to an
 * INTEGER bound and silently ignores a REAL one, which is what a JavaScript number binds as (the
 * whole index was read: 58 ms where 36 ms do for a common word in a 50,000-span project).
 */
export const FTS_ROWID = "CAST(? AS INTEGER)";

/** From the project's first run to its last: every span of the project has its rowid in here. */
export function projectRowids(db: Db, projectPk: number): RowidRange | null {
  const r = stmts(db).extent.get(projectPk) as { lo: number | null; hi: number | null };
  return r.lo === null || r.hi === null ? null : { lo: r.lo, hi: r.hi };
}

/**
 * Counts the spans of a project among the rowids a `SELECT rowid … WHERE span_fts MATCH ?`
 * returns, without reading a span: a rowid range per run, and a look-up in the (small) runs
 * table per match only where other projects' runs lie between the project's. `rowids`: the
 * project's `projectRowids`.
 */
export function ftsCountInProject(db: Db, projectPk: number, query: string, rowids: RowidRange | null): SqlPart {
  if (!rowids) return part("SELECT 0 AS n");
  const { lo, hi } = rowids;
  const mixed = (stmts(db).othersWithin.get(lo, hi, projectPk) as { n: number }).n > 0;
  const base = `SELECT count(*) AS n FROM span_fts f WHERE f.span_fts MATCH ? AND f.rowid BETWEEN ${FTS_ROWID} AND ${FTS_ROWID}`;
  if (!mixed) return part(base, query, lo, hi);
  return part(
    `${base} AND (SELECT r.project_pk = ? AND r.hi >= f.rowid FROM span_runs r WHERE r.lo <= f.rowid ORDER BY r.lo DESC LIMIT 1)`,
    query, lo, hi, projectPk,
  );
}
