"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { ChartCard, type ChartState } from "@/components/charts/chart-card";
import { CategoryBarChart } from "@/components/charts/client-charts";
import { errorMessage } from "@/lib/actions/result";
import type { SpanType } from "@/lib/spans/search-params";
import { formatCompact, formatCount, formatMs, formatPercent, formatUsd } from "@/lib/stats/format";
import type { QueryGroup, StatsViewData } from "@/lib/stats/hooks";
import { modelFilter, providerFilter, type Drill } from "@/lib/stats/links";
import type { StatsSummary } from "@/lib/stats/summary";

type Row = { name: string; value?: number; summary?: StatsSummary; drill: Drill };

const byType = (type: string): Drill => ({ type: type as SpanType });
const byModel = (model: string): Drill => ({ filters: [modelFilter(model)] });
const byProvider = (provider: string): Drill => ({ filters: [providerFilter(provider)] });

/** Spans by type, by model and by provider; a click on a bar (or a name in the table) opens those spans. */
export function Breakdowns({ data, onDrill }: { data: StatsViewData; onDrill: (drill: Drill) => void }) {
  const { top } = data;
  const modelNames = useMemo(() => data.models.map((m) => m.name), [data.models]);
  const providerNames = useMemo(() => data.providers.map((p) => p.name), [data.providers]);
  const sample = top.data ? `Top ${data.models.length || ""} by frequency among the newest ${formatCount(top.data.sampled)} ${data.view.type ?? "LLM"} spans; counts are exact` : undefined;
  return (
    <section aria-labelledby="stats-breakdowns" className="space-y-3">
      <h2 id="stats-breakdowns" className="text-lg font-semibold">
        Breakdown
      </h2>
      <div className="grid gap-4 lg:grid-cols-3">
        <Breakdown id="by-type" title="By type" description="spans per span type" names={data.types} group={data.typeStats} drill={byType} empty="No spans of any type." onDrill={onDrill} />
        <Breakdown id="by-model" title="By model" description={sample} names={modelNames} group={data.modelStats} drill={byModel} source={top} empty="No span names a model." onDrill={onDrill} />
        <Breakdown id="by-provider" title="By provider" description={sample} names={providerNames} group={data.providerStats} drill={byProvider} source={top} empty="No span names a provider." onDrill={onDrill} />
      </div>
    </section>
  );
}

function Breakdown(props: {
  id: string;
  title: string;
  description?: string;
  names: readonly string[];
  group: QueryGroup;
  drill: (name: string) => Drill;
  source?: UseQueryResult<unknown>;
  empty: string;
  onDrill: (drill: Drill) => void;
}) {
  const { id, title, description, names, group, drill, source, empty, onDrill } = props;
  const queries = group.queries;
  // Memoised on the answers, so the (memo) chart redraws only when one of its own answers arrives.
  const rows = useMemo<Row[]>(() => names.map((name, i) => ({ name, value: group.data[i]?.spanCount, summary: group.data[i], drill: drill(name) })), [names, group.data, drill]);
  const shown = useMemo(() => rows.filter((r) => r.value === undefined || r.value > 0 || rows.length <= 4), [rows]);
  const onSelect = useCallback((r: Row) => onDrill(r.drill), [onDrill]);
  const failed = queries.filter((q) => q.isError);
  let state: ChartState = { status: "ready" };
  if (source?.isError) state = { status: "error", message: errorMessage(source.error), onRetry: () => void source.refetch() };
  else if (source?.isPending) state = { status: "loading" };
  else if (rows.length === 0) state = { status: "empty", message: empty };
  else if (failed.length === queries.length) state = { status: "error", message: errorMessage(failed[0]!.error), onRetry: () => failed.forEach((q) => void q.refetch()) };
  else if (queries.every((q) => q.isPending)) state = { status: "loading" };
  const pending = queries.filter((q) => q.isPending).length;
  return (
    <ChartCard
      id={id}
      title={title}
      description={description}
      state={state}
      height={160}
      progress={pending > 0 && state.status === "ready" ? `${rows.length - pending} of ${rows.length} loaded` : undefined}
      table={<BreakdownTable rows={rows} caption={title} onDrill={onDrill} />}
    >
      <CategoryBarChart<Row> data={shown} valueLabel="Spans" valueFormat={formatCount} axisFormat={formatCompact} label={`Spans ${title.toLowerCase()}`} onSelect={onSelect} />
    </ChartCard>
  );
}

function BreakdownTable({ rows, caption, onDrill }: { rows: Row[]; caption: string; onDrill: (drill: Drill) => void }) {
  return (
    <table className="w-full text-left text-xs tabular-nums">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-200 dark:border-slate-700">
          {["Name", "Spans", "Error rate", "p50", "Avg cost"].map((h, i) => (
            <th key={h} scope="col" className={`py-1 pr-2 font-medium ${i ? "text-right" : ""}`}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name} className="border-b border-slate-100 dark:border-slate-800">
            <th scope="row" className="max-w-40 truncate py-1 pr-2 font-normal">
              <button type="button" className="text-sky-800 underline-offset-2 hover:underline dark:text-sky-300" onClick={() => onDrill(r.drill)}>
                {r.name}
              </button>
            </th>
            <td className="py-1 pr-2 text-right">{r.summary ? formatCount(r.summary.spanCount) : "…"}</td>
            <td className="py-1 pr-2 text-right">{r.summary ? formatPercent(r.summary.errorRate) : "…"}</td>
            <td className="py-1 pr-2 text-right">{r.summary ? formatMs(r.summary.duration?.p50) : "…"}</td>
            <td className="py-1 text-right">{r.summary ? formatUsd(r.summary.costAvg) : "…"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
