import { parseInstant } from "@/lib/opik/instant";

/**
 * Opik's batch de-duplication (recent SpanService.dedupSpans): per id the item with the later
 * `last_updated_at` is kept; items lacking an id or a `last_updated_at` are all kept.
 */
export function latestPerId<T extends { id?: string | null; last_updated_at?: string | null }>(items: T[]): T[] {
  const latest = new Map<string, T>();
  const kept: T[] = [];
  for (const item of items) {
    if (!item.id || !item.last_updated_at) {
      kept.push(item);
      continue;
    }
    const key = item.id.toLowerCase();
    const prev = latest.get(key);
    if (!prev || parseInstant(item.last_updated_at)! >= parseInstant(prev.last_updated_at!)!) latest.set(key, item);
  }
  return [...kept, ...latest.values()];
}
