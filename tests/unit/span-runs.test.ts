import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { SpanWrite } from "@/lib/opik/schemas";
import type { Db } from "@/lib/embedded/db";
import { deleteSpansWhere, createSpansBatch } from "@/lib/embedded/spans-store";
import { SPAN_RUNS_MIGRATION_SQL } from "@/lib/embedded/span-runs";
import { selectPage } from "@/lib/embedded/spans-query";
import { findProjectByName } from "@/lib/embedded/projects-store";
import { projectShare } from "@/lib/embedded/span-criteria";
import { newId } from "@/lib/embedded/uuid7";
import { tempDatabase } from "../support/temp-db";

/**
 * A search's total is counted over the project's rowid runs (span_runs) instead of the span rows.
 * Whatever the write history — interleaved projects, deletions, rowids handed out again, spans
 * moved to another project — the runs must keep every project's total exact.
 */

let db: Db;
tempDatabase("span-runs-", (opened) => (db = opened));

const span = (project: string, name: string, extra: Partial<SpanWrite> = {}): SpanWrite =>
  ({ id: newId(), trace_id: newId(), project_name: project, name, start_time: "2026-01-01T00:00:00Z", ...extra }) as SpanWrite;

/** The total GET /spans?search= answers, and the same count read from the span rows. */
function totals(project: string, text: string) {
  const p = findProjectByName(db, project)!;
  const { total } = selectPage(db, p, { projectPk: p.pk, search: text, projectShare: projectShare(db, p.span_count) }, null, 1, 10);
  const brute = (db.prepare("SELECT count(*) AS n FROM spans s WHERE s.project_pk = ? AND s.pk IN (SELECT rowid FROM span_fts WHERE span_fts MATCH ?)")
    .get(p.pk, `"${text}"*`) as { n: number }).n;
  return { total, brute };
}

function assertRunsDisjointAndCovering() {
  const runs = db.prepare("SELECT lo, hi, project_pk FROM span_runs ORDER BY lo").all() as { lo: number; hi: number; project_pk: number }[];
  for (let i = 1; i < runs.length; i++) assert.ok(runs[i]!.lo > runs[i - 1]!.hi, `runs overlap: ${JSON.stringify(runs.slice(i - 1, i + 1))}`);
  const uncovered = db.prepare(
    `SELECT count(*) AS n FROM spans s WHERE NOT EXISTS (SELECT 1 FROM span_runs r WHERE r.lo <= s.pk AND r.hi >= s.pk AND r.project_pk = s.project_pk)`,
  ).get() as { n: number };
  assert.equal(uncovered.n, 0, "every span lies in a run of its own project");
}

describe("span_runs", () => {
  it("keeps search totals exact with interleaved projects, deletions, reused rowids and moved spans", () => {
    // Interleaved batches: alpha and beta alternate, so each holds several runs with the other's between.
    for (let round = 0; round < 4; round++) {
      createSpansBatch(db, Array.from({ length: 5 }, (_, i) => span("alpha", `refund alpha ${round}-${i}`)), "admin");
      createSpansBatch(db, Array.from({ length: 3 }, (_, i) => span("beta", i % 2 ? "refund beta" : "other beta")), "admin");
    }
    // One batch mixing both projects.
    createSpansBatch(db, [span("alpha", "refund mixed"), span("beta", "refund mixed"), span("alpha", "refunded mixed")], "admin");
    assert.deepEqual(totals("alpha", "refund"), { total: 22, brute: 22 });
    assert.deepEqual(totals("beta", "refund"), { total: 5, brute: 5 });
    assertRunsDisjointAndCovering();

    // Deleting the newest spans lets SQLite hand their rowids out again, here to the other project.
    const top = (db.prepare("SELECT max(pk) AS pk FROM spans").get() as { pk: number }).pk;
    deleteSpansWhere(db, "pk >= ?", [top - 1]);
    createSpansBatch(db, [span("beta", "refund reused"), span("beta", "refund reused two")], "admin");
    assert.equal((db.prepare("SELECT max(pk) AS pk FROM spans").get() as { pk: number }).pk, top, "the rowids were reused");
    // The two deleted were beta's and alpha's last "mixed" spans.
    assert.deepEqual(totals("alpha", "refund"), { total: 21, brute: 21 });
    assert.deepEqual(totals("beta", "refund"), { total: 6, brute: 6 });
    assertRunsDisjointAndCovering();

    // A batch write can move a span to another project: its rowid changes hands.
    const moved = db.prepare("SELECT s.id, s.trace_id FROM spans s JOIN projects p ON p.pk = s.project_pk WHERE p.name = 'alpha' ORDER BY s.pk LIMIT 1 OFFSET 2")
      .get() as { id: string; trace_id: string };
    createSpansBatch(db, [span("beta", "refund moved", { id: moved.id, trace_id: moved.trace_id })], "admin");
    assert.deepEqual(totals("alpha", "refund"), { total: 20, brute: 20 });
    assert.deepEqual(totals("beta", "refund"), { total: 7, brute: 7 });
    assertRunsDisjointAndCovering();
  });

  it("the migration derives the same runs from existing spans", () => {
    const before = db.prepare("SELECT lo, hi, project_pk FROM span_runs ORDER BY lo").all() as { lo: number; hi: number; project_pk: number }[];
    db.exec("DROP TABLE span_runs");
    db.exec(SPAN_RUNS_MIGRATION_SQL);
    const rebuilt = db.prepare("SELECT lo, hi, project_pk FROM span_runs ORDER BY lo").all() as { lo: number; hi: number; project_pk: number }[];
    assertRunsDisjointAndCovering();
    // Maintained runs may also cover rowids of deleted spans; the rebuilt ones never do.
    assert.ok(rebuilt.length >= 1 && rebuilt.length <= before.length + 2, `${rebuilt.length} runs rebuilt, ${before.length} maintained`);
    assert.deepEqual(totals("alpha", "refund"), { total: 20, brute: 20 });
    assert.deepEqual(totals("beta", "refund"), { total: 7, brute: 7 });
  });
});
