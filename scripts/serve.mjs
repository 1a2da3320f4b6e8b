// The production server (`npm start`, the tests and the benchmark): Next's request handler for
// pages, server actions and assets, and the embedded API's requests answered directly, before Next's
// request pipeline (lib/backend/direct-api.ts, bundled beside the build as embedded-direct.cjs).
// With responses compressed (beyond loopback, scripts/listen.mjs) every request goes through Next,
// which compresses them. Listens on HOST (127.0.0.1) and PORT (3000).
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import http from "node:http";
import path from "node:path";
import v8 from "node:v8";
import { DIRECT_BUNDLE } from "./bundles.mjs";
import { compressResponses, listenHost } from "./listen.mjs";

// Every heap of the process (the main thread's and each worker's) may grow to 1.5× what its last
// full collection kept, not V8's 3–4×. Under the paced load (bench:load --rate 1, four pairs,
// alternating) the resident set went from 591–630 to 448–488 MB, read p99 203, 165, 184 and 323 ms
// against 216, 190, 242 and 325; a fresh million took 8,781 spans/s against 8,132. (Before the
// direct path it had cost read p99 0–110 ms, in session 6.) V8 reads it at every collection.
v8.setFlagsFromString("--heap-growing-percent=50");
// As `next start` does, before Next (and the React it loads) is first imported.
process.env.NODE_ENV = process.env.NODE_ENV || "production";
const { default: next } = await import("next");

const started = performance.now();
const root = path.resolve(import.meta.dirname, "..");
const distDir = path.join(root, process.env.SPANBOARD_DIST_DIR || ".next");
const host = listenHost();
const port = Number(process.env.PORT || "3000");

const app = next({ dev: false, dir: root, hostname: host, port });
await app.prepare();
const handle = app.getRequestHandler();
const directBundle = path.join(distDir, DIRECT_BUNDLE);
const bundled = existsSync(directBundle);
if (!bundled) console.warn(`Spanboard: ${directBundle} is missing (build with \`npm run build\`); the API is served through Next`);
const direct = bundled && !compressResponses() ? createRequire(import.meta.url)(directBundle) : null;
const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

const server = http.createServer((req, res) => {
  if (direct?.servesDirectly(req.url)) {
    direct.serveDirect(req, res, origin).catch((error) => {
      console.error("Spanboard: answering an API request failed", error);
      res.destroy();
    });
    return;
  }
  handle(req, res).catch((error) => {
    console.error("Spanboard: a request failed", error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
server.listen(port, host, () => {
  console.log(`▲ Spanboard on ${origin}\n✓ Ready in ${Math.round(performance.now() - started)}ms`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}
