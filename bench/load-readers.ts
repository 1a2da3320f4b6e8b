/**
 * Readers with think time: each reader sends one request, waits for the whole answer, then thinks
 * for a random, exponentially distributed while (mean 1/rate s) before the next, like a person
 * clicking through the dashboard. Readers start at random moments within their first think time.
 *
 * Not autocannon's `overallRate`: that resets every connection's allowance on a one-second timer
 * started at the same moment for all of them, so all readers fire together at each second's start,
 * a burst of the whole population fifty times a minute rather than a steady stream.
 */
import { httpRequest } from "./http-client";

export type PacedRequest = { method: "GET"; path: string };

/** `fromMemory`: answers the server's answer cache gave (lib/backend/http-cache.ts). */
export type PacedResult = { latencies: number[]; errors: number; timeouts: number; non2xx: number; total: number; fromMemory: number; firstBad?: string };

const thinkMs = (rate: number) => (-Math.log(1 - Math.random()) / rate) * 1000;
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runPacedReaders(origin: string, requests: PacedRequest[], readers: number, durationS: number, rate: number, timeoutS: number): Promise<PacedResult> {
  const out: PacedResult = { latencies: [], errors: 0, timeouts: 0, non2xx: 0, total: 0, fromMemory: 0 };
  const end = performance.now() + durationS * 1000;
  let next = 0;
  const reader = async () => {
    await pause(Math.random() * thinkMs(rate));
    while (performance.now() < end) {
      const request = requests[next++ % requests.length]!;
      const started = performance.now();
      const signal = AbortSignal.timeout(timeoutS * 1000);
      try {
        const res = await httpRequest(origin + request.path, { method: request.method, signal });
        out.latencies.push(performance.now() - started);
        if (res.headers["x-spanboard-cache"] === "hit") out.fromMemory++;
        if (res.status >= 300) {
          out.non2xx++;
          out.firstBad ??= `HTTP ${res.status} for ${request.path}`;
        }
      } catch (error) {
        const timedOut = signal.aborted;
        if (timedOut) out.timeouts++;
        out.errors++;
        // A failed request counts at least what it cost, so failures cannot flatter the percentiles.
        out.latencies.push(timedOut ? timeoutS * 1000 : performance.now() - started);
        out.firstBad ??= error instanceof Error ? error.message : String(error);
      }
      out.total++;
      await pause(thinkMs(rate));
    }
  };
  await Promise.all(Array.from({ length: readers }, reader));
  return out;
}
