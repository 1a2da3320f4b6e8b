import { serializeSharedView, type SpanFilter, type SpanType, type SpanView } from "@/lib/spans/search-params";

/**
 * Where a click on a chart leads: the span table with the stats view's own URL state (filters,
 * search, time range, type) plus what the clicked bar or point stands for. The range only ever
 * narrows: a bucket is intersected with the view's `from`/`to`.
 */
export type Drill = { filters?: SpanFilter[]; type?: SpanType; startMs?: number; endMs?: number };

type Shared = Pick<SpanView, "filters" | "q" | "from" | "to" | "type">;

export function spansHref(projectId: string, view: Shared, drill: Drill = {}): string {
  const next: Shared = { ...view, filters: [...view.filters, ...(drill.filters ?? [])] };
  if (drill.type) next.type = drill.type;
  if (drill.startMs !== undefined) next.from = later(view.from, drill.startMs);
  // The table's `to` is inclusive (`start_time <= to`); a bucket's end is exclusive.
  if (drill.endMs !== undefined) next.to = earlier(view.to, drill.endMs - 1);
  const query = serializeSharedView(next);
  return `/projects/${encodeURIComponent(projectId)}/spans${query ? `?${query}` : ""}`;
}

function later(current: string | undefined, ms: number): string {
  const t = current ? Date.parse(current) : NaN;
  return Number.isFinite(t) && t > ms ? current! : new Date(ms).toISOString();
}

function earlier(current: string | undefined, ms: number): string {
  const t = current ? Date.parse(current) : NaN;
  return Number.isFinite(t) && t < ms ? current! : new Date(ms).toISOString();
}

export const modelFilter = (model: string): SpanFilter => ({ field: "model", operator: "=", value: model });
export const providerFilter = (provider: string): SpanFilter => ({ field: "provider", operator: "=", value: provider });
export const errorFilter: SpanFilter = { field: "error_info", operator: "is_not_empty", value: "" };
