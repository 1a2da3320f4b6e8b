import type { SpanStats } from "@/lib/opik/client";

/**
 * Opik's `GET /spans/stats` items (§11) → one typed summary. The item list differs between Opik
 * versions (older servers have no `error_count` and no `total_estimated_cost_sum`, and prefix scores
 * `feedback_score.` instead of `feedback_scores.`), so every field a version may omit is optional
 * here and the UI says "not reported" rather than drawing a zero it was never told.
 */
export type Percentiles = { p50: number; p90: number; p99: number };

export type StatsSummary = {
  spanCount: number;
  /** Absent on Opik versions without `error_count`. */
  errorCount?: number;
  /** errorCount / spanCount, 0 for an empty set; absent with errorCount. */
  errorRate?: number;
  duration?: Percentiles;
  /** Average cost over the spans that have a cost (Opik's definition). */
  costAvg?: number;
  /** Sum of all costs; absent on versions without `total_estimated_cost_sum`. */
  costSum?: number;
  /** Average per usage key, over the spans that report the key; sorted by key. */
  usage: Record<string, number>;
  /** Average per feedback-score name, over the spans that have the score; sorted by name. */
  scores: Record<string, number>;
  /** How many spans have a non-empty input / output / metadata. */
  completeness: { input?: number; output?: number; metadata?: number };
  tagsAvg?: number;
};

export const EMPTY_SUMMARY: StatsSummary = { spanCount: 0, errorCount: 0, errorRate: 0, usage: {}, scores: {}, completeness: {} };

type Item = SpanStats["stats"][number];

const num = (v: Item["value"]): number | undefined => {
  const n = typeof v === "string" ? Number(v) : typeof v === "number" ? v : NaN;
  return Number.isFinite(n) ? n : undefined;
};

function percentiles(v: Item["value"]): Percentiles | undefined {
  if (typeof v !== "object" || v === null) return undefined;
  const p = (k: string) => (Number.isFinite(Number(v[k])) ? Number(v[k]) : 0);
  return { p50: p("p50"), p90: p("p90"), p99: p("p99") };
}

const SCORE_PREFIXES = ["feedback_scores.", "feedback_score."];

export function parseStats(stats: SpanStats | Item[]): StatsSummary {
  const items = Array.isArray(stats) ? stats : stats.stats;
  // `{"stats": []}` is Opik's answer for "no matching spans" (§11): zero spans, zero errors.
  if (items.length === 0) return { ...EMPTY_SUMMARY, usage: {}, scores: {}, completeness: {} };
  const out: StatsSummary = { spanCount: 0, usage: {}, scores: {}, completeness: {} };
  for (const item of items) {
    const { name, value } = item;
    if (name === "span_count") out.spanCount = num(value) ?? 0;
    else if (name === "error_count") out.errorCount = num(value);
    else if (name === "duration") out.duration = percentiles(value);
    else if (name === "total_estimated_cost") out.costAvg = num(value);
    else if (name === "total_estimated_cost_sum") out.costSum = num(value);
    else if (name === "tags") out.tagsAvg = num(value);
    else if (name === "input" || name === "output" || name === "metadata") out.completeness[name] = num(value);
    else if (name.startsWith("usage.")) setNum(out.usage, name.slice("usage.".length), value);
    else {
      const prefix = SCORE_PREFIXES.find((p) => name.startsWith(p));
      if (prefix) setNum(out.scores, name.slice(prefix.length), value);
    }
  }
  if (out.errorCount !== undefined) out.errorRate = out.spanCount > 0 ? out.errorCount / out.spanCount : 0;
  out.usage = sorted(out.usage);
  out.scores = sorted(out.scores);
  return out;
}

function setNum(target: Record<string, number>, key: string, value: Item["value"]) {
  const n = num(value);
  if (key && n !== undefined) target[key] = n;
}

function sorted(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Share of spans with the field, 0..1; undefined when the server did not report it. */
export function completenessRate(summary: StatsSummary, field: keyof StatsSummary["completeness"]): number | undefined {
  const n = summary.completeness[field];
  if (n === undefined) return undefined;
  return summary.spanCount > 0 ? n / summary.spanCount : 0;
}
