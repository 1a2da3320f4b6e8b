"use client";

import { useQueries, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { bucketCriteria, modelCriteria, needsRange, providerCriteria, typeCriteria, viewCriteria, viewPlan, viewTypes, type SharedView } from "./plan";
import { rangeQuery, statsQuery, topQuery } from "./queries";

/**
 * Every query of the stats view (plan.ts says which, in which order). Each resolves on its own, so
 * tiles and charts fill in as answers arrive; those the page prefetched on the server arrive with
 * the page's stream instead of as requests from here.
 */
export function useStatsView(projectId: string, view: SharedView) {
  const criteria = useMemo(() => viewCriteria(view), [view]);
  const totals = useQuery(statsQuery(projectId, criteria));
  const open = needsRange(view);
  const range = useQuery({ ...rangeQuery(projectId, criteria), enabled: open });
  const types = viewTypes(view);
  const typeStats = useQueries({ queries: typeCriteria(criteria, view).map((c) => statsQuery(projectId, c)) });
  const top = useQuery(topQuery(projectId, criteria));

  const plan = useMemo(() => viewPlan(view, range.data), [view, range.data]);
  const buckets = useQueries({ queries: bucketCriteria(criteria, plan).map((c) => statsQuery(projectId, c)) });
  const models = top.data?.models ?? [];
  const providers = top.data?.providers ?? [];
  const modelStats = useQueries({ queries: modelCriteria(criteria, models).map((c) => statsQuery(projectId, c)) });
  const providerStats = useQueries({ queries: providerCriteria(criteria, providers).map((c) => statsQuery(projectId, c)) });

  // No spans in range: the range answer says so before any bucket is asked for.
  const rangeEmpty = open && range.isSuccess && range.data.first === null;
  return { view, criteria, totals, range, rangeEmpty, plan, buckets, types, typeStats, top, models, modelStats, providers, providerStats };
}

export type StatsViewData = ReturnType<typeof useStatsView>;
