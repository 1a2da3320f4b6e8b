import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { v7 } from "uuid";
import { openDatabase } from "@/lib/embedded/db";
import { readCriteria } from "@/lib/embedded/spans-query";
import { createSpansBatch } from "@/lib/embedded/spans-store";
import { rollupScope } from "@/lib/embedded/stats-rollup";
import { encodeFilterValues } from "@/lib/opik/filter-values";
import type { Criteria } from "@/lib/stats/queries";
import { bucketCriteria, modelCriteria, needsRange, providerCriteria, typeCriteria, viewCriteria, viewPlan, type SharedView } from "@/lib/stats/plan";

const all: SharedView = { filters: [], q: "", from: undefined, to: undefined, type: undefined };
const range = { first: "2026-11-08T00:03:24.123Z", last: "2026-11-22T17:51:08.382Z" };
const top = (...names: string[]) => names.map((name) => ({ name, count: 1 }));

test("the unfiltered view: totals, four types, one bucket per UTC day of the data, one per top model/provider", () => {
  const criteria = viewCriteria(all);
  assert.deepEqual(criteria, { filters: [] });
  assert.equal(needsRange(all), true);
  assert.deepEqual(typeCriteria(criteria, all).map((c) => c.type), ["general", "tool", "llm", "guardrail"]);
  const plan = viewPlan(all, range)!;
  assert.equal(plan.unit, "day");
  assert.equal(plan.buckets.length, 15);
  assert.equal(plan.buckets[0]!.start, "2026-11-08T00:00:00.000Z");
  assert.equal(viewPlan(all, undefined), null, "no plan before the range is known");
  assert.deepEqual(modelCriteria(criteria, top("gpt-4o"))[0], { filters: [{ field: "model", operator: "=", value: "gpt-4o" }] });
  assert.equal(providerCriteria(criteria, top("a", "b")).length, 2);
});

test("a view with both ends in the URL plans its buckets without asking for the range", () => {
  const view: SharedView = { ...all, from: "2026-11-20T10:30:00.000Z", to: "2026-11-20T15:10:00.000Z", type: "llm" };
  assert.equal(needsRange(view), false);
  const plan = viewPlan(view, undefined)!;
  assert.equal(plan.unit, "hour");
  assert.deepEqual(typeCriteria(viewCriteria(view), view).map((c) => c.type), ["llm"]);
  // Every bucket keeps the view's own bounds and type.
  for (const c of bucketCriteria(viewCriteria(view), plan)) {
    assert.equal(c.type, "llm");
    assert.equal(c.filters!.filter((f) => f.field === "start_time").length, 4);
  }
});

test("every request of the unfiltered view is one the embedded server answers from its hourly rollups", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stats-plan-"));
  try {
    const db = openDatabase(path.join(dir, "db.sqlite"));
    createSpansBatch(db, [{ id: v7(), project_name: "p", trace_id: v7(), type: "llm", start_time: range.first, input: null, output: null, metadata: null }], "t");
    const criteria = viewCriteria(all);
    const requests: Criteria[] = [
      criteria,
      ...typeCriteria(criteria, all),
      ...bucketCriteria(criteria, viewPlan(all, range)),
      ...modelCriteria(criteria, top("gpt-4o", "claude")),
      ...providerCriteria(criteria, top("openai")),
    ];
    assert.equal(requests.length, 1 + 4 + 15 + 2 + 1);
    for (const c of requests) {
      const query = new URLSearchParams({ project_name: "p", filters: JSON.stringify(encodeFilterValues(c.filters?.map((f) => ({ ...f, value: f.value ?? "" }))) ?? []) });
      if (c.type) query.set("type", c.type);
      assert.ok(rollupScope(readCriteria(db, query).criteria), JSON.stringify(c));
    }
    db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
