import type { Prng } from "./prng";
import type { Built } from "./templates";
import type { Node } from "./trace-builder";
import { COMMENT_TEXTS, HALLUCINATION_REASONS, HELPFULNESS_REASONS, RELEVANCE_REASONS, REVIEWERS } from "./vocab";

/**
 * Feedback scores and comments on a subset of spans, the way a team reviews an agent: an online
 * LLM judge (running as "admin") scores relevance, hallucination and context precision; humans
 * (alice, bob, carol) rate helpfulness and sometimes re-score a judge's verdict, so several names
 * carry more than one author and the server has to average them.
 */

export type SeedScore = {
  span_id: string;
  name: string;
  value: number;
  source: "ui" | "sdk" | "online_scoring";
  category_name?: string;
  reason?: string;
  author: string;
};

export type SeedComment = { span_id: string; text: string; author: string; created_at: number };

const JUDGE = "admin";
const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

function relevance(rng: Prng, failed: boolean): number {
  // Judges are generous: most answers score high, failed runs low.
  return round(failed ? rng.next() * 0.4 : Math.min(1, 0.35 + 0.65 * Math.pow(rng.next(), 0.45)));
}

export function reviewTrace(rng: Prng, built: Built, out: SeedScore[]): void {
  const { root, answer } = built;
  if (root && rng.chance(0.4)) {
    const value = relevance(rng, root.failed);
    out.push({ span_id: root.span.id!, name: "relevance", value, source: "online_scoring", reason: rng.pick(RELEVANCE_REASONS), author: JUDGE });
    if (rng.chance(0.08)) {
      out.push({ span_id: root.span.id!, name: "relevance", value: round(Math.min(1, Math.max(0, value + (rng.next() - 0.5) * 0.4))), source: "ui", reason: "Second opinion after reading the transcript.", author: rng.pick(REVIEWERS) });
    }
  }
  if (root && rng.chance(0.1)) {
    const raters = rng.chance(0.3) ? rng.sample(REVIEWERS, 2) : [rng.pick(REVIEWERS)];
    const base = root.failed ? 1 + rng.int(2) : 2 + rng.int(4);
    for (const author of raters) {
      const value = Math.min(5, Math.max(1, base + rng.range(-1, 1)));
      out.push({ span_id: root.span.id!, name: "helpfulness", value, source: "ui", reason: rng.pick(HELPFULNESS_REASONS), author });
    }
  }
  if (answer && !answer.failed && rng.chance(0.35)) hallucination(rng, answer, out);
  for (const r of built.retrievals) {
    if (rng.chance(0.15)) {
      out.push({ span_id: r.span.id!, name: "context_precision", value: round(0.4 + rng.next() * 0.6), source: "online_scoring", author: JUDGE });
    }
  }
}

function hallucination(rng: Prng, answer: Node, out: SeedScore[]): void {
  const bad = rng.chance(0.12);
  const options = HALLUCINATION_REASONS.filter(([c]) => (c === "hallucinated") === bad);
  const [category, reason] = rng.pick(options);
  out.push({ span_id: answer.span.id!, name: "hallucination", value: bad ? 1 : 0, category_name: category, reason, source: "online_scoring", author: JUDGE });
  if (rng.chance(0.05)) {
    out.push({ span_id: answer.span.id!, name: "hallucination", value: bad ? 0 : 1, category_name: bad ? "grounded" : "hallucinated", reason: "Human review disagrees with the judge.", source: "ui", author: "carol" });
  }
}

/** Review notes on a few spans, written some hours after the trace (never in the future). */
export function commentTrace(rng: Prng, built: Built, traceEnd: number, nowMicros: number, out: SeedComment[]): void {
  const targets: Node[] = [];
  if (built.root && rng.chance(built.root.failed ? 0.08 : 0.025)) targets.push(built.root);
  if (built.answer && built.answer !== built.root && rng.chance(0.01)) targets.push(built.answer);
  for (const node of targets) {
    const count = rng.weighted([1, 2, 3], [70, 22, 8]);
    let at = traceEnd;
    for (let i = 0; i < count; i++) {
      at = Math.min(nowMicros, at + rng.range(60, 36 * 3600) * 1_000_000);
      const text = rng.pick(COMMENT_TEXTS).replace("{n}", String(rng.range(1000, 9999)));
      out.push({ span_id: node.span.id!, text, author: rng.pick([...REVIEWERS, JUDGE]), created_at: at });
    }
  }
}
