"use client";

import { useQueries, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { parseInstant } from "@/lib/opik/instant";
import { SPAN_TYPES } from "@/lib/spans/inputs";
import { toStatsFilters, type SpanView } from "@/lib/spans/search-params";
import { bucketFilters, planBuckets, type BucketPlan } from "./buckets";
import { modelFilter, providerFilter } from "./links";
import { narrowed, rangeQuery, statsQuery, topQuery, type Criteria } from "./queries";

type Shared = Pick<SpanView, "filters" | "q" | "from" | "to" | "type">;

const ms = (iso: string | null | undefined) => {
  const micros = iso ? parseInstant(iso) : null;
  return micros === null ? undefined : Math.floor(micros / 1000);
};

/**
 * Every query of the stats view, in the order they should reach the server: the totals, the data's
 * time range (only when the URL leaves an end open), the per-type split and the model/provider
 * sample; then one stats call per time bucket once the range is known; then one per top model and
 * provider. Each resolves on its own, so tiles and charts fill in as answers arrive.
 */
export function useStatsView(projectId: string, view: Shared) {
  const criteria = useMemo<Criteria>(() => toStatsFilters(view), [view]);
  const totals = useQuery(statsQuery(projectId, criteria));
  const open = !view.from || !view.to;
  const range = useQuery({ ...rangeQuery(projectId, criteria), enabled: open });
  const types = view.type ? [view.type] : SPAN_TYPES;
  const typeStats = useQueries({ queries: types.map((type) => statsQuery(projectId, { ...criteria, type })) });
  const top = useQuery(topQuery(projectId, criteria));

  const plan = useMemo<BucketPlan | null>(() => {
    const from = ms(view.from) ?? ms(range.data?.first);
    const to = ms(view.to) ?? ms(range.data?.last);
    if (from === undefined || to === undefined) return null;
    return planBuckets(Math.min(from, to), Math.max(from, to));
  }, [view.from, view.to, range.data]);

  const buckets = useQueries({
    queries: (plan?.buckets ?? []).map((b) => statsQuery(projectId, narrowed(criteria, bucketFilters(b)))),
  });
  const models = top.data?.models ?? [];
  const providers = top.data?.providers ?? [];
  const modelStats = useQueries({ queries: models.map((m) => statsQuery(projectId, narrowed(criteria, [modelFilter(m.name)]))) });
  const providerStats = useQueries({
    queries: providers.map((p) => statsQuery(projectId, narrowed(criteria, [providerFilter(p.name)]))),
  });

  // No spans in range: the range answer says so before any bucket is asked for.
  const rangeEmpty = open && range.isSuccess && range.data.first === null;
  return { view, criteria, totals, range, rangeEmpty, plan, buckets, types, typeStats, top, models, modelStats, providers, providerStats };
}

export type StatsViewData = ReturnType<typeof useStatsView>;
