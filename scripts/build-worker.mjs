// Bundles the embedded API's worker thread (lib/embedded/workers/worker.ts) into
// <dist dir>/embedded-worker.cjs, next to the Next build it belongs to, and the server's direct
// path to the API (lib/backend/direct-api.ts) into embedded-direct.cjs beside it. Next does not bundle a
// worker_threads entry, so `npm run build` runs this after `next build` (which empties the dist
// dir first). better-sqlite3 stays external: a native addon is loaded from node_modules at run time.
// `node scripts/build-worker.mjs [outfile]`: tests bundle into a directory of their own.
import path from "node:path";
import { build } from "esbuild";
import { DIRECT_BUNDLE, WORKER_BUNDLE } from "./bundles.mjs";

const root = path.resolve(import.meta.dirname, "..");
const distDir = process.env.SPANBOARD_DIST_DIR || ".next";
const outfile = path.resolve(process.argv[2] ?? path.join(root, distDir, WORKER_BUNDLE));

const options = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  external: ["better-sqlite3"],
  tsconfig: path.join(root, "tsconfig.json"),
  define: { "process.env.NODE_ENV": '"production"' },
  minify: false,
  sourcemap: "linked",
  logLevel: "warning",
};
await build({ ...options, entryPoints: [path.join(root, "lib/embedded/workers/worker.ts")], outfile });
console.log(`Embedded API worker bundled: ${path.relative(root, outfile)}`);
// The production server's direct path to the API (scripts/serve.mjs, lib/backend/direct-api.ts), beside it.
const direct = path.join(path.dirname(outfile), DIRECT_BUNDLE);
await build({ ...options, entryPoints: [path.join(root, "lib/backend/direct-api.ts")], outfile: direct });
console.log(`Embedded API direct path bundled: ${path.relative(root, direct)}`);
