// The environment the production server (scripts/serve.mjs) runs with, from `npm start`
// (scripts/start.mjs), the tests and the benchmark (tests/support/next-server.ts), so memory is
// measured as it is run.
//
// MALLOC_MMAP_THRESHOLD_: glibc hands out every allocation of 128 KB or more (request bodies,
// prepared batches) as its own mapping and gives it back when freed. By default that threshold
// rises to the largest block freed so far, after which megabyte-sized batches pile up in the
// worker threads' malloc arenas: ~165 MB of them after a 100,000-span ingest, ~75 MB with the
// fixed threshold (resident set 444 → 387 MB, same ingest speed).
//
// --max-old-space-size=1024: the main thread's heap grows at most 1.6× past what a full collection
// kept instead of 4× (why, and why only the main thread's: scripts/serve.mjs). Its live heap is
// ~50–65 MB under load; the largest thing it parses is a server action's body (16 MB at most).
// Options already in NODE_OPTIONS come after it, so one of their own wins.
const SERVER_ENV = { MALLOC_MMAP_THRESHOLD_: "131072" };
const MAIN_HEAP_CAP = "--max-old-space-size=1024";

/** `env` (the caller's, by default) with the server's settings under it. */
export function serverEnv(env = process.env) {
  // With SPANBOARD_READ_WORKERS=0 the main thread parses the API's request bodies itself, up to
  // SPANBOARD_MAX_BODY_MB (64), so it keeps V8's default cap: at 768 MB a 57 MB batch of 20 million
  // empty objects ran it out of heap and the process aborted. (lib/env.ts reads the variable as a
  // number, so an empty value is 0 there too.)
  const inline = env.SPANBOARD_READ_WORKERS !== undefined && Number(env.SPANBOARD_READ_WORKERS) === 0;
  const nodeOptions = [inline ? "" : MAIN_HEAP_CAP, env.NODE_OPTIONS].filter(Boolean).join(" ");
  return { ...SERVER_ENV, ...env, NODE_OPTIONS: nodeOptions };
}
