/**
 * The writer of bench/load.ts, in its own process so generating and encoding 1,000-span batches
 * does not stall the readers' load generator: prints "ready", waits for "go" on stdin, posts
 * batches one after another for the given time, then prints one JSON line of results.
 *
 *   tsx bench/load-writer.ts <apiUrl> <durationMs> <projectName> <batchSize>
 */
import { generateBatches } from "@/lib/embedded/seed";

export type WriterResult = { batches: number; spans: number; errors: number; elapsedMs: number; latenciesMs: number[]; firstError?: string };

async function main(): Promise<void> {
  const [apiUrl, durationMs, projectName, batchSize] = process.argv.slice(2);
  if (!apiUrl || !durationMs || !projectName || !batchSize) throw new Error("usage: load-writer <apiUrl> <durationMs> <projectName> <batchSize>");
  // Far more than 30 s can take; the generator is lazy, so only what is sent is built.
  const batches = generateBatches({ projectName, spans: 50_000_000, batchSize: Number(batchSize), seed: 7 });
  const first = batches.next();
  console.log("ready");
  await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
  process.stdin.destroy(); // an open stdin would keep this process alive after its result

  const result: WriterResult = { batches: 0, spans: 0, errors: 0, elapsedMs: 0, latenciesMs: [] };
  const started = performance.now();
  const end = started + Number(durationMs);
  for (let next = first; !next.done && performance.now() < end; next = batches.next()) {
    const body = JSON.stringify({ spans: next.value.spans });
    const t0 = performance.now();
    try {
      const res = await fetch(`${apiUrl}/v1/private/spans/batch`, { method: "POST", headers: { "content-type": "application/json" }, body });
      const text = await res.text();
      if (res.status !== 204) {
        result.errors++;
        result.firstError ??= `${res.status} ${text.slice(0, 200)}`;
        continue;
      }
    } catch (error) {
      result.errors++;
      result.firstError ??= String(error);
      continue;
    }
    result.latenciesMs.push(performance.now() - t0);
    result.batches++;
    result.spans += next.value.spans.length;
  }
  result.elapsedMs = performance.now() - started;
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
