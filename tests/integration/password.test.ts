import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { Opik } from "opik";
import { v7 } from "uuid";
import { sessionKey, signSession, SESSION_COOKIE } from "@/lib/auth/session";
import { startNextServer } from "../support/next-server";

/**
 * SPANBOARD_PASSWORD, end to end over HTTP. The gate is Next's proxy (proxy.ts), which only exists
 * inside a Next server, so this file always starts the production build (`npm run build` first), in
 * either test mode. A configured SPANBOARD_SESSION_SECRET lets the tests sign cookies themselves.
 */
const PASSWORD = `pw-${v7()}`;
const SECRET = "s".repeat(40);
const UNAUTHENTICATED = { code: 401, message: "Sign in first: this Spanboard is password protected" };

type Server = Awaited<ReturnType<typeof startNextServer>>;
let server: Server;
let dir: string;
let client = 0;

/** A fresh client address per test, so the brute-force brake of one test does not slow another. */
const newClient = () => `10.0.${Math.floor(++client / 250)}.${client % 250}`;

function get(p: string, headers: Record<string, string> = {}) {
  return fetch(`${server.origin}${p}`, { redirect: "manual", headers });
}

function login(password: string, next?: string, headers: Record<string, string> = {}) {
  const body = new URLSearchParams({ password, ...(next === undefined ? {} : { next }) });
  return fetch(`${server.origin}/login/submit`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: server.origin, "x-forwarded-for": newClient(), ...headers },
    body,
  });
}

function cookieOf(res: Response): string {
  const set = res.headers.get("set-cookie") ?? "";
  const m = new RegExp(`${SESSION_COOKIE}=([^;]*)`).exec(set);
  assert.ok(m, `a session cookie was set: ${set}`);
  return m[1]!;
}

const withCookie = (value: string) => ({ cookie: `${SESSION_COOKIE}=${value}` });
const apiHeaders = { authorization: PASSWORD, "content-type": "application/json" };

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "spanboard-password-"));
  server = await startNextServer({
    SPANBOARD_DB_PATH: path.join(dir, "test.sqlite"),
    SPANBOARD_SEED_DEMO: "0",
    SPANBOARD_PASSWORD: PASSWORD,
    SPANBOARD_SESSION_SECRET: SECRET,
  });
});
after(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("with SPANBOARD_PASSWORD set", () => {
  it("sends a page request without a session to the login page, keeping the path; /healthz stays open", async () => {
    const res = await get("/projects/abc/spans?size=50");
    assert.equal(res.status, 307);
    assert.equal(res.headers.get("location"), `/login?${new URLSearchParams({ next: "/projects/abc/spans?size=50" })}`);
    assert.equal((await get("/")).headers.get("location"), "/login");
    const health = await get("/healthz");
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { ok: true });
  });

  it("serves the login form with a nonce-based CSP that its scripts carry", async () => {
    const res = await get("/login?next=%2Fsetup");
    assert.equal(res.status, 200);
    const csp = res.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce, csp);
    const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
    assert.match(scriptSrc, /'nonce-[^']+'/);
    assert.doesNotMatch(scriptSrc, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers.get("x-frame-options"), "DENY");
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    const html = await res.text();
    assert.match(html, /<input[^>]*name="next"[^>]*value="\/setup"/);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.ok(scripts.length > 0);
    for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonce}"`), `script without this request's nonce: ${tag}`);
  });

  it("a wrong password: back to the form with one message, no cookie", async () => {
    const res = await login("not-the-password", "/setup");
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), `/login?error=wrong&next=%2Fsetup`);
    assert.equal(res.headers.get("set-cookie"), null);
    const page = await (await get("/login?error=wrong&next=%2Fsetup")).text();
    assert.match(page, /role="alert"[^>]*>Wrong password\. Try again\.</);
  });

  it("the right password: an HttpOnly SameSite cookie, then the intended page and the dashboard's own API calls work", async () => {
    const project = `pw-${v7()}`;
    const created = await fetch(`${server.origin}/api/v1/private/spans/batch`, {
      method: "POST",
      headers: apiHeaders,
      body: JSON.stringify({ spans: [{ id: v7(), trace_id: v7(), project_name: project, name: "s", type: "general", start_time: new Date().toISOString() }] }),
    });
    assert.equal(created.status, 204, await created.text());

    const res = await login(PASSWORD, "/?name=x");
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/?name=x");
    const set = res.headers.get("set-cookie") ?? "";
    assert.match(set, /HttpOnly/i);
    assert.match(set, /SameSite=Lax/i);
    assert.match(set, /Path=\//);
    const home = await get("/", withCookie(cookieOf(res)));
    assert.equal(home.status, 200);
    assert.ok((await home.text()).includes(project), "the page's server-side client sent the password as the embedded API's key");
  });

  it("the embedded API: 401 in Opik's shape without the key, 200 with the password as key", async () => {
    const missing = await get("/api/v1/private/projects");
    assert.equal(missing.status, 401);
    assert.deepEqual(await missing.json(), { code: 401, message: "API key should be provided" });
    const wrong = await get("/api/v1/private/projects", { authorization: "nope" });
    assert.deepEqual([wrong.status, await wrong.json()], [401, { code: 401, message: "User not allowed to access workspace!" }]);
    // A session cookie is for pages, not for the API.
    const cookie = signSession(sessionKey(PASSWORD, SECRET));
    assert.equal((await get("/api/v1/private/projects", withCookie(cookie))).status, 401);
    for (const authorization of [PASSWORD, `Bearer ${PASSWORD}`]) {
      const ok = await get("/api/v1/private/projects", { authorization });
      assert.equal(ok.status, 200);
      assert.ok(Array.isArray(((await ok.json()) as { content: unknown[] }).content));
    }
  });

  it("the official opik SDK logs and reads with the password as its API key", async () => {
    const projectName = `pw-sdk-${v7()}`;
    const client = new Opik({ apiUrl: `${server.origin}/api`, projectName, workspaceName: "default", apiKey: PASSWORD });
    const trace = client.trace({ name: "run", input: { q: "hi" } });
    trace.span({ name: "call_llm", type: "llm", model: "gpt-4o" }).end();
    trace.end();
    await client.flush();
    const page = await client.api.spans.getSpansByProject({ projectName, size: 10 });
    assert.deepEqual(page.content?.map((s) => s.name), ["call_llm"]);
  });

  it("a server action without a session answers 401 and does nothing; with one it runs", async () => {
    const spanId = v7();
    const project = `pw-act-${v7()}`;
    const body = JSON.stringify({ spans: [{ id: spanId, trace_id: v7(), project_name: project, name: "s", type: "general", start_time: new Date().toISOString() }] });
    assert.equal((await fetch(`${server.origin}/api/v1/private/spans/batch`, { method: "POST", headers: apiHeaders, body })).status, 204);
    const actionId = serverActionId("addSpanComment");
    const call = (headers: Record<string, string>) =>
      fetch(`${server.origin}/`, {
        method: "POST",
        redirect: "manual",
        headers: { "next-action": actionId, "content-type": "text/plain;charset=UTF-8", origin: server.origin, accept: "text/x-component", ...headers },
        body: JSON.stringify([{ span_id: spanId, text: "written by an action" }]),
      });
    const comments = async () => ((await (await get(`/api/v1/private/spans/${spanId}`, { authorization: PASSWORD })).json()) as { comments?: unknown[] }).comments ?? [];

    for (const headers of [{}, withCookie("123.abc"), withCookie(`${signSession(sessionKey("another-password", SECRET))}`)]) {
      const denied = await call(headers);
      assert.equal(denied.status, 401);
      assert.deepEqual(await denied.json(), UNAUTHENTICATED);
    }
    assert.equal((await comments()).length, 0, "no denied call wrote anything");

    const allowed = await call(withCookie(signSession(sessionKey(PASSWORD, SECRET))));
    assert.equal(allowed.status, 200, await allowed.clone().text());
    await allowed.text();
    assert.equal((await comments()).length, 1, "the signed-in call ran the action");
  });

  it("a tampered, re-dated, foreign or expired cookie is no session", async () => {
    const key = sessionKey(PASSWORD, SECRET);
    const good = signSession(key);
    assert.equal((await get("/setup", withCookie(good))).status, 200, "the test signs cookies as the server does");
    const [expires, mac] = good.split(".") as [string, string];
    const flipped = `${mac.slice(0, 10)}${mac[10] === "A" ? "B" : "A"}${mac.slice(11)}`;
    const day = 24 * 3600_000;
    for (const value of [
      `${expires}.${flipped}`,
      `${Number(expires) + 3600}.${mac}`,
      signSession(sessionKey(PASSWORD, "t".repeat(40))),
      signSession(sessionKey(`${PASSWORD}x`, SECRET)),
      signSession(key, Date.now() - 8 * day),
      `${expires}.`,
      "",
      `${good}.${mac}`,
    ]) {
      const res = await get("/setup", withCookie(value));
      assert.equal(res.status, 307, value);
      assert.match(res.headers.get("location") ?? "", /^\/login\?next=%2Fsetup$/);
    }
  });

  it("never redirects off the site after signing in", async () => {
    for (const next of ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "/\n/evil.example", "\t//evil.example", "/login", "http:/evil.example"]) {
      const res = await login(PASSWORD, next);
      assert.equal(res.status, 303, next);
      assert.equal(res.headers.get("location"), "/", next);
    }
    // An escaped newline is just a path on this site, and stays one.
    assert.equal((await login(PASSWORD, "/%0a/evil.example")).headers.get("location"), "/%0a/evil.example");
    const cookie = withCookie(signSession(sessionKey(PASSWORD, SECRET)));
    const signedIn = await get(`/login?${new URLSearchParams({ next: "//evil.example" })}`, cookie);
    assert.equal(signedIn.headers.get("location"), "/");
    assert.equal((await get(`/login?${new URLSearchParams({ next: "/setup?a=1#x" })}`, cookie)).headers.get("location"), "/setup?a=1#x");
  });

  it("refuses a sign-in or sign-out posted from another site", async () => {
    assert.equal((await login(PASSWORD, "/", { origin: "https://evil.example" })).status, 403);
    const out = await fetch(`${server.origin}/logout`, { method: "POST", redirect: "manual", headers: { origin: "https://evil.example", ...withCookie(signSession(sessionKey(PASSWORD, SECRET))) } });
    assert.equal(out.status, 403);
  });

  it("signing out clears the cookie", async () => {
    const res = await fetch(`${server.origin}/logout`, { method: "POST", redirect: "manual", headers: { origin: server.origin } });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/login?signedOut=1");
    assert.match(res.headers.get("set-cookie") ?? "", new RegExp(`^${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly`));
  });

  it("brakes guessing: after 5 wrong passwords a client gets 429 with Retry-After, even with the right one", async () => {
    const address = newClient();
    const from = { "x-forwarded-for": address };
    for (let i = 0; i < 5; i++) assert.equal((await login(`guess-${i}`, undefined, from)).status, 303, `guess ${i}`);
    const locked = await login("guess-5", undefined, from);
    assert.equal(locked.status, 429);
    assert.equal(locked.headers.get("retry-after"), "30");
    assert.match(await locked.text(), /Too many wrong passwords\. Try again in 30 s\./);
    const right = await login(PASSWORD, undefined, from);
    assert.equal(right.status, 429, "a locked client is not even checked");
    assert.equal(right.headers.get("set-cookie"), null);
    assert.equal((await login(PASSWORD)).status, 303, "another client is not affected");
  });
});

describe("the brake without X-Forwarded-For", () => {
  it("keys a direct client on its socket address, not on one bucket shared by everyone", async () => {
    const direct = () =>
      fetch(`${server.origin}/login/submit`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: server.origin },
        body: new URLSearchParams({ password: "wrong-guess" }),
      });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await direct()).status);
    assert.deepEqual(statuses, [303, 303, 303, 303, 303, 429]);
    // The proxy-side fallback bucket ("unknown") is not the one that got locked.
    assert.equal((await login(PASSWORD, undefined, { "x-forwarded-for": "unknown" })).status, 303);
  });
});

describe("without SPANBOARD_PASSWORD (the default)", () => {
  let open: Server;
  let openDir: string;
  before(async () => {
    openDir = fs.mkdtempSync(path.join(os.tmpdir(), "spanboard-open-"));
    const env = { SPANBOARD_DB_PATH: path.join(openDir, "test.sqlite"), SPANBOARD_SEED_DEMO: "0", SPANBOARD_PASSWORD: "" };
    open = await startNextServer(env);
  });
  after(async () => {
    await open.close();
    fs.rmSync(openDir, { recursive: true, force: true });
  });

  it("pages, API and actions need nothing; pages still get the CSP; /login goes home", async () => {
    const home = await fetch(`${open.origin}/`, { redirect: "manual" });
    assert.equal(home.status, 200);
    assert.match(home.headers.get("content-security-policy") ?? "", /script-src 'self' 'nonce-[^']+' 'strict-dynamic';/);
    assert.equal((await fetch(`${open.origin}/api/v1/private/projects`)).status, 200);
    const loginPage = await fetch(`${open.origin}/login`, { redirect: "manual" });
    assert.equal(loginPage.status, 307);
    assert.equal(loginPage.headers.get("location"), "/");
  });
});

/** The id Next gave a server action in this build (the browser learns it from the page's JS). */
function serverActionId(name: string): string {
  const dist = process.env.SPANBOARD_DIST_DIR || ".next";
  const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../..", dist, "server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const id = Object.entries(manifest.node).find(([, v]) => v.exportedName === name)?.[0];
  assert.ok(id, `server action ${name} is in the build`);
  return id;
}
