import type { Db } from "@/lib/embedded/db";
import { parseSorting } from "@/lib/embedded/sorting";
import { readCriteria, selectPage } from "@/lib/embedded/spans-query";
import { computeStats } from "@/lib/embedded/stats";

/**
 * The bare SQLite work behind a request, run in this process on a read-only connection to the
 * same file: the query engine's own criteria, WHERE and ORDER BY builders, without HTTP, JSON or
 * the per-row payload/score/comment reads. HTTP time ÷ this time is the serving overhead.
 */

/** The page query and, when there are predicates, the count: the same selectPage GET /spans runs. */
export function listPageQuery(db: Db, query: URLSearchParams): () => void {
  const page = Number(query.get("page") ?? "1");
  const size = Number(query.get("size") ?? "10");
  const { project, criteria } = readCriteria(db, query);
  const sorting = parseSorting(query.get("sorting"));
  return () => void selectPage(db, project, criteria, sorting, page, size);
}

/** GET /spans/stats's computation (statement preparation included: stats has no cached SQL). */
export function statsQuery(db: Db, query: URLSearchParams): () => void {
  const { criteria } = readCriteria(db, query);
  return () => void computeStats(db, criteria);
}
