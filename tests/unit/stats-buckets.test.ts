import assert from "node:assert/strict";
import { test } from "node:test";
import { DAY, HOUR, MAX_BUCKETS, bucketFilters, bucketTitle, planBuckets } from "@/lib/stats/buckets";
import { spansHref, errorFilter, modelFilter } from "@/lib/stats/links";
import { parseSpanView } from "@/lib/spans/search-params";

const t0 = Date.UTC(2026, 10, 20, 10, 17);

test("hourly up to two days, aligned to UTC hours, contiguous and covering the range", () => {
  const plan = planBuckets(t0, t0 + 5 * HOUR);
  assert.equal(plan.unit, "hour");
  assert.equal(plan.buckets[0]!.startMs, Date.UTC(2026, 10, 20, 10));
  assert.equal(plan.buckets.length, 6);
  for (let i = 1; i < plan.buckets.length; i++) assert.equal(plan.buckets[i]!.startMs, plan.buckets[i - 1]!.endMs);
  assert.ok(plan.buckets.at(-1)!.endMs > t0 + 5 * HOUR);
  assert.ok(planBuckets(t0, t0 + 2 * DAY).buckets.length <= MAX_BUCKETS + 1);
});

test("never more than MAX_BUCKETS (+1 for alignment), daily beyond two days, multi-day beyond 48 days", () => {
  const twoDays = planBuckets(Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 3) - 1);
  assert.equal(twoDays.unit, "hour");
  assert.equal(twoDays.buckets.length, 48);
  const week = planBuckets(t0, t0 + 7 * DAY);
  assert.equal(week.unit, "day");
  assert.equal(week.buckets.length, 8);
  assert.equal(week.buckets[0]!.startMs % DAY, 0);
  const year = planBuckets(t0, t0 + 365 * DAY);
  assert.ok(year.buckets.length <= MAX_BUCKETS, `${year.buckets.length} buckets`);
  assert.equal(year.stepMs % DAY, 0);
  assert.ok(year.buckets.at(-1)!.endMs > t0 + 365 * DAY);
});

test("a single instant or an inverted range gives one bucket; non-finite input throws", () => {
  assert.equal(planBuckets(t0, t0).buckets.length, 1);
  assert.equal(planBuckets(t0, t0 - DAY).buckets.length, 1);
  assert.throws(() => planBuckets(NaN, t0));
});

test("bucket filters are a start_time pair: >= start, < end", () => {
  const [b] = planBuckets(t0, t0).buckets;
  assert.deepEqual(bucketFilters(b!), [
    { field: "start_time", operator: ">=", value: "2026-11-20T10:00:00.000Z" },
    { field: "start_time", operator: "<", value: "2026-11-20T11:00:00.000Z" },
  ]);
  assert.equal(bucketTitle(b!, "hour"), "Nov 20, 2026 10:00–11:00 UTC");
});

test("drill links keep the view, add the filter, and only narrow the time range", () => {
  const view = parseSpanView(new URLSearchParams({ q: "refund", from: "2026-11-20T10:30:00.000Z", filters: JSON.stringify([{ field: "name", operator: "=", value: "x" }]) }));
  const href = spansHref("p-1", view, { filters: [errorFilter], startMs: Date.UTC(2026, 10, 20, 10), endMs: Date.UTC(2026, 10, 20, 11) });
  assert.ok(href.startsWith("/projects/p-1/spans?"));
  const back = parseSpanView(new URLSearchParams(href.split("?")[1]));
  assert.equal(back.q, "refund");
  assert.equal(back.from, "2026-11-20T10:30:00.000Z", "the view's later from wins");
  assert.equal(back.to, "2026-11-20T10:59:59.999Z", "bucket end is exclusive, the table's to inclusive");
  assert.deepEqual(back.filters.map((f) => f.field), ["name", "error_info"]);
  const typed = parseSpanView(new URLSearchParams(spansHref("p", view, { type: "llm", filters: [modelFilter("gpt-4o")] }).split("?")[1]));
  assert.equal(typed.type, "llm");
  assert.deepEqual(typed.filters.at(-1), { field: "model", operator: "=", value: "gpt-4o" });
});
