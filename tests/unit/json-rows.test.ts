import assert from "node:assert/strict";
import { test } from "node:test";
import { allContainerPaths, initialOpen, jsonRows, searchJson } from "@/components/json/json-rows";

const value = { a: 1, "b/c": { d: [true, null, "x"] }, e: "hello" };

test("rows exist only for open containers; paths are JSON pointers", () => {
  assert.deepEqual(jsonRows(value, new Set()).map((r) => r.path), [""]);
  const rows = jsonRows(value, new Set(["", "/b~1c"]));
  assert.deepEqual(rows.map((r) => [r.path, r.depth, r.kind]), [["", 0, "object"], ["/a", 1, "number"], ["/b~1c", 1, "object"], ["/b~1c/d", 2, "array"], ["/e", 1, "string"]]);
  assert.equal(rows.find((r) => r.path === "/b~1c/d")!.size, 3);
});

test("a huge value opens with its top level only", () => {
  const big = { items: Array.from({ length: 100_000 }, (_, i) => ({ i })), meta: { n: 1 } };
  const open = initialOpen(big);
  assert.deepEqual([...open], [""]);
  assert.equal(jsonRows(big, open).length, 3);
  assert.equal(allContainerPaths(big, 10).size, 10);
});

test("search matches keys and values, opening their ancestors", () => {
  const s = searchJson(value, "X");
  assert.deepEqual([...s.matches], ["/b~1c/d/2"]);
  assert.deepEqual([...s.open].sort(), ["", "/b~1c", "/b~1c/d"]);
  assert.deepEqual([...searchJson(value, "b/c").matches], ["/b~1c"]);
  assert.equal(searchJson(value, "").matches.size, 0);
  const many = searchJson(Array.from({ length: 50 }, () => "x"), "x", 10);
  assert.equal(many.matches.size, 10);
  assert.ok(many.truncated);
});
