import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";
import { v7 } from "uuid";
import { resetEnv } from "@/lib/env";
import { createOpikClient } from "@/lib/opik/client";
import { resolveOpikConfig } from "@/lib/opik/config";
import { OpikError } from "@/lib/opik/errors";
import { api, qs } from "../support/api";
import { startServer, type TestServer } from "../support/server";

/**
 * SPANBOARD_API_KEY: the embedded API asks for a key the way Opik Cloud does (opik-spans-api.md §1.1).
 * The harness reads process.env when it starts a server (in-process, or as `next start`'s environment).
 */
const KEY = `sb-${v7()}`;
const WRONG = { code: 401, message: "User not allowed to access workspace!" };
const MISSING = { code: 401, message: "API key should be provided" };
const emptyHome = fs.mkdtempSync(path.join(os.tmpdir(), "auth-home-"));
after(() => fs.rmSync(emptyHome, { recursive: true, force: true }));

/** Sets (or clears) the key for one server's life: the in-process server reads the environment lazily. */
function useKey(key: string | undefined): () => void {
  const saved = process.env.SPANBOARD_API_KEY;
  if (key === undefined) delete process.env.SPANBOARD_API_KEY;
  else process.env.SPANBOARD_API_KEY = key;
  resetEnv();
  return () => {
    if (saved === undefined) delete process.env.SPANBOARD_API_KEY;
    else process.env.SPANBOARD_API_KEY = saved;
    resetEnv();
  };
}

const span = (project: string) => ({ id: v7(), trace_id: v7(), project_name: project, name: "s", type: "general", start_time: "2024-05-01T10:00:00Z" });

function spanCount(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM spans").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe("with SPANBOARD_API_KEY set", () => {
  let server: TestServer;
  let http: ReturnType<typeof api>;
  const project = `auth-${v7()}`;
  const authed = { authorization: KEY };

  let restore: () => void;

  before(async () => {
    restore = useKey(KEY);
    server = await startServer();
    http = api(server.apiUrl);
  });
  after(async () => {
    await server.stop();
    restore();
  });

  it("no authorization header: 401 'API key should be provided' on reads, writes and unknown paths", async () => {
    for (const res of [
      await http.get("/v1/private/spans?project_name=x"),
      await http.get(`/v1/private/spans/${v7()}`),
      await http.post("/v1/private/spans/batch", { spans: [span(project)] }),
      await http.get("/v1/private/no-such-thing"),
      await http.post("/v1/private/projects/retrieve", { name: project }, { authorization: "   " }),
    ]) {
      assert.equal(res.status, 401, res.text);
      assert.deepEqual(res.body, MISSING);
    }
  });

  it("a wrong key: 401 in Opik's shape, raw or as a Bearer token, near misses included", async () => {
    for (const authorization of ["nope", `Bearer nope`, KEY.slice(0, -1), `${KEY}x`, KEY.toUpperCase(), `Basic ${KEY}`, `Bearer  ${KEY}x`]) {
      const res = await http.get("/v1/private/projects", { authorization });
      assert.equal(res.status, 401, authorization);
      assert.deepEqual(res.body, WRONG);
    }
  });

  it("a rejected write stores nothing", async () => {
    assert.equal((await http.get("/v1/private/projects", authed)).status, 200, "the database exists from here on");
    const before = spanCount(server.dbPath);
    assert.equal((await http.post("/v1/private/spans/batch", { spans: [span(project), span(project)] }, { authorization: "wrong" })).status, 401);
    assert.equal((await http.post("/v1/private/spans", span(project))).status, 401);
    assert.equal(spanCount(server.dbPath), before);
    const res = await http.post("/v1/private/projects/retrieve", { name: project }, authed);
    assert.equal(res.status, 404, "the project was not auto-created either");
  });

  it("the right key, raw (as Opik Cloud) or with a Bearer prefix, is served", async () => {
    const res = await http.post("/v1/private/spans/batch", { spans: [span(project), span(project)] }, authed);
    assert.equal(res.status, 204, res.text);
    for (const authorization of [KEY, `Bearer ${KEY}`, `bearer ${KEY}`, ` ${KEY} `]) {
      const list = await http.get(`/v1/private/spans${qs({ project_name: project })}`, { authorization });
      assert.equal(list.status, 200, authorization);
      assert.equal(list.body.total, 2);
    }
  });

  it("the key is checked before the workspace: a keyless request to another workspace is 401, a keyed one 404", async () => {
    assert.deepEqual((await http.get("/v1/private/projects", { "comet-workspace": "acme" })).body, MISSING);
    const res = await http.get("/v1/private/projects", { "comet-workspace": "acme", ...authed });
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, { code: 404, message: "Workspace not found" });
  });

  it("the dashboard's own client sends SPANBOARD_API_KEY to its embedded server", async () => {
    const port = new URL(server.apiUrl).port;
    const config = resolveOpikConfig({ env: { PORT: port, SPANBOARD_API_KEY: KEY }, homeDir: emptyHome });
    assert.equal(config.mode, "embedded");
    assert.equal(config.apiKey, KEY);
    const found = await createOpikClient({ ...config, maxAttempts: 1 }).listProjects({ name: project });
    assert.ok(found.content.some((p) => p.name === project));

    const keyless = resolveOpikConfig({ env: { PORT: port }, homeDir: emptyHome });
    assert.equal(keyless.apiKey, undefined);
    await assert.rejects(createOpikClient({ ...keyless, maxAttempts: 1 }).listProjects({}), (e: unknown) => e instanceof OpikError && e.status === 401);
  });

  it("the dashboard page renders the embedded server's projects (production server only)", { skip: process.env.SPANBOARD_TEST_SERVER !== "next" }, async () => {
    const res = await fetch(`${server.origin}/`);
    const html = await res.text();
    assert.equal(res.status, 200);
    assert.ok(html.includes(project), "the page's server-side Opik client authenticated and listed the project");
  });
});

describe("without SPANBOARD_API_KEY (the default)", () => {
  let server: TestServer;
  let restore: () => void;
  before(async () => {
    restore = useKey(undefined);
    server = await startServer();
  });
  after(async () => {
    await server.stop();
    restore();
  });

  it("no key is needed, and any authorization header is ignored as a local Opik does", async () => {
    const http = api(server.apiUrl);
    assert.equal((await http.get("/v1/private/projects")).status, 200);
    assert.equal((await http.get("/v1/private/projects", { authorization: "whatever" })).status, 200);
  });
});
