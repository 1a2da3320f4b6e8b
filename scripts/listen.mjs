// Where the server listens, and what follows from it. Shared by `npm start` (scripts/start.mjs),
// the server (scripts/serve.mjs) and next.config.mjs, which Next evaluates again when it starts.

/** The address `npm start` binds to: HOST, or loopback. */
export function listenHost(env = process.env) {
  return env.HOST || "127.0.0.1";
}

/**
 * Not lib/opik/loopback.ts: to connect, 0.0.0.0 reaches this machine; to listen on it means every
 * interface.
 */
export function isLoopbackListen(host) {
  return /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/i.test(host);
}

const FLAG = new Map([["1", true], ["true", true], ["on", true], ["yes", true], ["0", false], ["false", false], ["off", false], ["no", false]]);

/**
 * Whether responses are gzipped: SPANBOARD_COMPRESS (lib/env.ts's flag words, in any case), else
 * only when listening beyond loopback. Over loopback the bytes cost nothing to move, while gzip
 * costs the one main thread that renders every page and answers every API request: ~3 ms for a
 * 100-span list answer (15 → 12 ms p50 at 1,000,000 spans), ~2 ms for the projects page.
 * Under `npm run bench:load -- --rate 1`, read p50 was 57–105 ms with it and 35–51 without
 * (five runs each).
 */
export function compressResponses(env = process.env) {
  const raw = (env.SPANBOARD_COMPRESS ?? "").trim().toLowerCase();
  if (raw === "") return !isLoopbackListen(listenHost(env));
  const on = FLAG.get(raw);
  if (on === undefined) throw new Error(`Invalid Spanboard configuration:\n  SPANBOARD_COMPRESS: expected 1, 0, true, false, on, off, yes or no, got "${env.SPANBOARD_COMPRESS}"`);
  return on;
}
