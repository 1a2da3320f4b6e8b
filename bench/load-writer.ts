/**
 * The writer of bench/load.ts, in its own process so generating and encoding 1,000-span batches
 * does not stall the readers' load generator: prints "ready", waits for "go" on stdin, posts
 * batches one after another for the given time, then prints one JSON line of results.
 *
 * The batches are built and encoded before "ready", as bench/ingest.ts does: building one costs
 * ~30–45 µs of CPU per span, taken from the two cores the server and the readers share, where an
 * SDK logging spans would run on machines of its own. Should the run outlast them, more are built
 * as it goes. `clientCpuMs` is this process's CPU time while sending.
 *
 *   tsx bench/load-writer.ts <apiUrl> <durationMs> <projectName> <batchSize>
 */
import { generateBatches } from "@/lib/embedded/seed";
import { httpRequest } from "./http-client";

export type WriterResult = { batches: number; spans: number; errors: number; elapsedMs: number; latenciesMs: number[]; clientCpuMs: number; firstError?: string };

/** Spans per second the ahead-encoded batches cover; under the readers the writer has taken up to ~5,800. */
const AHEAD_SPANS_PER_S = 8_000;

async function main(): Promise<void> {
  const [apiUrl, durationMs, projectName, batchSize] = process.argv.slice(2);
  if (!apiUrl || !durationMs || !projectName || !batchSize) throw new Error("usage: load-writer <apiUrl> <durationMs> <projectName> <batchSize>");
  // Far more than 30 s can take; the generator is lazy, so only what is encoded is built.
  const batches = generateBatches({ projectName, spans: 50_000_000, batchSize: Number(batchSize), seed: 7 });
  const nextBatch = () => {
    const next = batches.next();
    return next.done ? null : { body: new TextEncoder().encode(JSON.stringify({ spans: next.value.spans })), spans: next.value.spans.length };
  };
  const ahead: NonNullable<ReturnType<typeof nextBatch>>[] = [];
  const aheadCount = Math.ceil((Number(durationMs) / 1000) * (AHEAD_SPANS_PER_S / Number(batchSize)));
  while (ahead.length < aheadCount) {
    const batch = nextBatch();
    if (!batch) break;
    ahead.push(batch);
  }
  console.log("ready");
  await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
  process.stdin.destroy(); // an open stdin would keep this process alive after its result

  const result: WriterResult = { batches: 0, spans: 0, errors: 0, elapsedMs: 0, latenciesMs: [], clientCpuMs: 0 };
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const end = started + Number(durationMs);
  while (performance.now() < end) {
    const next = ahead.shift() ?? nextBatch();
    if (!next) break;
    const { body } = next;
    const t0 = performance.now();
    try {
      const res = await httpRequest(`${apiUrl}/v1/private/spans/batch`, { method: "POST", headers: { "content-type": "application/json" }, body });
      if (res.status !== 204) {
        result.errors++;
        result.firstError ??= `${res.status} ${res.body.toString("utf8", 0, 200)}`;
        continue;
      }
    } catch (error) {
      result.errors++;
      result.firstError ??= String(error);
      continue;
    }
    result.latenciesMs.push(performance.now() - t0);
    result.batches++;
    result.spans += next.spans;
  }
  result.elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  result.clientCpuMs = Math.round((cpu.user + cpu.system) / 1000);
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
