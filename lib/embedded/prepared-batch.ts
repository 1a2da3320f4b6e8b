import type { SpanTexts } from "./span-indexes";
import type { PreparedSpan } from "./spans-store";

/**
 * A prepared span batch as it travels from the preparer thread to the writer (`v8.serialize`):
 * the rows as objects, and every span's three texts as UTF-8 in one buffer. Strings were ~5 KB per
 * span of the writer's heap and its UTF-16 → UTF-8 conversion for SQLite; one buffer is a single
 * copy each way, and the writer binds slices of it.
 */
export type PackedBatch = {
  spans: Omit<PreparedSpan, "texts">[];
  /** Texts in span order: input, output, search. */
  bytes: Uint8Array;
  /** Per text its [start, end) in `bytes`; start -1 for a null text. */
  bounds: Int32Array;
};

const FIELDS = ["input", "output", "search"] as const;

export function packBatch(prepared: PreparedSpan[]): PackedBatch {
  const parts: Uint8Array[] = [];
  const bounds = new Int32Array(prepared.length * FIELDS.length * 2);
  let at = 0;
  let k = 0;
  for (const { texts } of prepared) {
    for (const field of FIELDS) {
      const text = texts[field];
      if (text === null) {
        bounds[k++] = -1;
        bounds[k++] = -1;
        continue;
      }
      const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : text;
      parts.push(bytes);
      bounds[k++] = at;
      bounds[k++] = (at += bytes.byteLength);
    }
  }
  return { spans: prepared.map(({ texts: _texts, ...span }) => span), bytes: Buffer.concat(parts, at), bounds };
}

export function unpackBatch(packed: PackedBatch): PreparedSpan[] {
  const bytes = Buffer.from(packed.bytes.buffer, packed.bytes.byteOffset, packed.bytes.byteLength);
  const text = (k: number) => (packed.bounds[k]! < 0 ? null : bytes.subarray(packed.bounds[k], packed.bounds[k + 1]));
  return packed.spans.map((span, i) => {
    const k = i * FIELDS.length * 2;
    const texts: SpanTexts = { input: text(k), output: text(k + 2), search: text(k + 4) ?? "" };
    return { ...span, texts };
  });
}
