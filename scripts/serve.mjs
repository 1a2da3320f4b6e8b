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

// V8 lets a heap grow past what its last full collection kept by a factor whose ceiling it scales
// with the heap's cap: 4× at the default cap, 1.6× at 1,024 MB, 1.5× at 768. `npm start` and the
// tests start this process with a 1,024 MB cap (NODE_OPTIONS, scripts/server-env.mjs), so the main
// thread's heap, where Next renders pages, stays small (~110 MB committed under load at 768, against
// 180–245 uncapped). The worker threads start after this line and take V8's default cap, so the
// preparer and the writer keep the 4× that bulk ingest runs faster with. This replaced a
// process-wide 1.5× (--heap-growing-percent, which V8 applies to every heap); measured with a 768 MB
// cap, alternating with it: 200,000 spans into a new file 10,864, 11,077 and 11,394 spans/s against
// 10,420, 10,483 and 10,731 (half the full collections); the benchmark's fresh 300,000, 10,759 and
// 10,689 against 9,157 and 9,449; paced load (bench:load --rate 1, with --trace-gc on) resident set
// 467 and 475 MB against 482 and 447, read p99 115 and 99 ms against 162 and 189, writer 5,726 and
// 5,751 spans/s against 5,218 and 4,932. A fresh million, one pair: 9,159 against 9,106 (there the
// writer sets the rate). With SPANBOARD_READ_WORKERS=0 no cap is set (scripts/server-env.mjs).
v8.setFlagsFromString("--max-old-space-size=0");
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

// Pages and API reads asked again before the next commit, from memory (lib/backend/http-cache.ts);
// it keeps what it is sent, so it needs the uncompressed answers the direct path goes with.
const cache = direct?.httpCache() ?? null;

const server = http.createServer((req, res) => {
  if (cache) cache.answer(req, res, () => route(req, res));
  else route(req, res);
});

function route(req, res) {
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
}

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
