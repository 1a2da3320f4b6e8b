"use client";

import { useCallback, useMemo } from "react";
import { ChartCard, type ChartState } from "@/components/charts/chart-card";
import { TimeSeriesChart, type Series } from "@/components/charts/client-charts";
import { ERROR_COLOR } from "@/components/charts/theme";
import { errorMessage } from "@/lib/actions/result";
import type { BucketPlan } from "@/lib/stats/buckets";
import type { StatsViewData } from "@/lib/stats/hooks";
import { errorFilter, type Drill } from "@/lib/stats/links";
import { bucketRows, scoreKey, scoreNames, type BucketRow } from "@/lib/stats/series";
import { useThrottled } from "@/lib/stats/throttle";
import { formatCompact, formatCount, formatMs, formatNumber, formatUsd } from "@/lib/stats/format";
import { RowsTable } from "./rows-table";

type Chart = {
  id: string;
  title: string;
  description: string;
  /** The drawing's accessible name, e.g. "Cost per day (UTC)". */
  label: string;
  series: Series[];
  columns: { key: string; label: string; format: (v: number) => string }[];
  kind?: "bar" | "line";
  fmt: (v: number) => string;
  axis?: (v: number) => string;
};

const titleFor = (r: BucketRow) => r.title;
/** While buckets stream in, the charts redraw at most this often (lib/stats/throttle.ts). */
const REDRAW_MS = 250;

/**
 * The charts over time: one stats call per bucket (hourly up to two days, daily beyond), drawn as
 * soon as the first answers arrive. A click on a bar or point opens the table for that bucket.
 * Rows, chart definitions and callbacks are memoised so the charts (memo components) redraw only
 * when a bucket answer arrives, not when a type or model answer does.
 */
export function OverTime({ data, onDrill }: { data: StatsViewData; onDrill: (drill: Drill) => void }) {
  const { plan, buckets, range } = data;
  const loaded = buckets.queries.filter((q) => q.isSuccess).length;
  const failed = buckets.queries.filter((q) => q.isError);
  const total = buckets.queries.length;
  const live = loaded + failed.length < total;
  const summaries = useThrottled(buckets.data, REDRAW_MS, live, plan);
  const rows = useMemo(() => (plan ? bucketRows(plan, summaries) : []), [plan, summaries]);
  const scores = useMemo(() => scoreNames(summaries), [summaries]);
  const hasCost = rows.some((r) => r.costSum !== undefined);
  const charts = useMemo(() => chartsFor(plan, hasCost, scores), [plan, hasCost, scores]);

  let state: ChartState = { status: "ready" };
  if (range.isError) state = { status: "error", message: errorMessage(range.error), onRetry: () => void range.refetch() };
  else if (!plan) state = { status: "loading" };
  else if (failed.length === total && total > 0) {
    state = { status: "error", message: errorMessage(failed[0]!.error), onRetry: () => failed.forEach((q) => void q.refetch()) };
  } else if (loaded === 0) state = { status: "loading" };

  const progress = plan && live ? `${loaded} of ${total} ${plan.unit === "hour" ? "hours" : "buckets"} loaded` : undefined;
  const bucketDrill = useCallback((row: BucketRow) => onDrill({ startMs: row.startMs, endMs: row.endMs }), [onDrill]);
  const errorsOnly = useCallback((row: BucketRow) => onDrill({ filters: [errorFilter], startMs: row.startMs, endMs: row.endMs }), [onDrill]);
  return (
    <section aria-labelledby="stats-over-time" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="stats-over-time" className="text-lg font-semibold">
          Over time
        </h2>
        {failed.length > 0 && failed.length < total ? (
          <p role="alert" className="text-sm text-red-800 dark:text-red-300">
            {failed.length} of {total} buckets failed to load.{" "}
            <button type="button" className="font-medium underline" onClick={() => failed.forEach((q) => void q.refetch())}>
              Retry them
            </button>
          </p>
        ) : null}
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        {charts.map((c) => (
          <ChartCard key={c.id} id={c.id} title={c.title} description={c.description} state={state} progress={progress}
            table={<RowsTable rows={rows} caption={c.title} columns={c.columns} onDrill={bucketDrill} errorsDrill={c.id === "chart-spans" ? errorsOnly : undefined} />}>
            <TimeSeriesChart<BucketRow> xKey="label" titleFor={titleFor} onSelect={bucketDrill} data={rows} series={c.series} kind={c.kind} valueFormat={c.fmt} axisFormat={c.axis} label={c.label} />
          </ChartCard>
        ))}
      </div>
    </section>
  );
}

function chartsFor(plan: BucketPlan | null, hasCost: boolean, scores: string[]): Chart[] {
  const unit = plan?.unit === "hour" ? "hour" : plan && plan.stepMs > 86_400_000 ? `${plan.stepMs / 86_400_000} days` : "day";
  const per = `per ${unit} (UTC)`;
  const charts: Omit<Chart, "columns" | "label">[] = [
    { id: "chart-spans", title: "Spans and errors", description: `count ${per}; click a bar for those spans`, kind: "bar", fmt: formatCount, axis: formatCompact,
      series: [{ key: "spans", label: "Spans" }, { key: "errors", label: "Errors", color: ERROR_COLOR }] },
    { id: "chart-duration", title: "Duration percentiles", description: `milliseconds ${per}`, fmt: formatMs, axis: formatCompact,
      series: [{ key: "p50", label: "p50" }, { key: "p90", label: "p90" }, { key: "p99", label: "p99", dashed: true }] },
    { id: "chart-tokens", title: "Tokens per span", description: `average tokens ${per}, over spans reporting usage`, fmt: formatNumber, axis: formatCompact,
      series: [{ key: "promptTokens", label: "Prompt" }, { key: "completionTokens", label: "Completion" }, { key: "totalTokens", label: "Total" }] },
    hasCost
      ? { id: "chart-cost", title: "Cost", description: `US dollars, total ${per}`, kind: "bar", fmt: formatUsd, series: [{ key: "costSum", label: "Total cost" }] }
      : { id: "chart-cost", title: "Cost", description: `US dollars, average per span with a cost, ${per}`, fmt: formatUsd, series: [{ key: "costAvg", label: "Average cost" }] },
  ];
  if (scores.length > 0) {
    charts.push({ id: "chart-scores", title: "Feedback scores", description: `average per score ${per}`, fmt: formatNumber,
      series: scores.map((name) => ({ key: scoreKey(name), label: name })) });
  }
  return charts.map((c) => ({ ...c, label: `${c.title} ${per}`, columns: c.series.map((s) => ({ key: s.key, label: s.label, format: c.fmt })) }));
}
