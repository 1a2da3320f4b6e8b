import { queryOptions } from "@tanstack/react-query";
import { unwrap, type ActionResult } from "@/lib/actions/result";
import type { SpanStats } from "@/lib/opik/client";
import type { SpanFilter } from "@/lib/spans/search-params";
import type { StatsCriteria, StatsOp, TimeRange, TopValues } from "./inputs";
import { createLimiter } from "./pool";
import { parseStats, type StatsSummary } from "./summary";

/**
 * Query keys and options of the stats view. Every request of the view goes through one limiter:
 * at most STATS_CONCURRENCY stats calls in flight, the rest queued in the order they were asked
 * for, and a request nobody waits for any more (the view changed) leaves the queue.
 */
export const STATS_CONCURRENCY = 4;
const limiter = createLimiter(STATS_CONCURRENCY);

/** The criteria without the project: the project is in the route (and in the key). */
export type Criteria = Omit<StatsCriteria, "project_id" | "project_name">;

export const statsKeys = {
  all: ["span-stats-view"] as const,
  project: (projectId: string) => [...statsKeys.all, projectId] as const,
  op: (projectId: string, op: StatsOp, criteria: Criteria) => [...statsKeys.project(projectId), op, criteria] as const,
};

export function statsDataUrl(projectId: string, op: StatsOp, criteria: Criteria): string {
  const query = new URLSearchParams({ op, c: JSON.stringify(criteria) });
  return `/projects/${encodeURIComponent(projectId)}/stats/data?${query}`;
}

async function fetchData<T>(projectId: string, op: StatsOp, criteria: Criteria, signal: AbortSignal): Promise<T> {
  return limiter.run(async () => {
    const res = await fetch(statsDataUrl(projectId, op, criteria), { signal, headers: { accept: "application/json" } });
    let body: ActionResult<T>;
    try {
      body = (await res.json()) as ActionResult<T>;
    } catch {
      throw new Error(`The stats request failed (HTTP ${res.status}).`);
    }
    return unwrap(body);
  }, signal);
}

/** Stats change as spans arrive, but a chart that refetches on every focus would be noise. */
const STALE_MS = 30_000;

const selectSummary = (data: SpanStats): StatsSummary => parseStats(data);

export const statsQuery = (projectId: string, criteria: Criteria) =>
  queryOptions({
    queryKey: statsKeys.op(projectId, "stats", criteria),
    queryFn: ({ signal }) => fetchData<SpanStats>(projectId, "stats", criteria, signal),
    // A stable function: React Query re-runs `select` whenever its identity changes (every render).
    select: selectSummary,
    staleTime: STALE_MS,
  });

export const rangeQuery = (projectId: string, criteria: Criteria) =>
  queryOptions({
    queryKey: statsKeys.op(projectId, "range", criteria),
    queryFn: ({ signal }) => fetchData<TimeRange>(projectId, "range", criteria, signal),
    staleTime: STALE_MS,
  });

export const topQuery = (projectId: string, criteria: Criteria) =>
  queryOptions({
    queryKey: statsKeys.op(projectId, "top", criteria),
    queryFn: ({ signal }) => fetchData<TopValues>(projectId, "top", criteria, signal),
    staleTime: STALE_MS,
  });

/** The view's criteria narrowed by more filters (a time bucket, a model). */
export function narrowed(criteria: Criteria, filters: readonly SpanFilter[]): Criteria {
  return { ...criteria, filters: [...(criteria.filters ?? []), ...filters] };
}
