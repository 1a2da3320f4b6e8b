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
// --max-old-space-size=768: the main thread's heap grows 1.5× past what a full collection kept
// instead of 4× (why, and why only the main thread's: scripts/serve.mjs). Options already in
// NODE_OPTIONS come after it, so one of their own wins.
const SERVER_ENV = { MALLOC_MMAP_THRESHOLD_: "131072" };
const SERVER_NODE_OPTIONS = "--max-old-space-size=768";

/** `env` (the caller's, by default) with the server's settings under it. */
export function serverEnv(env = process.env) {
  const nodeOptions = [SERVER_NODE_OPTIONS, env.NODE_OPTIONS].filter(Boolean).join(" ");
  return { ...SERVER_ENV, ...env, NODE_OPTIONS: nodeOptions };
}
