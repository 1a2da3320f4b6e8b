import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { v7 } from "uuid";
import { startNextServer } from "../support/next-server";

/**
 * Whether answers are gzipped is Next's `compress` setting (next.config.mjs, scripts/listen.mjs),
 * read when the server starts, so this file starts the production build twice. Uncompressed, the
 * server answers the API itself, before Next (scripts/serve.mjs, lib/backend/direct-api.ts);
 * compressed, Next's route handler does: either way an answer has the same headers and body.
 */
type Server = Awaited<ReturnType<typeof startNextServer>>;

const SPAN_ID = v7();
const TRACE_ID = v7();

async function serve(name: string, env: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `spanboard-compress-${name}-`));
  const server = await startNextServer({ SPANBOARD_DB_PATH: path.join(dir, "db.sqlite"), SPANBOARD_SEED_DEMO: "0", ...env });
  // An answer of a few KB: below 1 KB Next sends it as it is either way.
  const res = await fetch(`${server.origin}/api/v1/private/spans`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ id: SPAN_ID, trace_id: TRACE_ID, project_name: "gz", name: "root", start_time: new Date().toISOString(), input: { prompt: "word ".repeat(2000) } }),
  });
  assert.equal(res.status, 201, await res.text());
  const close = async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { server, close };
}

const askingForGzip = (server: Server, p: string) => fetch(`${server.origin}${p}`, { headers: { "accept-encoding": "gzip" } });

for (const [name, env, gzip] of [
  ["on loopback (the default)", {}, false],
  ["with SPANBOARD_COMPRESS=1", { SPANBOARD_COMPRESS: "1" }, true],
] as const) {
  describe(`answers ${name}`, () => {
    let s: Awaited<ReturnType<typeof serve>>;
    before(async () => (s = await serve(gzip ? "on" : "off", env)));
    after(() => s.close());

    it(gzip ? "are gzipped when the client accepts it" : "are sent uncompressed even when the client accepts gzip", async () => {
      for (const p of [`/api/v1/private/spans/${SPAN_ID}`, "/"]) {
        const res = await askingForGzip(s.server, p);
        assert.equal(res.status, 200, p);
        assert.equal(res.headers.get("content-encoding"), gzip ? "gzip" : null, p);
        const body = await res.text();
        assert.ok(body.length > 1024, `${p}: ${body.length} characters`);
      }
    });

    it("carry the API's security headers, and a created span's Location on the host the request named", async () => {
      const API_HEADERS = {
        "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
        "referrer-policy": "same-origin",
      };
      // The list with an escaped query too: only a %-escape in the path goes through Next.
      for (const p of [`/api/v1/private/spans/${SPAN_ID}`, "/api/v1/private/no-such-thing", "/api/v1/private/spans?project_name=gz&filters=%5B%5D"]) {
        const res = await fetch(`${s.server.origin}${p}`);
        await res.arrayBuffer();
        for (const [name, value] of Object.entries(API_HEADERS)) assert.equal(res.headers.get(name), value, `${name} on ${p}`);
        // Next's pipeline marks every answer as varying by its router headers; the direct path does not.
        assert.equal(/\brsc\b/i.test(res.headers.get("vary") ?? ""), gzip, `${p} answered by ${gzip ? "Next" : "the direct path"}`);
      }
      const id = v7();
      const port = new URL(s.server.origin).port;
      const created = await new Promise<{ status: number; location: string | undefined }>((resolve, reject) => {
        const body = JSON.stringify({ id, trace_id: TRACE_ID, project_name: "gz", name: "child", start_time: new Date().toISOString() });
        const req = http.request(`${s.server.origin}/api/v1/private/spans`, { method: "POST", headers: { host: `localhost:${port}`, "content-type": "application/json" } }, (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode!, location: res.headers.location }));
        });
        req.on("error", reject);
        req.end(body);
      });
      assert.equal(created.status, 201);
      assert.equal(created.location, `http://localhost:${port}/api/v1/private/spans/${id}`);
    });

    it("carry the same span either way", async () => {
      const span = (await (await askingForGzip(s.server, `/api/v1/private/spans/${SPAN_ID}`)).json()) as { id: string; input: { prompt: string } };
      assert.equal(span.id, SPAN_ID);
      assert.equal(span.input.prompt, "word ".repeat(2000));
    });
  });
}
