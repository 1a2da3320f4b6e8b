import assert from "node:assert/strict";
import { test } from "node:test";
import { jsonRows } from "@/components/json/json-rows";
import { previewPayload } from "@/lib/span-detail/payload-preview";
import { packTreeData, unpackTreeData } from "@/lib/span-detail/tree-transport";

const records = Array.from({ length: 22_000 }, (_, i) => ({ i, text: `record ${i} `.padEnd(180, "lorem ipsum ") }));

test("a small payload is sent whole", () => {
  const value = { messages: [{ role: "user", content: "hi" }] };
  assert.deepEqual(previewPayload(value), { value, preview: null });
  assert.deepEqual(previewPayload(undefined), { value: undefined, preview: null });
});

test("a 5 MB payload becomes a small preview that keeps its shape and records every cut", () => {
  const value = { system: "be brief", records, note: "x".repeat(300_000) };
  const json = JSON.stringify(value);
  const { value: shown, preview } = previewPayload(value, { json });
  assert.ok(preview);
  assert.equal(preview.bytes, json.length);
  assert.ok(JSON.stringify(shown).length < 60_000, `preview is ${JSON.stringify(shown).length} characters`);
  const s = shown as { system: string; records: { i: number }[]; note?: string };
  assert.equal(s.system, "be brief");
  assert.ok(s.records.length > 0 && s.records.length <= 100);
  assert.deepEqual(s.records[0], records[0], "the first records are whole");
  assert.deepEqual(preview.cuts, { "/records": 22_000, "/note": 300_000 });
  assert.equal(s.note?.length, 2_000);
});

test("when the budget runs out, later keys are left out and the object says how many it has", () => {
  const { value, preview } = previewPayload({ records, after: 1 }, { items: 10_000 });
  assert.deepEqual(Object.keys(value as object), ["records"]);
  assert.equal(preview?.cuts[""], 2);
  assert.equal(preview?.cuts["/records"], 22_000);
});

test("a long string is cut to its start and its real length is recorded", () => {
  const { value, preview } = previewPayload({ "a/b": "y".repeat(400_000) });
  assert.equal((value as Record<string, string>)["a/b"]!.length, 2_000);
  assert.deepEqual(preview?.cuts, { "/a~1b": 400_000 });
});

test("the JSON rows of a preview show real sizes and a row for what was left out", () => {
  const { value, preview } = previewPayload({ records }, { items: 3 });
  const rows = jsonRows(value, new Set(["", "/records"]), preview!.cuts);
  const list = rows.find((r) => r.path === "/records")!;
  assert.equal(list.size, 22_000);
  assert.equal(list.cut, true);
  assert.deepEqual(
    rows.map((r) => [r.path, r.kind]),
    [["", "object"], ["/records", "array"], ["/records/0", "object"], ["/records/1", "object"], ["/records/2", "object"], ["more:/records", "more"]],
  );
  assert.equal(rows.at(-1)!.size, 21_997);
  assert.equal(rows.at(-1)!.depth, 2);
  // Collapsed, the cut container shows its real size and no "more" row.
  assert.deepEqual(jsonRows(value, new Set([""]), preview!.cuts).map((r) => [r.path, r.size]), [["", 1], ["/records", 22_000]]);
});

test("a packed tree unpacks to the same spans (minus the fields the tree does not use)", () => {
  const trace = { id: "t", project_id: "p" };
  const spans = [
    { id: "a", trace_id: "t", project_id: "p", name: "root", start_time: "2026-01-01T00:00:00Z", last_updated_at: "x", usage: { total_tokens: 3 } },
    { id: "b", trace_id: "t", project_id: "p", parent_span_id: "a", name: "child", start_time: "2026-01-01T00:00:01Z", tags: ["x"], last_updated_at: "y" },
    { id: "c", trace_id: "t", project_id: "p", parent_span_id: "gone", name: "orphan", start_time: "2026-01-01T00:00:02Z", feedback_scores: [{ name: "q", value: 1 }] },
  ];
  const packed = packTreeData({ trace, spans }) as { __packedSpanTree: string };
  assert.equal(typeof packed.__packedSpanTree, "string");
  assert.ok(!packed.__packedSpanTree.includes("last_updated_at"));
  const back = unpackTreeData(packed, false) as { trace: unknown; spans: Record<string, unknown>[] };
  assert.deepEqual(back.trace, trace);
  assert.deepEqual(
    back.spans,
    spans.map(({ last_updated_at: _dropped, ...rest }) => rest),
  );
  // Anything that is not a tree passes both ways untouched.
  const other = { id: "s", input: { a: 1 } };
  assert.equal(packTreeData(other), other);
  assert.equal(unpackTreeData(other, false), other);
  // The server render leaves the tree packed (it is drawn after hydration only).
  assert.equal(unpackTreeData(packed, true), packed);
});
