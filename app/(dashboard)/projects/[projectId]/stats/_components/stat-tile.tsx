import type { ReactNode } from "react";

/**
 * One number with its name. A `role="group"` named by the label wraps a term/definition pair, so
 * the value is found as "the definition inside the group named Spans" by assistive tech and tests.
 * `detail` is a second, smaller line (e.g. "2 of 3 spans").
 */
export function StatTile({ label, value, detail, title }: { label: string; value: ReactNode; detail?: ReactNode; title?: string }) {
  return (
    <div role="group" aria-label={label} className="rounded-lg border border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900">
      <dt className="truncate text-xs font-medium text-slate-600 dark:text-slate-400" title={label}>
        {label}
      </dt>
      <dd className="text-xl font-semibold tabular-nums" title={title}>
        {value}
      </dd>
      {detail ? <dd className="text-xs text-slate-600 dark:text-slate-400">{detail}</dd> : null}
    </div>
  );
}

export function TileSkeleton({ label }: { label: string }) {
  return (
    <div role="group" aria-label={label} aria-busy="true" className="rounded-lg border border-slate-200 px-3 py-2 dark:border-slate-800">
      <dt className="text-xs font-medium text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="mt-1 h-6 w-16 animate-pulse rounded bg-slate-100 dark:bg-slate-800">
        <span className="sr-only">Loading</span>
      </dd>
    </div>
  );
}
