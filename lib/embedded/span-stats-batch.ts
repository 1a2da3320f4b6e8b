import type { Db } from "./db";
import { perConnection } from "./per-connection";
import { ROLLUP_ADD_BATCH_SQL } from "./stats-rollup-sql";

function prepare(db: Db) {
  return {
    defer: db.prepare("INSERT INTO span_stats_deferred (batch) VALUES (1)"),
    resume: db.prepare("DELETE FROM span_stats_deferred"),
    spans: db.prepare(ROLLUP_ADD_BATCH_SQL.spans),
    usage: db.prepare(ROLLUP_ADD_BATCH_SQL.usage),
    scores: db.prepare(ROLLUP_ADD_BATCH_SQL.scores),
  };
}
const stmts = perConnection(prepare);

/**
 * A batch's inserted spans reach the stats rollups together (stats-rollup-sql.ts): the insert
 * triggers stand aside while the batch holds `span_stats_deferred`. Any other write to a span in
 * the batch (a replacement, which its update trigger takes out of the rollups) first lands what
 * is pending, so the triggers always see the rollups as they would have been.
 */
export class DeferredStats {
  private pks: number[] = [];
  private scored: number[] = [];
  constructor(private readonly db: Db) {
    stmts(db).defer.run();
  }
  /** `scored`: the span had scores before it arrived. */
  inserted(pk: number, scored: boolean): void {
    this.pks.push(pk);
    if (scored) this.scored.push(pk);
  }
  flush(): void {
    if (this.pks.length === 0) return;
    const s = stmts(this.db);
    const pks = JSON.stringify(this.pks);
    s.spans.run(pks);
    s.usage.run(pks);
    if (this.scored.length > 0) s.scores.run(JSON.stringify(this.scored));
    this.pks = [];
    this.scored = [];
  }
  /** Before the transaction ends (a failed one rolls all of this back with it). */
  end(): void {
    this.flush();
    stmts(this.db).resume.run();
  }
}
