import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { Opik } from "opik";
import { v7 } from "uuid";
import { SESSION_COOKIE, sessionKey, signSession } from "@/lib/auth/session";
import { openDatabase } from "@/lib/embedded/db";
import { upsertScores } from "@/lib/embedded/scores-store";
import { startNextServer } from "../support/next-server";

/**
 * The production server's answer cache (lib/backend/http-cache.ts) exists only in scripts/serve.mjs,
 * so this file always starts the production build (`npm run build` first), in either test mode. An
 * answer from memory carries `x-spanboard-cache: hit`.
 */
type Server = Awaited<ReturnType<typeof startNextServer>> & { dbPath: string; stop(): Promise<void> };
const P = "/api/v1/private";
const HIT = "x-spanboard-cache";

async function serve(env: Record<string, string> = {}): Promise<Server> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spanboard-cache-"));
  const dbPath = path.join(dir, "test.sqlite");
  const server = await startNextServer({ SPANBOARD_DB_PATH: dbPath, SPANBOARD_SEED_DEMO: "0", ...env });
  return {
    ...server,
    dbPath,
    stop: async () => {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function newSpan(s: Server, projectName: string, headers: Record<string, string> = {}): Promise<string> {
  const id = v7();
  const res = await fetch(`${s.origin}${P}/spans`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ id, trace_id: v7(), project_name: projectName, name: "root", start_time: new Date().toISOString() }),
  });
  assert.equal(res.status, 201, await res.text());
  return id;
}

const nonceOf = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];

describe("the answer cache, on the embedded default", () => {
  let s: Server;
  before(async () => (s = await serve()));
  after(() => s.stop());
  const get = (p: string, headers: Record<string, string> = {}, method = "GET") => fetch(`${s.origin}${p}`, { method, headers, redirect: "manual" });

  it("answers a read asked again before any commit from memory, with the same status, headers and body", async () => {
    const id = await newSpan(s, "again");
    const first = await get(`${P}/spans/${id}`);
    const second = await get(`${P}/spans/${id}`);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get(HIT), null);
    assert.equal(second.headers.get(HIT), "hit");
    assert.equal(second.status, 200);
    for (const name of ["content-type", "content-security-policy", "x-content-type-options"]) assert.equal(second.headers.get(name), first.headers.get(name), name);
    assert.deepEqual(await second.json(), await first.json());
  });

  it("answers afresh after a span logged by the opik SDK: the list the SDK's client asks next has it", async () => {
    const projectName = `sdk-${v7()}`;
    await newSpan(s, projectName);
    const list = `${P}/spans?${new URLSearchParams({ project_name: projectName })}`;
    await get(list);
    const cached = await get(list);
    assert.equal(cached.headers.get(HIT), "hit");
    assert.equal((await cached.json()).total, 1);

    const client = new Opik({ apiUrl: `${s.origin}/api`, projectName, workspaceName: "default" });
    const trace = client.trace({ name: "run", input: { q: "hi" } });
    trace.span({ name: "logged-by-sdk", type: "llm" }).end();
    trace.end();
    await client.flush();

    const after = await get(list);
    assert.equal(after.headers.get(HIT), null);
    const body = await after.json();
    assert.equal(body.total, 2);
    assert.ok(body.content.some((span: { name: string }) => span.name === "logged-by-sdk"));
  });

  it("answers afresh after another process commits to the database file", async () => {
    const id = await newSpan(s, "outside");
    await get(`${P}/spans/${id}`);
    assert.equal((await get(`${P}/spans/${id}`)).headers.get(HIT), "hit");
    const db = openDatabase(s.dbPath);
    try {
      const projectPk = (db.prepare("SELECT project_pk FROM spans WHERE id = ?").pluck().get(id) as number);
      upsertScores(db, "span", [{ entityId: id, projectPk, name: "written-outside", value: 1, source: "sdk", author: "zoe" }]);
    } finally {
      db.close();
    }
    const res = await get(`${P}/spans/${id}`);
    assert.equal(res.headers.get(HIT), null);
    assert.deepEqual((await res.json()).feedback_scores.map((f: { name: string }) => f.name), ["written-outside"]);
  });

  it("gives a page from memory a fresh CSP nonce, in its header and in every place of its HTML", async () => {
    await newSpan(s, "pages");
    const first = await get("/");
    const firstHtml = await first.text();
    const second = await get("/");
    const secondHtml = await second.text();
    assert.equal(second.headers.get(HIT), "hit");
    const [n1, n2] = [nonceOf(first), nonceOf(second)];
    assert.ok(n1 && n2 && n1 !== n2, `${n1} ${n2}`);
    assert.equal(secondHtml.includes(n1), false);
    const places = firstHtml.split(n1).length - 1;
    assert.ok(places >= 3, `the nonce is in ${places} places`);
    assert.equal(secondHtml.split(n2).length - 1, places);
    assert.equal(secondHtml.replaceAll(n2, "N"), firstHtml.replaceAll(n1, "N"));
    assert.ok(secondHtml.includes(`nonce="${n2}"`));
    // Next's preload header names the nonce as well.
    const link = second.headers.get("link") ?? "";
    assert.ok(link.includes(`nonce="${n2}"`) && !link.includes(n1), link);
  });

  it("shows a write on the next page asked, and after a commit one request renders it while the others wait for that page", async () => {
    await get("/");
    assert.equal((await get("/")).headers.get(HIT), "hit");
    const projectName = `new-${v7()}`;
    const created = await fetch(`${s.origin}${P}/projects`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: projectName }) });
    assert.equal(created.status, 201);
    const pages = await Promise.all(Array.from({ length: 8 }, () => get("/")));
    const htmls = await Promise.all(pages.map((r) => r.text()));
    assert.deepEqual(pages.map((r) => r.status), Array(8).fill(200));
    assert.equal(pages.filter((r) => r.headers.get(HIT) === null).length, 1, "rendered once");
    for (const html of htmls) assert.ok(html.includes(projectName));
    const made = htmls[pages.findIndex((r) => r.headers.get(HIT) === null)]!;
    const madeNonce = nonceOf(pages.find((r) => r.headers.get(HIT) === null)!)!;
    pages.forEach((r, i) => assert.equal(htmls[i]!.replaceAll(nonceOf(r)!, "N"), made.replaceAll(madeNonce, "N")));
  });

  it("keeps no navigation, prefetch, action, reload asking for no cache, HEAD, error or health check", async () => {
    const id = await newSpan(s, "not-kept");
    const cases: [string, Record<string, string>, string?][] = [
      ["/", { rsc: "1" }],
      ["/", { "next-router-prefetch": "1", rsc: "1" }],
      ["/", { "cache-control": "no-cache" }],
      ["/", { pragma: "no-cache" }],
      ["/", {}, "HEAD"],
      [`${P}/spans/${v7()}`, {}],
      [`${P}/spans/${id}`, { "comet-workspace": "elsewhere" }],
      ["/healthz", {}],
    ];
    for (const [p, headers, method] of cases) {
      await get(p, headers, method);
      const again = await get(p, headers, method);
      assert.equal(again.headers.get(HIT), null, `${method ?? "GET"} ${p} ${JSON.stringify(headers)}`);
    }
  });

  it("keys an answer by the workspace it was asked in", async () => {
    const id = await newSpan(s, "workspaces");
    await get(`${P}/spans/${id}`);
    assert.equal((await get(`${P}/spans/${id}`)).status, 200);
    const elsewhere = await get(`${P}/spans/${id}`, { "comet-workspace": "elsewhere" });
    assert.equal(elsewhere.status, 404);
    assert.deepEqual(await elsewhere.json(), { code: 404, message: "Workspace not found" });
  });
});

describe("the answer cache with a password and an API key", () => {
  const PASSWORD = `pw-${v7()}`;
  const SECRET = "s".repeat(40);
  let s: Server;
  before(async () => (s = await serve({ SPANBOARD_PASSWORD: PASSWORD, SPANBOARD_SESSION_SECRET: SECRET })));
  after(() => s.stop());
  const get = (p: string, headers: Record<string, string> = {}) => fetch(`${s.origin}${p}`, { headers, redirect: "manual" });

  it("gives an answer only to a request that would have been given it: same key, same session", async () => {
    const id = await newSpan(s, "guarded", { authorization: PASSWORD });
    await get(`${P}/spans/${id}`, { authorization: PASSWORD });
    assert.equal((await get(`${P}/spans/${id}`, { authorization: PASSWORD })).headers.get(HIT), "hit");
    const without = await get(`${P}/spans/${id}`);
    assert.equal(without.status, 401);
    assert.deepEqual(await without.json(), { code: 401, message: "API key should be provided" });
    assert.equal((await get(`${P}/spans/${id}`, { authorization: `${PASSWORD}x` })).status, 401);

    const session = { cookie: `${SESSION_COOKIE}=${signSession(sessionKey(PASSWORD, SECRET))}` };
    await get("/", session);
    const page = await get("/", session);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get(HIT), "hit");
    const signedOut = await get("/");
    assert.equal(signedOut.status, 307);
    assert.equal(signedOut.headers.get("location"), "/login");
    const forged = await get("/", { cookie: `${session.cookie}x` });
    assert.equal(forged.status, 307);
  });
});

describe("with SPANBOARD_RESPONSE_CACHE=0", () => {
  let s: Server;
  before(async () => (s = await serve({ SPANBOARD_RESPONSE_CACHE: "0" })));
  after(() => s.stop());

  it("every request is rendered or read afresh", async () => {
    const id = await newSpan(s, "off");
    for (const p of ["/", `${P}/spans/${id}`]) {
      await fetch(`${s.origin}${p}`);
      const again = await fetch(`${s.origin}${p}`);
      assert.equal(again.status, 200);
      assert.equal(again.headers.get(HIT), null, p);
    }
  });
});
