import { parseInstant } from "@/lib/opik/instant";
import { SPAN_TYPES } from "@/lib/spans/inputs";
import { toStatsFilters, type SpanView } from "@/lib/spans/search-params";
import { bucketFilters, planBuckets, type BucketPlan } from "./buckets";
import type { TimeRange, TopEntry } from "./inputs";
import { modelFilter, providerFilter } from "./links";
import { narrowed, type Criteria } from "./queries";

/**
 * Which stats requests a view makes, in the order they should reach the server. Shared by the
 * browser hooks (hooks.ts) and the server prefetch (prefetch.ts) so both ask for the same keys:
 *   1. the totals, the data's time range (only when the URL leaves an end open), one per type,
 *      and the model/provider sample;
 *   2. one per time bucket once the range is known;
 *   3. one per top model and provider once the sample is known.
 */
export type SharedView = Pick<SpanView, "filters" | "q" | "from" | "to" | "type">;

export const viewCriteria = (view: SharedView): Criteria => toStatsFilters(view);
export const needsRange = (view: SharedView) => !view.from || !view.to;
export const viewTypes = (view: SharedView) => (view.type ? [view.type] : [...SPAN_TYPES]);
export const typeCriteria = (criteria: Criteria, view: SharedView) => viewTypes(view).map((type) => ({ ...criteria, type }));

const ms = (iso: string | null | undefined) => {
  const micros = iso ? parseInstant(iso) : null;
  return micros === null ? undefined : Math.floor(micros / 1000);
};

/** The bucket plan once both ends are known (from the URL or from the data's range), else null. */
export function viewPlan(view: SharedView, range: TimeRange | undefined): BucketPlan | null {
  const from = ms(view.from) ?? ms(range?.first);
  const to = ms(view.to) ?? ms(range?.last);
  if (from === undefined || to === undefined) return null;
  return planBuckets(Math.min(from, to), Math.max(from, to));
}

export const bucketCriteria = (criteria: Criteria, plan: BucketPlan | null) =>
  (plan?.buckets ?? []).map((b) => narrowed(criteria, bucketFilters(b)));
export const modelCriteria = (criteria: Criteria, models: readonly TopEntry[]) => models.map((m) => narrowed(criteria, [modelFilter(m.name)]));
export const providerCriteria = (criteria: Criteria, providers: readonly TopEntry[]) =>
  providers.map((p) => narrowed(criteria, [providerFilter(p.name)]));
