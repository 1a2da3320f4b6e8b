import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { v7 } from "uuid";
import { openDatabase, type Db } from "@/lib/embedded/db";
import { findProjectByName } from "@/lib/embedded/projects-store";
import { deleteScore, upsertScores } from "@/lib/embedded/scores-store";
import { listSpans, readCriteria } from "@/lib/embedded/spans-query";
import { createSpansBatch, deleteSpansWhere, updateSpan } from "@/lib/embedded/spans-store";
import { computeStats } from "@/lib/embedded/stats";
import { rollupScope } from "@/lib/embedded/stats-rollup";
import { ROLLUP_BACKFILL_SQL } from "@/lib/embedded/stats-rollup-sql";
import type { SpanWrite } from "@/lib/opik/schemas/spans";

/**
 * The hourly stats rollups (lib/embedded/stats-rollup*.ts) against the pass over the spans they
 * replace: for every shape the stats view asks (totals, hour/day buckets, type, model, provider and
 * their combinations), after inserts, replacements, patches, deletes and score changes; and the
 * migration's backfill (for databases written before the rollups) against the triggers.
 */
const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 2, 10, 7, 0, 0);
let dir: string;

function prng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function makeSpans(project: string, n: number, seed: number): SpanWrite[] {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    // Some spans start exactly on an hour boundary: they belong to the bucket that begins there.
    const start = i % 17 === 0 ? T0 + Math.floor(r() * 30) * HOUR : T0 + Math.floor(r() * 30 * HOUR) + r();
    const hasEnd = r() > 0.1;
    const usage = pick<Record<string, number> | null>([null, { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 }, { prompt_tokens: Math.floor(r() * 900) }, { total_tokens: 7, cached_tokens: Math.floor(r() * 50) }, { reasoning: 2 }]);
    return {
      id: v7(),
      project_name: project,
      trace_id: v7(),
      name: `span ${i}`,
      type: pick(["llm", "tool", "general", "guardrail", null] as const),
      start_time: new Date(start).toISOString(),
      end_time: hasEnd ? new Date(start + Math.floor(r() * 5000) + r()).toISOString() : null,
      model: pick(["gpt-4o", "GPT-4o", "claude-3", null, ""]),
      provider: pick(["openai", "OpenAI", "anthropic", null]),
      input: r() > 0.2 ? { q: i } : null,
      output: r() > 0.3 ? { a: i } : null,
      metadata: r() > 0.5 ? { k: i } : null,
      tags: r() > 0.5 ? ["a", "b"].slice(0, 1 + Math.floor(r() * 2)) : null,
      usage,
      total_estimated_cost: r() > 0.4 ? Math.round(r() * 1e9) / 1e11 : null,
      error_info: r() > 0.85 ? { exception_type: "E", traceback: "tb" } : null,
    } as SpanWrite;
  });
}

const iso = (ms: number) => new Date(ms).toISOString();
const bucket = (from: number, to: number) => [
  { field: "start_time", operator: ">=", value: iso(from) },
  { field: "start_time", operator: "<", value: iso(to) },
];
const eq = (field: string, value: string) => ({ field, operator: "=", value });

/** Every query shape of the stats view, plus combinations a filtered view produces. */
function shapes(): Record<string, string>[] {
  const out: Record<string, string>[] = [{}];
  for (const type of ["llm", "tool", "general", "guardrail"]) out.push({ type });
  for (let h = -1; h <= 31; h++) out.push({ filters: JSON.stringify(bucket(T0 + h * HOUR, T0 + (h + 1) * HOUR)) });
  out.push({ filters: JSON.stringify(bucket(T0 - 7 * HOUR, T0 + 17 * HOUR)) }, { filters: JSON.stringify(bucket(T0 + 17 * HOUR, T0 + 41 * HOUR)) });
  for (const m of ["gpt-4o", "GPT-4O", "claude-3", "nope"]) out.push({ filters: JSON.stringify([eq("model", m)]) });
  for (const p of ["openai", "anthropic"]) out.push({ filters: JSON.stringify([eq("provider", p)]) });
  out.push(
    { type: "llm", filters: JSON.stringify(bucket(T0 + 3 * HOUR, T0 + 9 * HOUR)) },
    { filters: JSON.stringify([...bucket(T0, T0 + 5 * HOUR), eq("model", "gpt-4o")]) },
    { filters: JSON.stringify([eq("provider", "openai"), eq("model", "gpt-4o")]) },
    // Bounds inside an hour and `>`/`<=` bounds: answered by the pass, and must agree too.
    { filters: JSON.stringify([{ field: "start_time", operator: ">", value: iso(T0 + 90 * 60_000) }]) },
    { filters: JSON.stringify([{ field: "start_time", operator: "<=", value: iso(T0 + 5 * HOUR - 1) }]) },
  );
  return out;
}

function assertAgree(db: Db, project: string, label: string) {
  let rolled = 0;
  for (const q of shapes()) {
    const { criteria } = readCriteria(db, new URLSearchParams({ project_name: project, ...q }));
    if (rollupScope(criteria)) rolled++;
    const pass = computeStats(db, criteria, { rollups: false });
    assert.deepEqual(computeStats(db, criteria), pass, `${label}: ${JSON.stringify(q)}`);
    // The list's total comes from the rollups for the same scopes.
    const total = listSpans(db, new URLSearchParams({ project_name: project, ...q })).total;
    assert.equal(total, pass.find((s) => s.name === "span_count")?.value ?? 0, `${label} total: ${JSON.stringify(q)}`);
  }
  // All but the two bounds inside an hour are answered from the rollups.
  assert.equal(rolled, shapes().length - 2);
  for (const table of ["span_stats_hourly", "span_stats_hourly_usage", "span_stats_hourly_scores"]) {
    assert.equal((db.prepare(`SELECT count(*) AS n FROM ${table} WHERE n <= 0`).get() as { n: number }).n, 0, `${label}: no empty ${table} rows`);
  }
}

function score(db: Db, project: string, spanId: string, name: string, value: number, author = "a") {
  const projectPk = findProjectByName(db, project)!.pk;
  upsertScores(db, "span", [{ entityId: spanId, projectPk, name, value, source: "sdk", author }]);
}

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "stats-rollup-"));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("hourly stats rollups", () => {
  it("agree with the pass over the spans for every view shape, through every kind of write", () => {
    const db = openDatabase(path.join(dir, "writes.sqlite"));
    const spans = makeSpans("p", 400, 1);
    for (let i = 100; i < spans.length; i += 100) createSpansBatch(db, spans.slice(i, i + 100), "t");
    // A score that arrives before its span counts once the span does.
    score(db, "p", spans[0]!.id!, "Early", 0.25);
    createSpansBatch(db, spans.slice(0, 100), "t");
    createSpansBatch(db, makeSpans("other", 50, 2), "t");
    const r = prng(3);
    for (const s of spans.filter(() => r() > 0.6)) score(db, "p", s.id!, r() > 0.5 ? "Quality" : "speed", Math.round(r() * 1000) / 1000);
    score(db, "p", spans[1]!.id!, "quality", 0.1, "b");
    assertAgree(db, "p", "after inserts and scores");

    // Replacements move spans between hours, types, models and providers.
    const moved = spans.slice(0, 60).map((s, i) => ({
      ...s,
      start_time: iso(T0 + ((i * 7) % 30) * HOUR + i * 1000),
      type: i % 2 ? "tool" : "llm",
      model: i % 3 ? "claude-3" : null,
      provider: i % 4 ? "anthropic" : "OpenAI",
      usage: i % 5 ? { prompt_tokens: i, cached_tokens: 1 } : null,
      total_estimated_cost: i / 1000,
    })) as SpanWrite[];
    createSpansBatch(db, moved, "t");
    for (const s of spans.slice(100, 130)) updateSpan(db, s.id!, { trace_id: s.trace_id!, type: null, project_name: "p", model: "gpt-4o", provider: "openai", end_time: s.start_time, error_info: { exception_type: "X", traceback: "" } }, "t");
    assertAgree(db, "p", "after replacements and patches");

    for (const s of spans.slice(0, 40)) score(db, "p", s.id!, "Quality", 1);
    deleteScore(db, "span", spans[1]!.id!, "Quality");
    deleteScore(db, "span", spans[2]!.id!, "speed");
    const ids = spans.slice(200, 260).map((s) => s.id!);
    deleteSpansWhere(db, `id IN (${ids.map(() => "?").join(", ")})`, ids);
    // A patch of a span that does not exist yet stores a partial span (counted, as in the pass).
    updateSpan(db, v7(), { trace_id: v7(), type: null, project_name: "p", model: "gpt-4o" }, "t");
    assertAgree(db, "p", "after score changes and deletes");
    db.close();
  });

  it("answers a time bucket with the numbers of the spans the list returns for it", () => {
    const db = openDatabase(path.join(dir, "bucket.sqlite"));
    createSpansBatch(db, makeSpans("b", 300, 4), "t");
    const filters = JSON.stringify(bucket(T0 + 2 * HOUR, T0 + 8 * HOUR));
    const { criteria } = readCriteria(db, new URLSearchParams({ project_name: "b", filters }));
    const stats = Object.fromEntries(computeStats(db, criteria).map((s) => [s.name, s.value]));
    const rows = db
      .prepare("SELECT duration, error_info, prompt_tokens FROM spans WHERE start_time >= ? AND start_time < ? AND project_pk = ?")
      .all((T0 + 2 * HOUR) * 1000, (T0 + 8 * HOUR) * 1000, criteria.projectPk) as { duration: number | null; error_info: string | null; prompt_tokens: number | null }[];
    assert.ok(rows.length > 20);
    assert.equal(stats.span_count, rows.length);
    assert.equal(stats.error_count, rows.filter((x) => x.error_info !== null).length);
    const tokens = rows.flatMap((x) => (x.prompt_tokens === null ? [] : [x.prompt_tokens]));
    assert.equal(stats["usage.prompt_tokens"], tokens.reduce((a, b) => a + b, 0) / tokens.length);
    const d = rows.flatMap((x) => (x.duration === null ? [] : [x.duration])).sort((a, b) => a - b);
    const at = (p: number) => {
      const pos = p * (d.length - 1);
      const lo = Math.floor(pos);
      return Number((d[lo]! + ((d[lo + 1] ?? d[lo]!) - d[lo]!) * (pos - lo)).toFixed(9));
    };
    assert.deepEqual(stats.duration, { p50: at(0.5), p90: at(0.9), p99: at(0.99) });
    db.close();
  });

  it("are rebuilt by the migration's backfill exactly as the triggers keep them", () => {
    const db = openDatabase(path.join(dir, "backfill.sqlite"));
    const spans = makeSpans("m", 300, 5);
    createSpansBatch(db, spans, "t");
    const projectPk = findProjectByName(db, "m")!.pk;
    upsertScores(db, "span", spans.slice(0, 90).map((s, i) => ({ entityId: s.id!, projectPk, name: i % 2 ? "Q" : "R", value: i / 90, source: "sdk", author: "a" })));
    createSpansBatch(db, spans.slice(0, 30).map((s) => ({ ...s, type: "tool", start_time: iso(T0 + 29 * HOUR) })), "t");
    const tables = ["span_stats_hourly", "span_stats_hourly_usage", "span_stats_hourly_scores"];
    // Compensated float sums are compared as the value they stand for.
    const dump = () =>
      tables.map((t) =>
        (db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3, 4, 5, 6`).all() as Record<string, number>[]).map(({ cost_comp = 0, comp = 0, ...row }) => ({
          ...row,
          ...(row.cost_sum !== undefined ? { cost_sum: Number((row.cost_sum + cost_comp).toPrecision(12)) } : {}),
          ...(row.sum !== undefined && t.endsWith("scores") ? { sum: Number((row.sum + comp).toPrecision(12)) } : {}),
        })),
      );
    const kept = dump();
    assert.ok(kept[0]!.length > 10 && kept[1]!.length > 0 && kept[2]!.length > 0);
    db.exec(`DELETE FROM ${tables.join("; DELETE FROM ")}; ${ROLLUP_BACKFILL_SQL}`);
    assert.deepEqual(dump(), kept);
    assertAgree(db, "m", "after a rebuild");
    db.close();
  });
});
