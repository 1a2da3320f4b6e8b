/** Latency sampling: warm-up first, then sequential samples, summarised by percentiles. */

/** Linear-interpolation percentile (p in 0..100) of unsorted values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export type Summary = { p50: number; p99: number; n: number };

export const summarise = (values: readonly number[]): Summary => ({
  p50: percentile(values, 50),
  p99: percentile(values, 99),
  n: values.length,
});

/**
 * Limits that keep a pathological query from stalling the whole run: one request may take
 * `requestMs`, and sampling stops early (after at least 3 samples) once `budgetMs` is spent.
 */
export type Limits = { requestMs: number; budgetMs: number };

export class RequestTimeout extends Error {}

/**
 * A GET that retries once on a network error: after a long in-process phase the server may have
 * closed the idle keep-alive connection the client is about to reuse.
 */
async function get(url: string, limits: Limits): Promise<Response> {
  const attempt = () => fetch(url, { signal: AbortSignal.timeout(limits.requestMs) });
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof DOMException && error.name === "TimeoutError") throw new RequestTimeout(url);
    return attempt();
  }
}

/** Times GET requests (full body read). `urlFor(i)` may vary the page between samples. */
export async function sampleHttp(urlFor: (i: number) => string, samples: number, warmup: number, limits: Limits): Promise<number[]> {
  const times: number[] = [];
  const started = performance.now();
  for (let i = -warmup; i < samples; i++) {
    if (times.length >= 3 && performance.now() - started > limits.budgetMs) break;
    const url = urlFor(i < 0 ? i + warmup : i);
    const t = performance.now();
    const res = await get(url, limits);
    const body = await res.text();
    const ms = performance.now() - t;
    if (res.status !== 200) throw new Error(`GET ${url} → ${res.status}: ${body.slice(0, 300)}`);
    if (i >= 0) times.push(ms);
  }
  return times;
}

/** Times a synchronous function (the in-process SQLite query), within the same budget. */
export function sampleSync(run: (i: number) => void, samples: number, warmup: number, limits: Limits): number[] {
  const times: number[] = [];
  const started = performance.now();
  for (let i = -warmup; i < samples; i++) {
    if (times.length >= 3 && performance.now() - started > limits.budgetMs) break;
    const t = performance.now();
    run(i < 0 ? i + warmup : i);
    const ms = performance.now() - t;
    if (i >= 0) times.push(ms);
  }
  return times;
}
