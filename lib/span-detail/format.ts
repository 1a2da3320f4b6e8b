import type { SpanPublic } from "@/lib/opik/client";

/** Display formatting for span numbers: durations, tokens, cost, sizes. Wire values stay untouched. */

export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return "–";
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return `${m} min ${s} s`;
}

export function formatTokens(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return "–";
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

export function formatCost(usd: number | null | undefined): string {
  if (usd == null || !Number.isFinite(usd)) return "–";
  if (usd === 0) return "$0";
  if (usd < 0.01) return `$${usd.toPrecision(2)}`;
  return `$${usd.toFixed(usd < 1 ? 4 : 2)}`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function formatInstant(iso: string | undefined): string {
  if (!iso) return "–";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace("T", " ").replace("Z", " UTC");
}

/** Duration in ms: Opik's `duration` if given, else end − start. */
export function spanDurationMs(span: SpanPublic): number | undefined {
  if (typeof span.duration === "number") return span.duration;
  if (!span.end_time) return undefined;
  const d = Date.parse(span.end_time) - Date.parse(span.start_time);
  return Number.isFinite(d) ? d : undefined;
}

export function totalTokens(span: SpanPublic): number | undefined {
  const u = span.usage;
  if (!u) return undefined;
  if (typeof u.total_tokens === "number") return u.total_tokens;
  const sum = (u.prompt_tokens ?? 0) + (u.completion_tokens ?? 0);
  return sum > 0 ? sum : undefined;
}
