import { z } from "zod";
import { SpanStatsInput } from "@/lib/spans/inputs";

/**
 * What the stats data route answers (see server.ts):
 *   stats  Opik's `GET /spans/stats` for the criteria
 *   range  the first and last `start_time` among the matching spans (to plan the time buckets)
 *   top    the most frequent models and providers in a bounded sample of the matching spans
 * The criteria are the span-stats action's own input contract, so a request the action would refuse
 * is refused here too, with the same field-by-field message.
 */
export const STATS_OPS = ["stats", "range", "top"] as const;
export type StatsOp = (typeof STATS_OPS)[number];
export const StatsOpInput = z.enum(STATS_OPS);

export const StatsCriteria = SpanStatsInput;
export type StatsCriteria = z.input<typeof SpanStatsInput>;

export type TimeRange = { first: string | null; last: string | null };
export type TopEntry = { name: string; count: number };
export type TopValues = { models: TopEntry[]; providers: TopEntry[]; sampled: number; total: number };

/** How many spans the `top` sample reads (one list page at Opik's maximum size, newest first). */
export const TOP_SAMPLE = 500;
/** How many models / providers get their own stats call. */
export const TOP_N = 5;
