// Bundles the embedded API's worker thread (lib/embedded/workers/worker.ts) into
// <dist dir>/embedded-worker.cjs, next to the Next build it belongs to. Next does not bundle a
// worker_threads entry, so `npm run build` runs this after `next build` (which empties the dist
// dir first). better-sqlite3 stays external: a native addon is loaded from node_modules at run time.
// `node scripts/build-worker.mjs [outfile]`: tests bundle into a directory of their own.
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
const distDir = process.env.SPANBOARD_DIST_DIR || ".next";
const outfile = path.resolve(process.argv[2] ?? path.join(root, distDir, "embedded-worker.cjs"));

await build({
  entryPoints: [path.join(root, "lib/embedded/workers/worker.ts")],
  outfile,
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
});
console.log(`Embedded API worker bundled: ${path.relative(root, outfile)}`);
