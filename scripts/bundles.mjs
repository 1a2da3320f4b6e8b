// The bundles scripts/build-worker.mjs writes beside a Next build: the embedded API's worker
// threads run the first (lib/embedded/workers/serve.ts names it too), the production server
// (scripts/serve.mjs) loads the second.
import { existsSync } from "node:fs";
import path from "node:path";

export const WORKER_BUNDLE = "embedded-worker.cjs";
export const DIRECT_BUNDLE = "embedded-direct.cjs";

/** Whether the build in `distDir` lacks either (a plain `next build` does): scripts/build-worker.mjs makes both. */
export function lacksBundles(distDir) {
  return ![WORKER_BUNDLE, DIRECT_BUNDLE].every((name) => existsSync(path.join(distDir, name)));
}
