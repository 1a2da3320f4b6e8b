import { keepPreviousData, queryOptions, type QueryClient } from "@tanstack/react-query";
import { unwrap } from "@/lib/actions/result";
import { getSpan, getTraceWithSpans, listSpans, spanScoreNames, spanStats } from "./actions";
import { getSpanComment } from "./feedback-actions";
import type { GetTraceInput, ListSpansInput, SpanScoreNamesInput, SpanStatsInput } from "./inputs";

/**
 * Query keys and options for spans. Keys nest so a mutation invalidates by prefix: `spanKeys.lists()`
 * hits every page of every table, `spanKeys.all` everything span-related. No hooks here, so server
 * components can import the options to prefetch; the hooks are in hooks.ts.
 */
export const spanKeys = {
  all: ["spans"] as const,
  lists: () => [...spanKeys.all, "list"] as const,
  list: (params: ListSpansInput) => [...spanKeys.lists(), params] as const,
  details: () => [...spanKeys.all, "detail"] as const,
  detail: (id: string) => [...spanKeys.details(), id] as const,
  comment: (spanId: string, commentId: string) => [...spanKeys.detail(spanId), "comment", commentId] as const,
  traces: () => [...spanKeys.all, "trace"] as const,
  trace: (params: GetTraceInput) => [...spanKeys.traces(), params.trace_id, params.project_id ?? null] as const,
  stats: () => [...spanKeys.all, "stats"] as const,
  stat: (params: SpanStatsInput) => [...spanKeys.stats(), params] as const,
  scoreNames: () => [...spanKeys.all, "score-names"] as const,
  scoreName: (params: SpanScoreNamesInput) => [...spanKeys.scoreNames(), params] as const,
};

/** A page of spans; while the next page loads the previous one stays on screen. */
export const spanListQuery = (params: ListSpansInput) =>
  queryOptions({
    queryKey: spanKeys.list(params),
    queryFn: () => unwrap(listSpans(params)),
    placeholderData: keepPreviousData,
  });

export const spanQuery = (id: string) => queryOptions({ queryKey: spanKeys.detail(id), queryFn: () => unwrap(getSpan({ id })) });

export const spanCommentQuery = (spanId: string, commentId: string) =>
  queryOptions({
    queryKey: spanKeys.comment(spanId, commentId),
    queryFn: () => unwrap(getSpanComment({ span_id: spanId, comment_id: commentId })),
  });

export const traceQuery = (params: GetTraceInput) =>
  queryOptions({ queryKey: spanKeys.trace(params), queryFn: () => unwrap(getTraceWithSpans(params)) });

export const spanStatsQuery = (params: SpanStatsInput) =>
  queryOptions({ queryKey: spanKeys.stat(params), queryFn: () => unwrap(spanStats(params)), placeholderData: keepPreviousData });

export const spanScoreNamesQuery = (params: SpanScoreNamesInput) =>
  queryOptions({ queryKey: spanKeys.scoreName(params), queryFn: () => unwrap(spanScoreNames(params)), staleTime: 60_000 });

/** Whether a page after `params.page` exists, given the page's `total`. */
export function hasNextPage(params: ListSpansInput, total: number | undefined): boolean {
  const page = params.page ?? 1;
  const size = params.size ?? 50;
  return total !== undefined && page * size < total;
}

/** Warms the cache with the next page so "Next" renders at once. */
export function prefetchNextSpanPage(client: QueryClient, params: ListSpansInput, total: number | undefined): Promise<void> {
  if (!hasNextPage(params, total)) return Promise.resolve();
  return client.prefetchQuery(spanListQuery({ ...params, page: (params.page ?? 1) + 1 }));
}
