import { defaultShouldDehydrateQuery, dehydrate, type QueryClient } from "@tanstack/react-query";
import { unwrap } from "@/lib/actions/result";
import type { StatsOp, TimeRange, TopValues } from "./inputs";
import { bucketCriteria, modelCriteria, needsRange, providerCriteria, typeCriteria, viewCriteria, viewPlan, type SharedView } from "./plan";
import { createLimiter } from "./pool";
import { statsKeys, STATS_CONCURRENCY, type Criteria } from "./queries";
import { statsData } from "./server";

/**
 * The stats view's requests, started on the server while the page renders, so they run while the
 * browser is still loading the page's JavaScript instead of after it. Only the time range and the
 * model/provider sample are awaited (two small list reads: the bucket and breakdown requests depend
 * on them); every stats call is left pending and streams into the page as it resolves, each query
 * on its own, under the same bound as in the browser. Same keys as the browser's queries (plan.ts),
 * so the browser asks again only for what the server did not start.
 */
const DEPENDENCY_WAIT_MS = 1500;

export async function prefetchStatsView(client: QueryClient, projectId: string, view: SharedView) {
  const limiter = createLimiter(STATS_CONCURRENCY);
  const start = <T>(op: StatsOp, criteria: Criteria) =>
    client.fetchQuery({
      queryKey: statsKeys.op(projectId, op, criteria),
      queryFn: () => limiter.run(() => unwrap(statsData(projectId, op, criteria)) as Promise<T>),
    });
  const criteria = viewCriteria(view);
  const settled = <T>(p: Promise<T>) => p.catch(() => undefined);
  const range = needsRange(view) ? settled(start<TimeRange>("range", criteria)) : Promise.resolve(undefined);
  const top = settled(start<TopValues>("top", criteria));
  void settled(start("stats", criteria));
  for (const c of typeCriteria(criteria, view)) void settled(start("stats", c));
  // A slow Opik must not hold the page back: past this wait the browser plans the rest itself.
  const [r, t] = await Promise.race([Promise.all([range, top]), new Promise<[undefined, undefined]>((resolve) => setTimeout(() => resolve([undefined, undefined]), DEPENDENCY_WAIT_MS).unref())]);
  // Without the range (still pending, failed, or not needed) the plan comes from the URL or is null.
  for (const c of bucketCriteria(criteria, viewPlan(view, r))) void settled(start("stats", c));
  for (const c of [...modelCriteria(criteria, t?.models ?? []), ...providerCriteria(criteria, t?.providers ?? [])]) void settled(start("stats", c));
  return dehydrate(client, {
    shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
  });
}
