import { bucketLabel, bucketTitle, type BucketPlan } from "./buckets";
import type { StatsSummary } from "./summary";

/**
 * One chart row per time bucket. A bucket whose stats have not arrived yet has only its label, so
 * the charts draw the axis at once and fill in as the answers come (Recharts leaves gaps for
 * missing values). Score columns are `score:<name>` so a score called "spans" cannot clash.
 */
export type BucketRow = {
  key: string;
  label: string;
  title: string;
  startMs: number;
  endMs: number;
  loaded: boolean;
  spans?: number;
  errors?: number;
  errorRate?: number;
  p50?: number;
  p90?: number;
  p99?: number;
  costSum?: number;
  costAvg?: number;
  promptTokens?: number;
  completionTokens?: number;
  totalTokens?: number;
  [score: `score:${string}`]: number | undefined;
};

export const scoreKey = (name: string) => `score:${name}` as const;

export function bucketRows(plan: BucketPlan, summaries: readonly (StatsSummary | undefined)[]): BucketRow[] {
  return plan.buckets.map((b, i) => {
    const s = summaries[i];
    const row: BucketRow = {
      key: b.start,
      label: bucketLabel(b.startMs, plan.unit),
      title: bucketTitle(b, plan.unit),
      startMs: b.startMs,
      endMs: b.endMs,
      loaded: s !== undefined,
    };
    if (!s) return row;
    row.spans = s.spanCount;
    row.errors = s.errorCount;
    row.errorRate = s.errorRate;
    // An empty bucket has no durations or costs: leave a gap rather than draw a fake zero.
    if (s.spanCount > 0) {
      row.p50 = s.duration?.p50;
      row.p90 = s.duration?.p90;
      row.p99 = s.duration?.p99;
      row.costSum = s.costSum;
      row.costAvg = s.costAvg;
      row.promptTokens = s.usage.prompt_tokens;
      row.completionTokens = s.usage.completion_tokens;
      row.totalTokens = s.usage.total_tokens;
      for (const [name, value] of Object.entries(s.scores)) row[scoreKey(name)] = value;
    }
    return row;
  });
}

/** Every score name seen in any bucket (sorted), for the score chart's series. */
export function scoreNames(summaries: readonly (StatsSummary | undefined)[]): string[] {
  const names = new Set<string>();
  for (const s of summaries) if (s) for (const name of Object.keys(s.scores)) names.add(name);
  return [...names].sort();
}
