import assert from "node:assert/strict";
import { test } from "node:test";
import { selectPercentiles } from "@/lib/embedded/stats-rollup-select";

/** The reference: sort, then interpolate between the neighbours of index p·(n−1). */
function bySort(values: number[], ps: number[]): number[] {
  const s = [...values].sort((a, b) => a - b);
  return ps.map((p) => {
    const pos = p * (s.length - 1);
    const lo = Math.floor(pos);
    return lo === pos ? s[lo]! : s[lo]! + (s[lo + 1]! - s[lo]!) * (pos - lo);
  });
}

test("percentiles by selection equal those of a full sort, with ties, runs and every small size", () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const ps = [0.5, 0.9, 0.99];
  for (let n = 1; n <= 300; n++) {
    const shapes = [
      Array.from({ length: n }, () => Math.round(rand() * 1e6) / 1e3),
      Array.from({ length: n }, () => Math.floor(rand() * 4)), // many ties
      Array.from({ length: n }, (_, i) => i), // sorted
      Array.from({ length: n }, (_, i) => n - i), // reversed
    ];
    for (const values of shapes) {
      assert.deepEqual(selectPercentiles(Float64Array.from(values), ps, (v) => v), bySort(values, ps), `n=${n} ${values.slice(0, 5)}`);
    }
  }
});

test("an empty set gives zeros and a single value is every percentile", () => {
  assert.deepEqual(selectPercentiles(new Float64Array(0), [0.5, 0.99], (v) => v), [0, 0]);
  assert.deepEqual(selectPercentiles(Float64Array.of(42.5), [0.5, 0.9, 0.99], (v) => v), [42.5, 42.5, 42.5]);
});
