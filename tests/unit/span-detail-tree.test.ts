import assert from "node:assert/strict";
import { test } from "node:test";
import type { SpanPublic } from "@/lib/opik/client";
import { buildTree, criticalPath, parentIds, selfTimeMs, visibleRows } from "@/lib/span-detail/tree";

const T0 = Date.parse("2025-01-01T00:00:00Z");
const span = (id: string, parent: string | null, start: number, end: number, extra: Partial<SpanPublic> = {}): SpanPublic => ({
  id,
  trace_id: "t",
  parent_span_id: parent,
  name: id,
  start_time: new Date(T0 + start).toISOString(),
  end_time: new Date(T0 + end).toISOString(),
  ...extra,
});

// root 0–100: a 0–30, b 20–60 (b1 25–35), c 70–95
const spans = [span("c", "root", 70, 95), span("root", null, 0, 100), span("b", "root", 20, 60), span("a", "root", 0, 30), span("b1", "b", 25, 35)];

test("builds the tree by parent_span_id, children by start time, depth-first order", () => {
  const tree = buildTree(spans);
  assert.deepEqual(tree.roots.map((r) => r.id), ["root"]);
  assert.deepEqual(tree.order.map((n) => [n.id, n.depth]), [["root", 0], ["a", 1], ["b", 1], ["b1", 2], ["c", 1]]);
  assert.equal(tree.startMs, T0);
  assert.equal(tree.endMs, T0 + 100);
});

test("orphans and parent cycles become roots; no span is lost", () => {
  const tree = buildTree([span("x", "missing", 0, 1), span("p", "q", 5, 6), span("q", "p", 4, 7), span("self", "self", 8, 9)]);
  assert.equal(tree.order.length, 4);
  assert.deepEqual(new Set(tree.roots.map((r) => r.id)), new Set(["x", "q", "self"]));
  assert.equal(tree.byId.get("p")!.depth, 1);
});

test("a 10,000-deep chain builds without a stack overflow", () => {
  const chain = Array.from({ length: 10_000 }, (_, i) => span(`s${i}`, i ? `s${i - 1}` : null, i, 20_000 - i));
  const tree = buildTree(chain);
  assert.equal(tree.order.at(-1)!.depth, 9_999);
  assert.equal(visibleRows(tree, new Set()).length, 10_000);
  assert.equal(criticalPath(tree).size, 10_000);
});

test("collapse hides descendants; search keeps matches with their ancestors, forced open", () => {
  const tree = buildTree(spans);
  assert.deepEqual(visibleRows(tree, new Set(["b"])).map((r) => r.node.id), ["root", "a", "b", "c"]);
  assert.deepEqual(visibleRows(tree, parentIds(tree)).map((r) => r.node.id), ["root"]);
  const found = visibleRows(tree, new Set(["root", "b"]), "B1");
  assert.deepEqual(found.map((r) => [r.node.id, r.match]), [["root", false], ["b", false], ["b1", true]]);
  assert.equal(visibleRows(tree, new Set(), "nothing-like-this").length, 0);
});

test("self time is the span minus the union of its children", () => {
  const tree = buildTree(spans);
  // children cover 0–60 and 70–95 → 85 of 100
  assert.equal(selfTimeMs(tree.byId.get("root")!), 15);
  assert.equal(selfTimeMs(tree.byId.get("b")!), 30);
  assert.equal(selfTimeMs(tree.byId.get("a")!), 30);
});

test("the critical path follows the last-finishing chain", () => {
  const tree = buildTree(spans);
  // root ← c (ends 95); before c starts (70): b ends 60 → b; before b starts (20): nothing ends ≤ 20 (a ends 30).
  assert.deepEqual([...criticalPath(tree)].sort(), ["b", "b1", "c", "root"]);
});
