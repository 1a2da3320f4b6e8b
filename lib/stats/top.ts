import { TOP_N, type TopEntry } from "./inputs";

/** The `n` most frequent non-empty values, most frequent first, ties by name. */
export function top(values: readonly (string | null | undefined)[], n = TOP_N): TopEntry[] {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, n);
}
