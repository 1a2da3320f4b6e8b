"use client";

import { useQueries, useQuery, type UseQueryResult } from "@tanstack/react-query";
import { useMemo } from "react";
import { bucketCriteria, modelCriteria, needsRange, providerCriteria, typeCriteria, viewCriteria, viewPlan, viewTypes, type SharedView } from "./plan";
import { rangeQuery, statsQuery, topQuery } from "./queries";
import type { StatsSummary } from "./summary";

/**
 * Every query of the stats view (plan.ts says which, in which order). Each resolves on its own, so
 * tiles and charts fill in as answers arrive; those the page prefetched on the server arrive with
 * the page's stream instead of as requests from here.
 *
 * Each group also comes with its answers as one list (`…Data`) that keeps its identity until one
 * of them changes (React Query shares equal structure in a `combine` result): the charts memoise
 * their rows on it, so an answer for a model does not redraw the charts over time.
 */
export type QueryGroup = { queries: UseQueryResult<StatsSummary>[]; data: (StatsSummary | undefined)[] };
// Module-level, so React Query sees the same `combine` on every render and reuses its result.
const group = (queries: UseQueryResult<StatsSummary>[]): QueryGroup => ({ queries, data: queries.map((q) => q.data) });

export function useStatsView(projectId: string, view: SharedView) {
  const criteria = useMemo(() => viewCriteria(view), [view]);
  const totals = useQuery(statsQuery(projectId, criteria));
  const open = needsRange(view);
  const range = useQuery({ ...rangeQuery(projectId, criteria), enabled: open });
  const types = useMemo(() => viewTypes(view), [view]);
  const typeStats = useQueries({ queries: typeCriteria(criteria, view).map((c) => statsQuery(projectId, c)), combine: group });
  const top = useQuery(topQuery(projectId, criteria));

  const plan = useMemo(() => viewPlan(view, range.data), [view, range.data]);
  const buckets = useQueries({ queries: bucketCriteria(criteria, plan).map((c) => statsQuery(projectId, c)), combine: group });
  const models = useMemo(() => top.data?.models ?? [], [top.data]);
  const providers = useMemo(() => top.data?.providers ?? [], [top.data]);
  const modelStats = useQueries({ queries: modelCriteria(criteria, models).map((c) => statsQuery(projectId, c)), combine: group });
  const providerStats = useQueries({ queries: providerCriteria(criteria, providers).map((c) => statsQuery(projectId, c)), combine: group });

  // No spans in range: the range answer says so before any bucket is asked for.
  const rangeEmpty = open && range.isSuccess && range.data.first === null;
  return { view, criteria, totals, range, rangeEmpty, plan, buckets, types, typeStats, top, models, modelStats, providers, providerStats };
}

export type StatsViewData = ReturnType<typeof useStatsView>;
