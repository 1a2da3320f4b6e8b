import type { Db } from "@/lib/embedded/db";
import { parseSorting, orderBySql } from "@/lib/embedded/sorting";
import { where } from "@/lib/embedded/span-criteria";
import { readCriteria } from "@/lib/embedded/spans-query";
import { computeStats } from "@/lib/embedded/stats";

/**
 * The bare SQLite work behind a request, run in this process on a read-only connection to the
 * same file: the query engine's own criteria, WHERE and ORDER BY builders, without HTTP, JSON or
 * the per-row payload/score/comment reads. HTTP time ÷ this time is the serving overhead.
 */

/** The page query and, when there are predicates, the count — as GET /spans runs them. */
export function listPageQuery(db: Db, query: URLSearchParams): () => void {
  const page = Number(query.get("page") ?? "1");
  const size = Number(query.get("size") ?? "10");
  const { project, criteria } = readCriteria(db, query);
  const w = where(criteria);
  const order = orderBySql(parseSorting(query.get("sorting")), project.pk);
  // Mirrors the SELECT in spans-query.ts listSpans (which does not export its SQL).
  const select = db.prepare(`SELECT s.* FROM spans s WHERE ${w.sql} ORDER BY ${order.sql} LIMIT ? OFFSET ?`);
  const count = w.hasPredicates ? db.prepare(`SELECT count(*) AS n FROM spans s WHERE ${w.sql}`) : null;
  return () => {
    select.all(...w.params, ...order.params, size, (page - 1) * size);
    count?.get(...w.params);
  };
}

/** GET /spans/stats's computation (statement preparation included: stats has no cached SQL). */
export function statsQuery(db: Db, query: URLSearchParams): () => void {
  const { criteria } = readCriteria(db, query);
  return () => void computeStats(db, criteria);
}
