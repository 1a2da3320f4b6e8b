import assert from "node:assert/strict";
import { test } from "node:test";
import { shortcutFor } from "@/lib/span-detail/keyboard";
import { formatCost, formatDuration, formatTokens } from "@/lib/span-detail/format";

test("keys map to annotation actions", () => {
  assert.equal(shortcutFor({ key: "j" }), "next");
  assert.equal(shortcutFor({ key: "k" }), "prev");
  assert.equal(shortcutFor({ key: "c" }), "comment");
  assert.equal(shortcutFor({ key: "?" }), "help");
  assert.equal(shortcutFor({ key: "Escape" }), "close");
  assert.deepEqual(shortcutFor({ key: "7" }), { score: 7 });
  assert.equal(shortcutFor({ key: "x" }), null);
});

test("shortcuts never fire while typing or with modifiers", () => {
  for (const target of [{ tagName: "INPUT", type: "text" }, { tagName: "TEXTAREA" }, { tagName: "SELECT" }, { tagName: "DIV", isContentEditable: true }]) {
    assert.equal(shortcutFor({ key: "j", target }), null);
    assert.equal(shortcutFor({ key: "3", target }), null);
    assert.equal(shortcutFor({ key: "Escape", target }), null);
  }
  assert.equal(shortcutFor({ key: "j", target: { tagName: "INPUT", type: "checkbox" } }), "next");
  assert.equal(shortcutFor({ key: "c", ctrlKey: true }), null);
  assert.equal(shortcutFor({ key: "c", metaKey: true }), null);
  assert.equal(shortcutFor({ key: "1", altKey: true }), null);
  assert.equal(shortcutFor({ key: "j", defaultPrevented: true }), null);
});

test("formatting", () => {
  assert.equal(formatDuration(450), "450 ms");
  assert.equal(formatDuration(1500), "1.50 s");
  assert.equal(formatDuration(undefined), "–");
  assert.equal(formatTokens(12_345), "12k");
  assert.equal(formatCost(0.5), "$0.5000");
});
