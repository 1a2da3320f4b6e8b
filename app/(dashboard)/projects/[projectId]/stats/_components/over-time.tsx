"use client";

import { ChartCard, type ChartState } from "@/components/charts/chart-card";
import { TimeSeriesChart, type Series } from "@/components/charts/client-charts";
import { ERROR_COLOR } from "@/components/charts/theme";
import { errorMessage } from "@/lib/actions/result";
import type { StatsViewData } from "@/lib/stats/hooks";
import { errorFilter, type Drill } from "@/lib/stats/links";
import { bucketRows, scoreKey, scoreNames, type BucketRow } from "@/lib/stats/series";
import { formatCompact, formatCount, formatMs, formatNumber, formatUsd } from "@/lib/stats/format";
import { RowsTable } from "./rows-table";

/**
 * The charts over time: one stats call per bucket (hourly up to two days, daily beyond), drawn as
 * soon as the first answers arrive. A click on a bar or point opens the table for that bucket.
 */
export function OverTime({ data, onDrill }: { data: StatsViewData; onDrill: (drill: Drill) => void }) {
  const { plan, buckets, range } = data;
  const summaries = buckets.map((q) => q.data);
  // At most 48 rows: cheap enough to rebuild on every render, which is when a bucket arrives.
  const rows = plan ? bucketRows(plan, summaries) : [];
  const scores = scoreNames(summaries);
  const loaded = buckets.filter((q) => q.isSuccess).length;
  const failed = buckets.filter((q) => q.isError);
  const unit = plan?.unit === "hour" ? "hour" : plan && plan.stepMs > 86_400_000 ? `${plan.stepMs / 86_400_000} days` : "day";

  let state: ChartState = { status: "ready" };
  if (range.isError) state = { status: "error", message: errorMessage(range.error), onRetry: () => void range.refetch() };
  else if (!plan) state = { status: "loading" };
  else if (failed.length === buckets.length && buckets.length > 0) {
    state = { status: "error", message: errorMessage(failed[0]!.error), onRetry: () => failed.forEach((q) => void q.refetch()) };
  } else if (loaded === 0) state = { status: "loading" };

  const progress = plan && loaded + failed.length < buckets.length ? `${loaded} of ${buckets.length} ${unit === "hour" ? "hours" : "buckets"} loaded` : undefined;
  const bucketDrill = (row: BucketRow, extra: Drill = {}) => onDrill({ ...extra, startMs: row.startMs, endMs: row.endMs });
  const per = `per ${unit} (UTC)`;
  const common = { xKey: "label" as const, titleFor: (r: BucketRow) => r.title, onSelect: (r: BucketRow) => bucketDrill(r) };
  const hasCost = rows.some((r) => r.costSum !== undefined);
  const charts: { id: string; title: string; description: string; series: Series[]; kind?: "bar" | "line"; fmt: (v: number) => string; axis?: (v: number) => string; onSelect?: (r: BucketRow) => void }[] = [
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
  const errorsOnly = (r: BucketRow) => bucketDrill(r, { filters: [errorFilter] });
  return (
    <section aria-labelledby="stats-over-time" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="stats-over-time" className="text-lg font-semibold">
          Over time
        </h2>
        {failed.length > 0 && failed.length < buckets.length ? (
          <p role="alert" className="text-sm text-red-800 dark:text-red-300">
            {failed.length} of {buckets.length} buckets failed to load.{" "}
            <button type="button" className="font-medium underline" onClick={() => failed.forEach((q) => void q.refetch())}>
              Retry them
            </button>
          </p>
        ) : null}
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        {charts.map((c) => (
          <ChartCard key={c.id} id={c.id} title={c.title} description={c.description} state={state} progress={progress}
            table={<RowsTable rows={rows} caption={c.title} columns={c.series.map((s) => ({ key: s.key, label: s.label, format: c.fmt }))} onDrill={bucketDrill} errorsDrill={c.id === "chart-spans" ? errorsOnly : undefined} />}>
            <TimeSeriesChart<BucketRow> {...common} data={rows} series={c.series} kind={c.kind} valueFormat={c.fmt} axisFormat={c.axis} label={`${c.title} ${per}`} />
          </ChartCard>
        ))}
      </div>
    </section>
  );
}
