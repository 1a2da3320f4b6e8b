import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { startNextServer } from "../support/next-server";

/**
 * Addresses Next cannot decode. They are turned away in the proxy (proxy.ts), which only exists
 * inside a Next server, so this file always starts the production build (`npm run build` first).
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
