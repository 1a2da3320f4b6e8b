import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { v7 } from "uuid";
import { openDatabase, type Db } from "@/lib/embedded/db";
import { getOrCreateProject } from "@/lib/embedded/projects-store";
import { deleteScore, upsertScores } from "@/lib/embedded/scores-store";
import { listSpans } from "@/lib/embedded/spans-query";
import { createSpansBatch, deleteSpansWhere, updateSpan } from "@/lib/embedded/spans-store";
import type { SpanWrite } from "@/lib/opik/schemas/spans";
import { UNDO_META_TERMS_SQL } from "../support/schema-steps";
import { tempDatabase } from "../support/temp-db";

/**
 * `span_scores.span_pk` (the scored span's rowid in the score's project, else NULL), which score
 * filters drive and count by: it must stay right whichever comes first, the span or its score, and
 * across span deletes, re-creates and moves between projects; the filtered list must match a
 * check done in JS; the migration must fill it for databases written before it.
 */
let db: Db;
const temp = tempDatabase("score-pk-", (opened) => (db = opened));
const traceId = v7();

const span = (id: string, project: string, env: string, extra: Partial<SpanWrite> = {}): SpanWrite =>
  ({ id, trace_id: traceId, project_name: project, name: "s", start_time: new Date().toISOString(), metadata: { environment: env }, ...extra }) as SpanWrite;

const pkOf = (project: string) => getOrCreateProject(db, project, "t").pk;

function score(id: string, project: string, value: number, name = "Relevance", author = "a"): void {
  upsertScores(db, "span", [{ entityId: id, projectPk: pkOf(project), name, value, source: "sdk", author }]);
}

/** Every span_scores row points at its span in its own project, or at nothing when there is none. */
function assertLinks(): void {
  const wrong = db
    .prepare(
      `SELECT sc.span_id, sc.project_pk, sc.span_pk, s.pk AS expected FROM span_scores sc
       LEFT JOIN spans s ON s.id = sc.span_id AND s.project_pk = sc.project_pk WHERE sc.span_pk IS NOT s.pk`,
    )
    .all();
  assert.deepEqual(wrong, []);
}

const META_AND_SCORE = JSON.stringify([
  { field: "metadata", operator: "=", key: "environment", value: "production" },
  { field: "feedback_scores", operator: ">=", key: "relevance", value: "0.7" },
]);
const SCORE_ONLY = JSON.stringify([{ field: "feedback_scores", operator: ">=", key: "relevance", value: "0.7" }]);

function list(project: string, filters: string, page = 1, size = 100) {
  const r = listSpans(db, new URLSearchParams({ project_name: project, filters, page: String(page), size: String(size) }));
  return { total: r.total, ids: r.content.map((s) => s.id as string) };
}

describe("span_scores.span_pk", () => {
  it("a score that arrives before its span filters its span once the span arrives", () => {
    const p = `early-${v7()}`;
    const id = v7();
    score(id, p, 0.9);
    assertLinks();
    assert.deepEqual(list(p, META_AND_SCORE), { total: 0, ids: [] });
    createSpansBatch(db, [span(id, p, "production")], "t");
    assertLinks();
    assert.deepEqual(list(p, META_AND_SCORE), { total: 1, ids: [id] });
    assert.deepEqual(list(p, SCORE_ONLY), { total: 1, ids: [id] });
    // A partial span made by PATCH (a row insert too) is linked the same way.
    const patched = v7();
    score(patched, p, 0.8);
    updateSpan(db, patched, { trace_id: traceId, project_name: p, metadata: { environment: "production" } } as never, "t");
    assertLinks();
    assert.equal(list(p, META_AND_SCORE).total, 2);
  });

  it("a score stored under another project than its span's never links nor matches", () => {
    const p = `mine-${v7()}`;
    const other = `theirs-${v7()}`;
    const id = v7();
    createSpansBatch(db, [span(id, p, "production")], "t");
    score(id, other, 0.95);
    assertLinks();
    assert.equal(list(p, META_AND_SCORE).total, 0);
    assert.equal(list(other, META_AND_SCORE).total, 0);
    assert.equal(list(other, SCORE_ONLY).total, 0);
  });

  it("follows a span that moves between projects, and its delete and re-creation", () => {
    const a = `from-${v7()}`;
    const b = `to-${v7()}`;
    const id = v7();
    const t1 = new Date(Date.now() - 60_000).toISOString();
    createSpansBatch(db, [span(id, a, "production", { last_updated_at: t1 })], "t");
    score(id, a, 0.9);
    // Another author: a score is one row per (span, name, author), whatever its project.
    score(id, b, 0.8, "relevance", "b");
    assertLinks();
    assert.equal(list(a, META_AND_SCORE).total, 1);
    assert.equal(list(b, META_AND_SCORE).total, 0);
    // A newer batch version under another project moves the row (same rowid).
    createSpansBatch(db, [span(id, b, "production", { last_updated_at: new Date().toISOString() })], "t");
    assertLinks();
    assert.deepEqual(list(a, META_AND_SCORE), { total: 0, ids: [] });
    assert.deepEqual(list(b, META_AND_SCORE), { total: 1, ids: [id] });
    // Deleted, the span takes its score rows along; re-created, it gets a new rowid and new scores link to it.
    deleteSpansWhere(db, "id = ?", [id]);
    assertLinks();
    assert.equal(db.prepare("SELECT count(*) AS n FROM span_scores WHERE span_id = ?").pluck().get(id), 0);
    assert.equal(list(b, META_AND_SCORE).total, 0);
    createSpansBatch(db, [span(v7(), b, "production"), span(id, b, "production")], "t");
    assert.equal(list(b, META_AND_SCORE).total, 0);
    score(id, b, 0.75);
    assertLinks();
    assert.deepEqual(list(b, META_AND_SCORE), { total: 1, ids: [id] });
    deleteScore(db, "span", id, "Relevance");
    assertLinks();
    assert.equal(list(b, META_AND_SCORE).total, 0);
  });

  it("lists exactly the spans a check in JS selects, on every page, whichever came first", () => {
    const p = `mixed-${v7()}`;
    const spans: { id: string; env: string; value: number | null }[] = [];
    let seed = 7;
    const r = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    for (let i = 0; i < 600; i++) {
      spans.push({ id: v7(), env: r() < 0.7 ? "production" : "staging", value: r() < 0.6 ? Math.round(r() * 100) / 100 : null });
    }
    // Half the scores before their spans, half after; some spans scored by two authors.
    const scored = spans.filter((s) => s.value !== null);
    for (const s of scored.slice(0, scored.length / 2)) score(s.id, p, s.value!);
    for (let i = 0; i < spans.length; i += 100) createSpansBatch(db, spans.slice(i, i + 100).map((s) => span(s.id, p, s.env)), "t");
    for (const s of scored.slice(scored.length / 2)) {
      score(s.id, p, s.value! + 0.1, "relevance", "a");
      score(s.id, p, s.value! - 0.1, "RELEVANCE", "b");
    }
    assertLinks();
    const expected = spans.filter((s) => s.env === "production" && s.value !== null && s.value >= 0.7 - 5e-10).map((s) => s.id);
    assert.ok(expected.length > 40, `only ${expected.length} matches`);
    const seen: string[] = [];
    for (let page = 1; seen.length < expected.length; page++) {
      const got = list(p, META_AND_SCORE, page, 20);
      assert.equal(got.total, expected.length);
      assert.ok(got.ids.length > 0);
      seen.push(...got.ids);
    }
    assert.deepEqual([...seen].sort(), [...expected].sort());
    // The page order is the default order (newest trace, parent, id first), as without the filter.
    const all = list(p, "[]", 1, 1000).ids.filter((id) => expected.includes(id));
    assert.deepEqual(seen, all);
    assert.equal(list(p, SCORE_ONLY).total, spans.filter((s) => s.value !== null && s.value >= 0.7 - 5e-10).length);
  });

  it("the migration fills span_pk for scores written before it, leaving the stats rollups as they were", () => {
    const file = temp.file("old.sqlite");
    let old = openDatabase(file);
    const p = getOrCreateProject(old, "old", "t").pk;
    const ids = [v7(), v7(), v7()];
    createSpansBatch(old, ids.slice(0, 2).map((id) => span(id, "old", "production")), "t");
    for (const id of ids) upsertScores(old, "span", [{ entityId: id, projectPk: p, name: "relevance", value: 0.9, source: "sdk", author: "a" }]);
    const rollup = () => old.prepare("SELECT * FROM span_stats_hourly_scores ORDER BY 1, 2, 3, 4, 5, 6").all();
    const before = rollup();
    // Back to the schema before the column (version 5 → 4), metadata index included.
    old.exec(`${UNDO_META_TERMS_SQL} DROP INDEX span_scores_by_span_pk; ALTER TABLE span_scores DROP COLUMN span_pk;
      CREATE INDEX span_scores_by_value ON span_scores(project_pk, name_key, value); PRAGMA user_version = 4;`);
    old.close();
    old = openDatabase(file);
    const linked = old.prepare("SELECT span_id, span_pk FROM span_scores ORDER BY span_id").all() as { span_id: string; span_pk: number | null }[];
    const pks = new Map((old.prepare("SELECT id, pk FROM spans").all() as { id: string; pk: number }[]).map((s) => [s.id, s.pk]));
    assert.deepEqual(linked, [...ids].sort().map((id) => ({ span_id: id, span_pk: pks.get(id) ?? null })));
    assert.equal(linked.filter((l) => l.span_pk === null).length, 1);
    const after = old.prepare("SELECT * FROM span_stats_hourly_scores ORDER BY 1, 2, 3, 4, 5, 6").all() as { sum: number; comp: number }[];
    assert.equal(after.length, before.length);
    after.forEach((row, i) => {
      const was = before[i] as { sum: number; comp: number };
      assert.ok(Math.abs(row.sum + row.comp - (was.sum + was.comp)) < 1e-12);
    });
    old.close();
  });
});
