"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import type { SpanView } from "@/lib/spans/search-params";
import { useStatsView } from "@/lib/stats/hooks";
import { spansHref, type Drill } from "@/lib/stats/links";
import { Breakdowns } from "./breakdowns";
import { OverTime } from "./over-time";
import { SummaryTiles } from "./summary-tiles";

type Shared = Pick<SpanView, "filters" | "q" | "from" | "to" | "type">;

/** Totals, charts over time and breakdowns of the spans the table shows; a click drills into the table. */
export function StatsView({ projectId, view }: { projectId: string; view: Shared }) {
  const data = useStatsView(projectId, view);
  const router = useRouter();
  // Kept across renders: the charts are memo components and take it (or callbacks made from it).
  const onDrill = useCallback((drill: Drill) => router.push(spansHref(projectId, view, drill)), [router, projectId, view]);
  const empty = (data.totals.isSuccess && data.totals.data.spanCount === 0) || data.rangeEmpty;
  const scoped = view.filters.length > 0 || view.q || view.from || view.to || view.type;
  // Settled = every request answered (or failed): what "fully drawn" means for the bench and tests.
  const settled = empty || settledAll(data);
  return (
    <div className="space-y-6" aria-busy={!settled} data-stats-state={settled ? "complete" : "loading"}>
      <h2 className="sr-only">Stats</h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">{describe(view)}</p>
      {empty ? (
        <div className="rounded-lg border border-dashed border-slate-300 p-8 text-center dark:border-slate-700">
          <p className="font-semibold">{scoped ? "No spans match this view" : "This project has no spans yet"}</p>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {scoped ? "Change the filters, search or time range in the span table." : "Spans appear here once an application logs them to Opik."}
          </p>
          <Link href={spansHref(projectId, view)} className="mt-3 inline-block text-sm font-medium text-sky-800 underline dark:text-sky-300">
            Open the span table
          </Link>
        </div>
      ) : (
        <>
          <SummaryTiles totals={data.totals} />
          <OverTime data={data} onDrill={onDrill} />
          <Breakdowns data={data} onDrill={onDrill} />
        </>
      )}
    </div>
  );
}

function settledAll(d: ReturnType<typeof useStatsView>): boolean {
  const queries: { isPending: boolean }[] = [d.totals, d.top, ...d.typeStats.queries, ...d.buckets.queries, ...d.modelStats.queries, ...d.providerStats.queries];
  if (!d.view.from || !d.view.to) queries.push(d.range);
  const planned = d.plan !== null || d.range.isError;
  return planned && !d.top.isPending && queries.every((q) => !q.isPending);
}

function describe(view: Shared): string {
  const parts: string[] = [];
  if (view.type) parts.push(`type ${view.type}`);
  if (view.filters.length) parts.push(`${view.filters.length} filter${view.filters.length === 1 ? "" : "s"}`);
  if (view.q) parts.push(`search “${view.q}”`);
  const range = view.from || view.to ? `started ${view.from ? `from ${view.from}` : ""}${view.from && view.to ? " " : ""}${view.to ? `until ${view.to}` : ""}` : "all time";
  return `Spans ${parts.length ? `with ${parts.join(", ")}, ` : ""}${range}. Same view as the span table.`;
}
