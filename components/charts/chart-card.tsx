import type { ReactNode } from "react";
import { TableDisclosure } from "./table-disclosure";

/**
 * The frame of every chart: a titled region with its unit, and the one state it is in — loading
 * (a skeleton the size of the chart), error (the message and a retry), empty (says why), or the
 * chart. `table` is the same data as a table behind a disclosure, for keyboard and screen-reader
 * users and for reading exact values. Knows nothing about spans.
 */
export type ChartState = { status: "loading" } | { status: "error"; message: string; onRetry?: () => void } | { status: "empty"; message: string } | { status: "ready" };

type Props = {
  id: string;
  title: string;
  /** Unit or short explanation under the title, e.g. "milliseconds, per hour (UTC)". */
  description?: string;
  state: ChartState;
  /** Shown in the corner while part of the data is still arriving. */
  progress?: string;
  height?: number;
  table?: ReactNode;
  children?: ReactNode;
};

export function ChartCard({ id, title, description, state, progress, height = 240, table, children }: Props) {
  const titleId = `${id}-title`;
  return (
    <section aria-labelledby={titleId} className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="mb-3 flex items-start justify-between gap-3">
        <div>
          <h3 id={titleId} className="font-semibold">
            {title}
          </h3>
          {description ? <p className="text-xs text-slate-600 dark:text-slate-400">{description}</p> : null}
        </div>
        {progress ? (
          <p role="status" className="shrink-0 text-xs text-slate-600 dark:text-slate-400">
            {progress}
          </p>
        ) : null}
      </div>
      <div style={{ minHeight: height }}>
        {state.status === "loading" ? (
          <ChartSkeleton height={height} label={`Loading ${title.toLowerCase()}`} />
        ) : state.status === "error" ? (
          <div role="alert" className="flex flex-col items-start gap-2 rounded border border-red-200 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100">
            <p>{state.message}</p>
            {state.onRetry ? (
              <button type="button" onClick={state.onRetry} className="font-medium underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-offset-2">
                Try again
              </button>
            ) : null}
          </div>
        ) : state.status === "empty" ? (
          <p className="flex items-center justify-center text-sm text-slate-600 dark:text-slate-400" style={{ height }}>
            {state.message}
          </p>
        ) : (
          children
        )}
      </div>
      {table && state.status === "ready" ? <TableDisclosure>{table}</TableDisclosure> : null}
    </section>
  );
}

export function ChartSkeleton({ height = 240, label = "Loading chart" }: { height?: number; label?: string }) {
  return (
    <div role="status" aria-label={label} data-chart-skeleton="" className="w-full animate-pulse rounded bg-slate-100 dark:bg-slate-800" style={{ height }} />
  );
}
