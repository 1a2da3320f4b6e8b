"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { errorMessage } from "@/lib/actions/result";
import { formatCount, formatMs, formatNumber, formatPercent, formatUsd } from "@/lib/stats/format";
import { completenessRate, type StatsSummary } from "@/lib/stats/summary";
import { StatTile, TileSkeleton } from "./stat-tile";

/**
 * The totals of the view: counts, errors, latency, cost, completeness, tags, then one tile per
 * usage key and per feedback score (averages over the spans that report them, as Opik computes).
 */
const MAIN = ["Spans", "Errors", "Error rate", "Duration p50", "Duration p90", "Duration p99", "Average cost", "Total cost", "Tags per span", "With input", "With output", "With metadata"];

export function SummaryTiles({ totals }: { totals: UseQueryResult<StatsSummary> }) {
  if (totals.isError) {
    return (
      <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-950 dark:border-red-800 dark:bg-red-950/60 dark:text-red-50">
        <p className="font-semibold">The totals could not be loaded</p>
        <p className="mt-1">{errorMessage(totals.error)}</p>
        <button type="button" onClick={() => void totals.refetch()} className="mt-2 font-medium underline underline-offset-2">
          Try again
        </button>
      </div>
    );
  }
  const s = totals.data;
  return (
    <section aria-labelledby="stats-totals" className="space-y-3">
      <h2 id="stats-totals" className="sr-only">
        Totals
      </h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">{s ? <MainTiles s={s} /> : MAIN.map((l) => <TileSkeleton key={l} label={l} />)}</dl>
      {s && Object.keys(s.usage).length > 0 ? (
        <TileGroup title="Average usage per span">
          {Object.entries(s.usage).map(([key, avg]) => (
            <StatTile key={key} label={`Average ${key}`} value={formatNumber(avg)} title={String(avg)} />
          ))}
        </TileGroup>
      ) : null}
      {s && Object.keys(s.scores).length > 0 ? (
        <TileGroup title="Average feedback scores">
          {Object.entries(s.scores).map(([name, avg]) => (
            <StatTile key={name} label={`Average score ${name}`} value={formatNumber(avg)} title={String(avg)} />
          ))}
        </TileGroup>
      ) : null}
    </section>
  );
}

function MainTiles({ s }: { s: StatsSummary }) {
  const of = (n: number | undefined) => (n === undefined ? undefined : `${formatCount(n)} of ${formatCount(s.spanCount)} spans`);
  return (
    <>
      <StatTile label="Spans" value={formatCount(s.spanCount)} />
      <StatTile label="Errors" value={formatCount(s.errorCount)} detail={s.errorCount === undefined ? "not reported by this Opik" : undefined} />
      <StatTile label="Error rate" value={formatPercent(s.errorRate)} />
      <StatTile label="Duration p50" value={formatMs(s.duration?.p50)} title={s.duration ? `${s.duration.p50} ms` : undefined} />
      <StatTile label="Duration p90" value={formatMs(s.duration?.p90)} title={s.duration ? `${s.duration.p90} ms` : undefined} />
      <StatTile label="Duration p99" value={formatMs(s.duration?.p99)} title={s.duration ? `${s.duration.p99} ms` : undefined} />
      <StatTile label="Average cost" value={formatUsd(s.costAvg)} detail="per span with a cost" title={s.costAvg === undefined ? undefined : String(s.costAvg)} />
      <StatTile label="Total cost" value={formatUsd(s.costSum)} detail={s.costSum === undefined ? "not reported by this Opik" : undefined} title={s.costSum === undefined ? undefined : String(s.costSum)} />
      <StatTile label="Tags per span" value={formatNumber(s.tagsAvg)} />
      <StatTile label="With input" value={formatPercent(completenessRate(s, "input"))} detail={of(s.completeness.input)} />
      <StatTile label="With output" value={formatPercent(completenessRate(s, "output"))} detail={of(s.completeness.output)} />
      <StatTile label="With metadata" value={formatPercent(completenessRate(s, "metadata"))} detail={of(s.completeness.metadata)} />
    </>
  );
}

function TileGroup({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div>
      <h3 className="mb-2 text-sm font-semibold text-slate-700 dark:text-slate-300">{title}</h3>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">{children}</dl>
    </div>
  );
}
