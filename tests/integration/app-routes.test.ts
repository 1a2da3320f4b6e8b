import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { v7 } from "uuid";
import { GET as opikRoute, POST as opikPost } from "@/app/api/[...path]/route";
import { GET as exportRoute } from "@/app/export/spans/route";
import { GET as healthz } from "@/app/healthz/route";
import { embeddedServerOff } from "@/lib/backend/embedded-switch";
import { resetEnv } from "@/lib/env";
import { register } from "@/instrumentation";
import { useOpik } from "../support/actions";
import { api } from "../support/api";
import { startServer, type TestServer } from "../support/server";

/**
 * The app's own route handlers, called as functions: the span export stream, the embedded API's
 * off-switch when another Opik is configured, the health check, and start-up seeding.
 */
let server: TestServer;
const project = `routes-${v7()}`;
const ids = [v7(), v7(), v7()];

before(async () => {
  server = await startServer();
  const spans = ids.map((id, i) => ({
    id,
    trace_id: v7(),
    project_name: project,
    name: i === 0 ? "=cmd|' /C calc'!A0" : `step, "${i}"`,
    start_time: `2024-05-01T10:00:0${i}Z`,
    input: { q: `line1\nline2 ${i}` },
    tags: ["a", "b"],
    usage: { total_tokens: 10 * i },
  }));
  assert.equal((await api(server.apiUrl).post("/v1/private/spans/batch", { spans })).status, 204);
  useOpik(server.apiUrl);
});
after(() => server.stop());

const exportUrl = (query: Record<string, string>) => `http://spanboard.test/export/spans?${new URLSearchParams(query)}`;

describe("span export route", () => {
  it("streams JSON Lines, newest first, every span", async () => {
    const res = await exportRoute(new Request(exportUrl({ project_name: project, format: "jsonl" })));
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type")!, /application\/x-ndjson/);
    assert.match(res.headers.get("content-disposition")!, /^attachment; filename="spans-.*\.jsonl"$/);
    const lines = (await res.text()).trimEnd().split("\n").map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((s) => s.id), ids.toReversed());
    assert.deepEqual(lines[0].input, { q: "line1\nline2 2" });
  });

  it("streams CSV with quoting and formula cells defused", async () => {
    const res = await exportRoute(new Request(exportUrl({ project_name: project, format: "csv", filters: JSON.stringify([{ field: "usage.total_tokens", operator: ">=", value: "0" }]) })));
    assert.equal(res.status, 200);
    const text = await res.text();
    const [header, ...rows] = text.trimEnd().split("\r\n");
    assert.match(header!, /^id,trace_id,parent_span_id,project_id,name,type,start_time/);
    assert.equal(text.split(ids[2]!).length, 2);
    assert.ok(text.includes(`"step, ""2"""`), "commas and quotes quoted");
    assert.ok(text.includes(`'=cmd|' /C calc'!A0`), "a leading = is defused");
    assert.ok(text.includes(`"{""q"":""line1\\nline2 1""}"`), "JSON cells");
    assert.equal(rows.length, 3);
  });

  it("an unknown project is Opik's 404 before any byte of the file", async () => {
    const res = await exportRoute(new Request(exportUrl({ project_name: `nope-${v7()}` })));
    assert.equal(res.status, 404);
    const body = await res.json();
    assert.equal(body.ok, false);
    assert.equal(body.error.kind, "not_found");
  });

  it("bad query parameters are a 400 naming them", async () => {
    const res = await exportRoute(new Request(exportUrl({ project_id: "x", filters: "[oops", format: "xml" })));
    assert.equal(res.status, 400);
    const { error } = await res.json();
    assert.equal(error.origin, "input");
    assert.match(error.message, /format: .*; project_id: must be a UUID; filters: must be JSON/);
  });
});

describe("the embedded API when another Opik is configured", () => {
  it("answers 404 in Opik's shape saying where spans should go", async () => {
    useOpik("http://opik.example.com:5173/api");
    try {
      const res = await opikRoute(new Request("http://127.0.0.1:3000/api/v1/private/projects"));
      assert.equal(res.status, 404);
      const body = await res.json();
      assert.equal(body.code, 404);
      assert.match(body.message, /^The embedded Opik server is off: OPIK_URL_OVERRIDE points Spanboard at http:\/\/opik\.example\.com:5173\/api\./);
      const post = await opikPost(new Request("http://127.0.0.1:3000/api/v1/private/spans/batch", { method: "POST", body: "{}" }));
      assert.equal(post.status, 404, "writes too: spans must not land in a database nobody looks at");
    } finally {
      useOpik(server.apiUrl);
    }
  });

  it("stays on when the override points at this very server (the SDK's variable exported in the same shell)", () => {
    useOpik("http://localhost:3000/api");
    try {
      assert.equal(embeddedServerOff(new URL("http://127.0.0.1:3000/api/v1/private/projects")), null);
      assert.equal(embeddedServerOff(new URL("http://localhost:3000/api/v1/private/spans")), null);
      assert.notEqual(embeddedServerOff(new URL("http://127.0.0.1:3001/api/v1/private/projects")), null, "another port is another server");
    } finally {
      useOpik(server.apiUrl);
    }
  });

  it("answers 503 naming the setting when the configuration is invalid", async () => {
    useOpik("ftp://opik");
    try {
      const res = await opikRoute(new Request("http://127.0.0.1:3000/api/v1/private/projects"));
      assert.equal(res.status, 503);
      assert.match((await res.json()).message, /OPIK_URL_OVERRIDE must be an http\(s\) URL/);
    } finally {
      useOpik(server.apiUrl);
    }
  });
});

describe("process routes", () => {
  it("/healthz answers {ok:true}", async () => {
    const res = healthz();
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { ok: true });
  });

  it("start-up seeding is skipped (no database opened) when a remote Opik is configured", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spanboard-seed-"));
    const dbPath = path.join(dir, "never.sqlite");
    const saved = { ...process.env };
    Object.assign(process.env, { NEXT_RUNTIME: "nodejs", SPANBOARD_DB_PATH: dbPath, SPANBOARD_SEED_DEMO: "1" });
    resetEnv();
    try {
      await register();
      assert.equal(fs.existsSync(dbPath), false);
    } finally {
      process.env = saved;
      resetEnv();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
