import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { v7 } from "uuid";
import type { Db } from "@/lib/embedded/db";
import { getOrCreateProject } from "@/lib/embedded/projects-store";
import { upsertScores } from "@/lib/embedded/scores-store";
import { where } from "@/lib/embedded/span-criteria";
import { listSpans, readCriteria } from "@/lib/embedded/spans-query";
import { createSpansBatch } from "@/lib/embedded/spans-store";
import type { SpanWrite } from "@/lib/opik/schemas/spans";
import { tempDatabase } from "../support/temp-db";

/**
 * A metadata `=` filter beside a score filter: whichever index list is shorter drives the query
 * (span_meta_terms or span_scores, both read in rowid order without touching span rows), and either way
 * the total and every page must be what a check in JS selects — with scores written before and
 * after their spans, several authors, spans moved between projects, and spans whose metadata has
 * more scalars than span_meta keeps (the key then found in the JSON only).
 */
let db: Db;
tempDatabase("drive-side-", (opened) => (db = opened));
const traceId = v7();

type Spec = { id: string; project: string; tier: string; overflow: "none" | "indexed" | "json-only"; scores: number[] };

/** Metadata of more than 64 scalars: `tier` first (within what span_meta keeps) or last (beyond it). */
function metadata(s: Spec): Record<string, unknown> {
  if (s.overflow === "none") return { tier: s.tier, n: 1 };
  const filler = Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`f${i}`, i]));
  return s.overflow === "indexed" ? { tier: s.tier, ...filler } : { ...filler, tier: s.tier };
}

const write = (s: Spec, updatedAt = new Date().toISOString()): SpanWrite =>
  ({ id: s.id, trace_id: traceId, project_name: s.project, name: "s", start_time: updatedAt, last_updated_at: updatedAt, metadata: metadata(s) }) as SpanWrite;

function score(s: Spec): void {
  const projectPk = getOrCreateProject(db, s.project, "t").pk;
  s.scores.forEach((value, i) => upsertScores(db, "span", [{ entityId: s.id, projectPk, name: i % 2 ? "RELEVANCE" : "relevance", value, source: "sdk", author: `a${i}` }]));
}

const filters = (tier: string) =>
  JSON.stringify([
    { field: "metadata", operator: "=", key: "tier", value: tier },
    { field: "feedback_scores", operator: ">=", key: "relevance", value: "0.5" },
  ]);

function expected(specs: Spec[], project: string, tier: string): string[] {
  const avg = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  return specs
    .filter((s) => s.project === project && s.tier.toLowerCase() === tier.toLowerCase() && s.scores.length > 0 && avg(s.scores) >= 0.5 - 5e-10)
    .map((s) => s.id);
}

/** Every page of the filtered list, checked against the JS selection and the unfiltered order. */
function assertListed(specs: Spec[], project: string, tier: string): void {
  const want = expected(specs, project, tier);
  const seen: string[] = [];
  let total = -1;
  for (let page = 1; page === 1 || seen.length < want.length; page++) {
    const r = listSpans(db, new URLSearchParams({ project_name: project, filters: filters(tier), page: String(page), size: "15" }));
    total = r.total;
    assert.equal(r.total, want.length, `total of ${project} / ${tier}`);
    if (want.length > 0) assert.ok(r.content.length > 0, `page ${page} is empty`);
    seen.push(...r.content.map((s) => s.id as string));
    if (r.content.length === 0) break;
  }
  assert.equal(total, want.length);
  assert.deepEqual([...seen].sort(), [...want].sort());
  const order = listSpans(db, new URLSearchParams({ project_name: project, size: "10000" })).content.map((s) => s.id as string);
  assert.deepEqual(seen, order.filter((id) => want.includes(id)));
}

/** Which index table the matching rowids are read from. */
function driver(project: string, tier: string): string {
  const { criteria } = readCriteria(db, new URLSearchParams({ project_name: project, filters: filters(tier) }));
  const sql = where(criteria, db, false, { needDriverRows: false }).matches?.sql ?? "";
  return /^SELECT s\.pk FROM \(SELECT span_pk AS pk FROM (\w+)/.exec(sql)?.[1] ?? "none";
}

describe("metadata = and score filters, whichever list drives", () => {
  it("selects the same spans when the metadata list or the score list is the shorter", () => {
    const p = `sides-${v7()}`;
    const q = `moved-to-${v7()}`;
    let seed = 11;
    const r = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const specs: Spec[] = [];
    for (let i = 0; i < 400; i++) {
      // "rare" is on few spans, "common" on most; scores on about half.
      const tier = r() < 0.06 ? (r() < 0.5 ? "Rare" : "rare") : "common";
      const overflow = i % 37 === 0 ? "json-only" : i % 41 === 0 ? "indexed" : "none";
      const scores = r() < 0.5 ? [Math.round(r() * 100) / 100, ...(r() < 0.3 ? [Math.round(r() * 100) / 100] : [])] : [];
      specs.push({ id: v7(), project: p, tier, overflow, scores });
    }
    // A few more "rare" ones in the overflow shapes, so both JSON paths have matches.
    for (const overflow of ["json-only", "indexed", "json-only"] as const) specs.push({ id: v7(), project: p, tier: "rare", overflow, scores: [0.9] });
    // Scores before their spans for a third, after for the rest.
    const early = specs.filter((_, i) => i % 3 === 0);
    for (const s of early) score(s);
    for (let i = 0; i < specs.length; i += 50) createSpansBatch(db, specs.slice(i, i + 50).map((s) => write(s, new Date(Date.now() - 60_000).toISOString())), "t");
    for (const s of specs.filter((_, i) => i % 3 !== 0)) score(s);

    assert.equal(driver(p, "rare"), "span_meta_terms");
    assert.equal(driver(p, "common"), "span_scores");
    for (const tier of ["rare", "RARE", "common", "missing"]) assertListed(specs, p, tier);

    // Spans moved to another project (a newer version under it) take their links along; their
    // scores stay with the old project, so they match there no more and in the new one only once scored there.
    // Two plain spans and two whose metadata overflows span_meta (one with the key beyond it).
    const moving = [...specs.filter((s) => s.tier.toLowerCase() === "rare" && s.scores.length > 0 && s.overflow === "none").slice(0, 2), ...specs.slice(-2)];
    assert.deepEqual(moving.map((s) => s.overflow), ["none", "none", "indexed", "json-only"]);
    createSpansBatch(db, moving.map((s) => write({ ...s, project: q })), "t");
    for (const s of moving) s.project = q;
    const scoredThere = [moving[0]!, moving[3]!].map((s) => ({ ...s, scores: [0.8] }));
    for (const s of scoredThere) score(s);
    const after = specs.map((s) => scoredThere.find((m) => m.id === s.id) ?? (moving.includes(s) ? { ...s, scores: [] } : s));
    for (const tier of ["rare", "common"]) {
      assertListed(after, p, tier);
      assertListed(after, q, tier);
    }
    assert.equal(expected(after, q, "rare").length, 2);
  });
});
