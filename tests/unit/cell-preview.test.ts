import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CELL_PREVIEW_CHARS, cellPreview, previewText } from "@/lib/spans/cell-preview";

describe("span table cell previews", () => {
  const long = { messages: Array.from({ length: 30 }, (_, i) => ({ role: "assistant", content: `answer ${i} — ünïcode 🙂` })) };
  const values: unknown[] = [
    undefined, null, 0, 42.5, true, "", "short", "s".repeat(CELL_PREVIEW_CHARS), "s".repeat(CELL_PREVIEW_CHARS + 1), "s".repeat(CELL_PREVIEW_CHARS + 2),
    "é".repeat(5000), { q: "hi" }, [1, 2, 3], long, [long, long], { nested: { deeper: ["x".repeat(400)] } },
  ];

  it("a cell shows the same text from the preview as from the whole value", () => {
    for (const v of values) assert.equal(previewText(cellPreview(v)), previewText(v), JSON.stringify(v)?.slice(0, 60));
  });

  it("short values pass through untouched; long ones shrink to one character past what the cell shows", () => {
    const small = { q: "hi" };
    assert.equal(cellPreview(small), small);
    assert.equal(cellPreview("s".repeat(CELL_PREVIEW_CHARS + 1)), "s".repeat(CELL_PREVIEW_CHARS + 1));
    assert.equal(cellPreview(long), JSON.stringify(long).slice(0, CELL_PREVIEW_CHARS + 1));
    assert.equal((cellPreview("é".repeat(5000)) as string).length, CELL_PREVIEW_CHARS + 1);
  });

  it("the cell text is cut with an ellipsis only when there is more", () => {
    assert.equal(previewText("s".repeat(CELL_PREVIEW_CHARS)), "s".repeat(CELL_PREVIEW_CHARS));
    assert.equal(previewText("s".repeat(CELL_PREVIEW_CHARS + 1)), `${"s".repeat(CELL_PREVIEW_CHARS)}…`);
    assert.equal(previewText(null), "");
  });
});
