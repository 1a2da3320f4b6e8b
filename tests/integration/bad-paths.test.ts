import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { startNextServer } from "../support/next-server";

/**
 * Addresses Next cannot decode, or would redirect. A page's are turned away in the proxy (proxy.ts),
 * an API path's on the production server's direct path (lib/backend/direct-api.ts), both of which
 * exist only in the production server, so this file always starts it (`npm run build` first).
 */
type Server = Awaited<ReturnType<typeof startNextServer>>;
let server: Server;
let dir: string;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "spanboard-bad-paths-"));
  server = await startNextServer({ SPANBOARD_DB_PATH: path.join(dir, "db.sqlite"), SPANBOARD_SEED_DEMO: "0" });
});
after(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const get = (p: string) => fetch(`${server.origin}${p}`, { redirect: "manual" });

describe("odd API paths", () => {
  // Next would redirect these (collapsing `//`, resolving `%2e%2e`), which sends a client that follows
  // to another resource; the production server answers them itself in Opik's shape.
  it("are answered in Opik's shape, never redirected", async () => {
    const requests: [string, string][] = [
      ["POST", "/api/v1/private/spans//comments/%00"],
      ["GET", "/api/v1/private/spans//comments/%2F"],
      ["PUT", "/api/v1/private/spans/%00//feedback-scores"],
      ["GET", "/api/v1/private/spans/%2e%2e"],
      ["DELETE", "/api/v1/private/spans/%2e%2e/"],
    ];
    for (const [method, p] of requests) {
      const res = await fetch(`${server.origin}${p}`, { method, redirect: "manual", headers: { "content-type": "application/json" }, body: method === "GET" ? undefined : "{}" });
      assert.ok(res.status >= 400 && res.status < 500, `${method} ${p} → ${res.status}`);
      const body = (await res.json()) as { code?: number; errors?: string[] };
      assert.ok(typeof body.code === "number" || Array.isArray(body.errors), `${method} ${p}: ${JSON.stringify(body)}`);
    }
  });
});

describe("a malformed %-escape in the path", () => {
  it("the embedded API answers 400 in Opik's shape", async () => {
    for (const p of ["/api/v1/private/spans/%E0%A4%A", "/api/v1/private/projects/%ZZ", "/api/v1/private/spans/abc%"]) {
      const res = await get(p);
      assert.equal(res.status, 400, p);
      assert.match(res.headers.get("content-type") ?? "", /application\/json/);
      const body = (await res.json()) as { code: number; message: string };
      assert.equal(body.code, 400);
      assert.match(body.message, /malformed %-escape/);
    }
  });

  it("a page answers 400 with a page that says why and links home", async () => {
    for (const p of ["/projects/%E0%A4%A/spans", "/projects/abc%ZZ"]) {
      const res = await get(p);
      assert.equal(res.status, 400, p);
      assert.match(res.headers.get("content-type") ?? "", /text\/html/);
      assert.match(res.headers.get("content-security-policy") ?? "", /default-src 'none'/);
      const html = await res.text();
      assert.match(html, /malformed %-escape/);
      assert.match(html, /href="\/"/);
    }
  });

  it("well-formed escapes still reach the API and the pages", async () => {
    const api = await get("/api/v1/private/spans/%30%31");
    assert.equal(api.status, 404, "an id that does not exist, not a 400");
    assert.equal(((await api.json()) as { code: number }).code, 404);
    const page = await get("/projects/%61bc/spans");
    assert.equal(page.status, 200, "the page renders (and says the project is not found)");
    assert.match(await page.text(), /projectId\\":\\"abc/);
  });
});
