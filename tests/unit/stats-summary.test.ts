import assert from "node:assert/strict";
import { test } from "node:test";
import { completenessRate, parseStats } from "@/lib/stats/summary";
import { bucketRows, scoreNames } from "@/lib/stats/series";
import { planBuckets } from "@/lib/stats/buckets";
import { top } from "@/lib/stats/top";
import { formatCount, formatMs, formatPercent, formatUsd } from "@/lib/stats/format";

const recent = {
  stats: [
    { name: "span_count", type: "COUNT", value: 4 },
    { name: "duration", type: "PERCENTAGE", value: { p50: 150, p90: 270, p99: 297 } },
    { name: "input", type: "COUNT", value: 3 },
    { name: "output", type: "COUNT", value: 2 },
    { name: "metadata", type: "COUNT", value: 0 },
    { name: "tags", type: "AVG", value: 1.5 },
    { name: "total_estimated_cost", type: "AVG", value: 0.25 },
    { name: "total_estimated_cost_sum", type: "AVG", value: 0.75 },
    { name: "usage.total_tokens", type: "AVG", value: 30 },
    { name: "usage.completion_tokens", type: "AVG", value: 10 },
    { name: "feedback_scores.relevance", type: "AVG", value: 0.5 },
    { name: "error_count", type: "COUNT", value: 1 },
  ],
};

test("parseStats reads every item of a recent Opik", () => {
  const s = parseStats(recent);
  assert.equal(s.spanCount, 4);
  assert.equal(s.errorCount, 1);
  assert.equal(s.errorRate, 0.25);
  assert.deepEqual(s.duration, { p50: 150, p90: 270, p99: 297 });
  assert.equal(s.costAvg, 0.25);
  assert.equal(s.costSum, 0.75);
  assert.equal(s.tagsAvg, 1.5);
  assert.deepEqual(Object.keys(s.usage), ["completion_tokens", "total_tokens"], "usage keys sorted");
  assert.deepEqual(s.scores, { relevance: 0.5 });
  assert.equal(completenessRate(s, "input"), 0.75);
  assert.equal(completenessRate(s, "metadata"), 0);
});

test("parseStats tolerates an older Opik: no error_count, no cost sum, feedback_score. prefix, string numbers", () => {
  const s = parseStats([
    { name: "span_count", type: "COUNT", value: "2" },
    { name: "feedback_score.hallucination", type: "AVG", value: 0.1 },
    { name: "duration", type: "PERCENTAGE", value: { p50: 1 } },
  ]);
  assert.equal(s.spanCount, 2);
  assert.equal(s.errorCount, undefined);
  assert.equal(s.errorRate, undefined);
  assert.equal(s.costSum, undefined);
  assert.deepEqual(s.scores, { hallucination: 0.1 });
  assert.deepEqual(s.duration, { p50: 1, p90: 0, p99: 0 });
  assert.equal(completenessRate(s, "input"), undefined);
});

test("parseStats: an empty list means zero spans and zero errors", () => {
  const s = parseStats({ stats: [] });
  assert.equal(s.spanCount, 0);
  assert.equal(s.errorCount, 0);
  assert.equal(s.errorRate, 0);
});

test("bucketRows leaves unloaded and empty buckets as gaps, fills loaded ones", () => {
  const plan = planBuckets(Date.UTC(2026, 0, 1, 0), Date.UTC(2026, 0, 1, 2, 30));
  assert.equal(plan.buckets.length, 3);
  const full = parseStats(recent);
  const rows = bucketRows(plan, [full, undefined, parseStats({ stats: [] })]);
  assert.equal(rows[0]!.spans, 4);
  assert.equal(rows[0]!.p90, 270);
  assert.equal(rows[0]!["score:relevance"], 0.5);
  assert.equal(rows[1]!.loaded, false);
  assert.equal(rows[1]!.spans, undefined);
  assert.equal(rows[2]!.spans, 0);
  assert.equal(rows[2]!.p50, undefined, "no duration drawn for an empty bucket");
  assert.equal(rows[0]!.label, "00:00");
  assert.deepEqual(scoreNames([full, undefined]), ["relevance"]);
});

test("top counts non-empty values, most frequent first, ties by name", () => {
  assert.deepEqual(top(["b", "a", null, "b", "", "c", "a", undefined, "b"], 2), [
    { name: "b", count: 3 },
    { name: "a", count: 2 },
  ]);
});

test("formats", () => {
  assert.equal(formatCount(1234567), "1,234,567");
  assert.equal(formatPercent(0.25), "25%");
  assert.equal(formatPercent(1 / 3), "33.3%");
  assert.equal(formatMs(150), "150 ms");
  assert.equal(formatMs(2.25), "2.3 ms");
  assert.equal(formatMs(1234), "1.23 s");
  assert.equal(formatUsd(0.000123), "$0.000123");
  assert.equal(formatUsd(12.345), "$12.35");
  assert.equal(formatUsd(undefined), "—");
});
