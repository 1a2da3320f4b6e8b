import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { v7 } from "uuid";
import { openDatabase, type Db } from "@/lib/embedded/db";
import { OpikHttpError } from "@/lib/embedded/http";
import { findProjectByName } from "@/lib/embedded/projects-store";
import { upsertScores } from "@/lib/embedded/scores-store";
import { createSpansBatch, updateSpan } from "@/lib/embedded/spans-store";
import { ROLLUP_BACKFILL_SQL } from "@/lib/embedded/stats-rollup-sql";
import type { SpanWrite } from "@/lib/opik/schemas/spans";

/**
 * Span batches add their inserted spans to the stats rollups once per batch, with the insert
 * triggers standing aside (stats-rollup-sql.ts): the rollups must come out exactly as the
 * backfill computes them from the stored spans, whatever the batch mixes in.
 */
const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 2, 10, 7, 0, 0);
const TABLES = ["span_stats_hourly", "span_stats_hourly_usage", "span_stats_hourly_scores"];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stats-batch-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function span(project: string, i: number, extra: Partial<SpanWrite> = {}): SpanWrite {
  const start = T0 + (i % 7) * HOUR + i * 1000;
  return {
    id: v7(),
    project_name: project,
    trace_id: v7(),
    name: `s${i}`,
    type: (["llm", "tool", null] as const)[i % 3],
    start_time: new Date(start).toISOString(),
    end_time: i % 5 ? new Date(start + 100 + i).toISOString() : null,
    model: i % 2 ? "gpt-4o" : null,
    usage: i % 4 === 0 ? { prompt_tokens: i, cached_tokens: 2 } : i % 4 === 1 ? { total_tokens: i } : null,
    total_estimated_cost: i % 3 ? i / 997 : null,
    input: { q: i },
    ...extra,
  } as SpanWrite;
}

/** The rollup tables, compensated float sums compared as the value they stand for. */
function dump(db: Db) {
  return TABLES.map((t) =>
    (db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3, 4, 5, 6`).all() as Record<string, number>[]).map(({ cost_comp = 0, comp = 0, ...row }) => ({
      ...row,
      ...(row.cost_sum !== undefined ? { cost_sum: Number((row.cost_sum + cost_comp).toPrecision(12)) } : {}),
      ...(row.sum !== undefined && t.endsWith("scores") ? { sum: Number((row.sum + comp).toPrecision(12)) } : {}),
    })),
  );
}

function assertLikeBackfill(db: Db) {
  assert.equal((db.prepare("SELECT count(*) AS n FROM span_stats_deferred").get() as { n: number }).n, 0, "no batch is left deferred");
  const kept = dump(db);
  assert.ok(kept[0]!.length > 5 && kept[1]!.length > 0 && kept[2]!.length > 0, "every rollup table has rows");
  db.exec(`DELETE FROM ${TABLES.join("; DELETE FROM ")}; ${ROLLUP_BACKFILL_SQL}`);
  assert.deepEqual(dump(db), kept);
}

describe("stats rollups of span batches", () => {
  it("match the backfill after batches of new spans, early scores, repeated ids and partial spans", () => {
    const db = openDatabase(path.join(dir, "mixed.sqlite"));
    const first = Array.from({ length: 120 }, (_, i) => span("p", i));
    // Scores that arrive before their spans count once the spans do.
    const later = Array.from({ length: 40 }, (_, i) => span("p", 200 + i));
    createSpansBatch(db, first, "t");
    const projectPk = findProjectByName(db, "p")!.pk;
    upsertScores(db, "span", later.slice(0, 10).map((s, i) => ({ entityId: s.id!, projectPk, name: "early", value: i / 10, source: "sdk", author: "a" })));
    // A partial span (from a PATCH) that the batch completes, and ids repeated within the batch:
    // the second write of an id replaces the first, moving it to another hour and model.
    updateSpan(db, later[20]!.id!, { trace_id: later[20]!.trace_id!, type: null, project_name: "p", model: "claude-3" }, "t");
    const repeated = later.slice(30, 35).map((s, i) => ({ ...s, start_time: new Date(T0 + 20 * HOUR + i).toISOString(), model: "claude-3", total_estimated_cost: 0.5 }));
    createSpansBatch(db, [...later, ...repeated, ...first.slice(0, 5).map((s) => ({ ...s, type: "guardrail" as const }))], "t");
    assertLikeBackfill(db);
    db.close();
  });

  it("leave the rollups untouched when a batch fails part-way", () => {
    const db = openDatabase(path.join(dir, "failed.sqlite"));
    createSpansBatch(db, Array.from({ length: 30 }, (_, i) => span("f", i)), "t");
    const partial = span("f", 99);
    updateSpan(db, partial.id!, { trace_id: partial.trace_id!, type: null, project_name: "f" }, "t");
    const before = dump(db);
    // The last item names the partial span with another trace: 409, after 20 new spans were written.
    const bad = [...Array.from({ length: 20 }, (_, i) => span("f", 300 + i)), { ...partial, trace_id: v7() }];
    assert.throws(() => createSpansBatch(db, bad, "t"), (e: unknown) => e instanceof OpikHttpError && e.status === 409);
    assert.deepEqual(dump(db), before);
    assert.equal((db.prepare("SELECT count(*) AS n FROM span_stats_deferred").get() as { n: number }).n, 0);
    // The next batch is counted by the rollups as usual.
    createSpansBatch(db, [span("f", 400, { usage: { prompt_tokens: 1, cached_tokens: 1 } })], "t");
    upsertScores(db, "span", [{ entityId: partial.id!, projectPk: findProjectByName(db, "f")!.pk, name: "q", value: 1, source: "sdk", author: "a" }]);
    assertLikeBackfill(db);
    db.close();
  });
});
