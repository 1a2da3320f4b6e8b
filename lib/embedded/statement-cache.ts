import type { Statement } from "better-sqlite3";
import type { Db } from "./db";

/**
 * Statements of the read paths, prepared once per connection and SQL text. Their SQL is built per
 * request (filters, sort, `IN (?, …)` lists) but repeats: the same page asked again, or the next
 * page with the same filters. Preparing was ~6% of a reader's time on list pages.
 *
 * Only for `.get()`, `.all()` and `.run()`: a statement switched to `pluck()`/`raw()` would stay so
 * for every other caller of the same text, and one being iterated cannot serve another call.
 */
const CAPACITY = 256;
const caches = new WeakMap<Db, Map<string, Statement>>();

export function cachedStatement(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (statement) {
    // Most recently used last, so the first key is the one to evict.
    cache.delete(sql);
  } else {
    statement = db.prepare(sql);
    if (cache.size >= CAPACITY) cache.delete(cache.keys().next().value!);
  }
  cache.set(sql, statement);
  return statement;
}
