/**
 * Time buckets for the "over time" charts. Each bucket becomes one stats call with a pair of
 * `start_time` filters (`>=` start, `<` end), which every Opik version understands — unlike
 * `from_time`/`to_time`, which only recent servers have and which filter on the id's embedded time.
 * Buckets are aligned to UTC hours or days so the same range always yields the same requests (and
 * cache keys), and their count is bounded: each is a full stats query on the server.
 */
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const MAX_BUCKETS = 48;
/** Up to this range, hourly buckets; beyond it, daily (or several days when the range is long). */
export const HOURLY_UP_TO = 2 * DAY;

export type Bucket = { startMs: number; endMs: number; start: string; end: string };
export type BucketPlan = { unit: "hour" | "day"; stepMs: number; buckets: Bucket[] };

const floorTo = (t: number, step: number) => Math.floor(t / step) * step;

/**
 * Buckets covering [fromMs, toMs] (both inclusive). Hourly when the range is at most two days,
 * otherwise daily; when even daily buckets would exceed `max`, each bucket spans several days.
 * An empty or inverted range gives one bucket around `fromMs`.
 */
export function planBuckets(fromMs: number, toMs: number, max = MAX_BUCKETS): BucketPlan {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) throw new RangeError("planBuckets needs finite instants");
  const hi = Math.max(fromMs, toMs);
  const unit = hi - fromMs <= HOURLY_UP_TO ? "hour" : "day";
  const base = unit === "hour" ? HOUR : DAY;
  const start = floorTo(fromMs, base);
  // `toMs` is inclusive: a range ending exactly on a boundary still needs the bucket it starts.
  const end = floorTo(hi, base) + base;
  const units = Math.round((end - start) / base);
  const stepMs = base * Math.max(1, Math.ceil(units / max));
  const buckets: Bucket[] = [];
  for (let t = start; t < end; t += stepMs) {
    const e = t + stepMs;
    buckets.push({ startMs: t, endMs: e, start: new Date(t).toISOString(), end: new Date(e).toISOString() });
  }
  return { unit, stepMs, buckets };
}

/** The bucket's filters, added to the view's own (which may narrow the range further). */
export function bucketFilters(bucket: Pick<Bucket, "start" | "end">) {
  return [
    { field: "start_time", operator: ">=" as const, value: bucket.start },
    { field: "start_time", operator: "<" as const, value: bucket.end },
  ];
}

/** A short axis label: "14:00" for hourly buckets, "Nov 22" for daily ones (UTC). */
export function bucketLabel(startMs: number, unit: BucketPlan["unit"]): string {
  const d = new Date(startMs);
  if (unit === "hour") return `${String(d.getUTCHours()).padStart(2, "0")}:00`;
  return d.toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
}

/** The full bucket name for tooltips and accessible labels. */
export function bucketTitle(bucket: Pick<Bucket, "startMs" | "endMs">, unit: BucketPlan["unit"]): string {
  const opts: Intl.DateTimeFormatOptions = { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" };
  const from = new Date(bucket.startMs);
  if (unit === "hour") {
    const hh = (t: number) => `${String(new Date(t).getUTCHours()).padStart(2, "0")}:00`;
    return `${from.toLocaleDateString("en-US", opts)} ${hh(bucket.startMs)}–${hh(bucket.endMs)} UTC`;
  }
  const days = Math.round((bucket.endMs - bucket.startMs) / DAY);
  if (days <= 1) return `${from.toLocaleDateString("en-US", opts)} (UTC)`;
  return `${from.toLocaleDateString("en-US", opts)} – ${new Date(bucket.endMs - 1).toLocaleDateString("en-US", opts)} (UTC)`;
}
