/**
 * Number formats of the stats view, one per unit, so tiles, axes and tooltips agree (and the e2e
 * test can state what a number must look like). en-US grouping, no locale surprises in tests.
 */
const grouped = (digits: number) => new Intl.NumberFormat("en-US", { maximumFractionDigits: digits });
const int = grouped(0);
const two = grouped(2);

export const NOT_REPORTED = "—";

export function formatCount(n: number | undefined): string {
  return n === undefined ? NOT_REPORTED : int.format(n);
}

/** Averages such as tokens per span or tags per span: up to two decimals. */
export function formatNumber(n: number | undefined): string {
  return n === undefined ? NOT_REPORTED : two.format(n);
}

/** 0..1 → "12.5%" (one decimal; "0%" and "100%" without). */
export function formatPercent(ratio: number | undefined): string {
  if (ratio === undefined) return NOT_REPORTED;
  const pct = Math.round(ratio * 1000) / 10;
  return `${pct}%`;
}

/** Milliseconds: "850 ms" below a second (one decimal under 10 ms), "1.25 s" above. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return NOT_REPORTED;
  if (Math.abs(ms) >= 1000) return `${two.format(ms / 1000)} s`;
  if (Math.abs(ms) < 10) return `${grouped(1).format(ms)} ms`;
  return `${int.format(ms)} ms`;
}

/** US dollars with enough decimals for per-call LLM costs ("$0.000123", "$12.35"). */
export function formatUsd(usd: number | undefined): string {
  if (usd === undefined) return NOT_REPORTED;
  if (usd === 0) return "$0";
  const abs = Math.abs(usd);
  const digits = abs >= 1 ? 2 : abs >= 0.01 ? 4 : 6;
  return `$${new Intl.NumberFormat("en-US", { minimumFractionDigits: 0, maximumFractionDigits: digits }).format(usd)}`;
}

/** Compact axis ticks: 1.2K, 3.4M. */
export function formatCompact(n: number): string {
  return new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 }).format(n);
}
