import type { Db } from "../db";
import { commitOpikRequest } from "../router";

/**
 * Prepared span batches that reach the writer while it is busy are committed together, in one
 * transaction: the pages every batch touches (index leaves and interiors, the full-text segments,
 * the stats rollups) are written to the WAL once per group instead of once per batch. Each batch is
 * still answered only after the transaction that holds it has committed.
 *
 * A group is all or nothing, so when any of its batches fails (a 409 identity conflict, say) the
 * group rolls back and every batch is committed again on its own: the failing one gets its error and
 * writes nothing, the others are written as if they had come alone.
 */
export type PreparedCommit = { req: Request; prepared: unknown };

/** At most this many batches (of up to 1,000 spans) in one transaction. */
export const MAX_GROUP = 8;

const ROLLBACK = Symbol("a batch in the group failed");

export function commitGroup(db: Db, prefix: string, items: PreparedCommit[]): Response[] {
  const alone = (item: PreparedCommit) => commitOpikRequest(item.req, prefix, item.prepared);
  if (items.length === 1) return [alone(items[0]!)];
  try {
    return db.transaction(() => {
      const answers: Response[] = [];
      for (const item of items) {
        const answer = alone(item);
        // What a failed batch left half done is rolled back with the group, never built upon.
        if (!answer.ok) throw ROLLBACK;
        answers.push(answer);
      }
      return answers;
    })();
  } catch (error) {
    // Also when the group's COMMIT itself fails: then each batch finds out on its own.
    if (error !== ROLLBACK) console.warn("embedded Opik writer: a group of batches failed, committing them one by one", error);
    return items.map(alone);
  }
}
