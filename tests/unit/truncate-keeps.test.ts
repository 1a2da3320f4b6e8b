import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { replaceImages, TRUNCATION_SIZE, truncatePayload, truncationKeeps } from "@/lib/embedded/truncate";

/**
 * List pages skip `truncate=true`'s walk over a payload when its stored text says the walk would
 * change nothing. That shortcut must never keep an image or a long value the walk would replace.
 */
const IMAGES = ["/9j/4AAQSkZJRgABAQAAAQABAAD", "iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB", "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg", "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAA"];

const payload = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.string(),
    fc.constantFrom(...IMAGES),
    fc.constant("x".repeat(TRUNCATION_SIZE + 1)),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie("value"), { maxKeys: 4 }),
  ),
})).value;

describe("truncationKeeps", () => {
  it("holds only for texts truncate=true would return unchanged", () => {
    fc.assert(
      fc.property(payload, (value) => {
        const text = JSON.stringify(value);
        if (!truncationKeeps(text)) return;
        const parsed: unknown = JSON.parse(text);
        assert.equal(JSON.stringify(truncatePayload(parsed)), text);
        assert.equal(JSON.stringify(replaceImages(parsed)), text);
      }),
      { numRuns: 2000 },
    );
  });

  it("sends images, data URIs and long texts through the full walk", () => {
    for (const image of IMAGES) assert.equal(truncationKeeps(JSON.stringify({ messages: [{ content: image }] })), false, image);
    assert.equal(truncationKeeps(JSON.stringify({ text: "y".repeat(TRUNCATION_SIZE) })), false);
    assert.equal(truncationKeeps(JSON.stringify({ role: "user", content: "Where is my refund?" })), true);
  });
});
