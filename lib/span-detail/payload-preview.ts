/**
 * A structural preview of a big JSON payload, built on the server so a 5 MB input does not travel to
 * the browser until someone asks for it. The preview keeps the real shape — the same keys, the first
 * items of long arrays, the start of long strings — and records every cut, by JSON pointer (the
 * paths of components/json), with the real size, so the viewer can say "22,000 items" and offer the
 * rest. Small payloads are sent whole.
 */
export type PayloadPreview = {
  /** Characters of the whole value as compact JSON. */
  bytes: number;
  /** JSON pointer → real size of what was cut there: items of an array, keys of an object, characters of a string. */
  cuts: Record<string, number>;
};

export type Previewed = { value: unknown; preview: PayloadPreview | null };

/** Payloads up to this many characters of JSON are sent whole. */
export const PREVIEW_THRESHOLD = 256_000;

type Limits = { budget: number; items: number; keys: number; chars: number };
const LIMITS: Limits = { budget: 48_000, items: 100, keys: 200, chars: 2_000 };

const pointer = (parent: string, key: string | number) =>
  `${parent}/${typeof key === "number" ? key : key.replace(/~/g, "~0").replace(/\//g, "~1")}`;

/**
 * The value itself when its JSON is at most `threshold` characters; otherwise a preview within about
 * `budget` characters. `json` is the value's compact JSON when the caller already has it.
 */
export function previewPayload(value: unknown, options: Partial<Limits> & { threshold?: number; json?: string } = {}): Previewed {
  if (value === undefined || value === null) return { value, preview: null };
  const bytes = (options.json ?? JSON.stringify(value)).length;
  if (bytes <= (options.threshold ?? PREVIEW_THRESHOLD)) return { value, preview: null };
  const limits = { ...LIMITS, ...options };
  const cuts: Record<string, number> = {};
  let left = limits.budget;

  // Depth-first in document order, so the preview is the start of the document; every container
  // still shows (possibly empty) once the budget is spent, and says how much it holds.
  const cut = (v: unknown, path: string): unknown => {
    if (typeof v === "string") {
      const keep = Math.max(0, Math.min(limits.chars, left));
      left -= Math.min(v.length, keep) + 2;
      if (v.length <= keep) return v;
      cuts[path] = v.length;
      return v.slice(0, keep);
    }
    if (v === null || typeof v !== "object") {
      left -= 8;
      return v;
    }
    left -= 2;
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      for (let i = 0; i < v.length && i < limits.items && left > 0; i++) out.push(cut(v[i], pointer(path, i)));
      if (out.length < v.length) cuts[path] = v.length;
      return out;
    }
    const keys = Object.keys(v);
    const out: Record<string, unknown> = {};
    let n = 0;
    for (; n < keys.length && n < limits.keys && left > 0; n++) {
      const k = keys[n]!;
      left -= k.length + 3;
      out[k] = cut((v as Record<string, unknown>)[k], pointer(path, k));
    }
    if (n < keys.length) cuts[path] = keys.length;
    return out;
  };
  return { value: cut(value, ""), preview: { bytes, cuts } };
}
