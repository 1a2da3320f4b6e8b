import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import { v7 } from "uuid";
import { gateway } from "@/lib/backend/gateway";
import { inProcessFetch } from "@/lib/backend/in-process-fetch";
import { resetEnv } from "@/lib/env";
import { OpikError, resetOpik } from "@/lib/opik/client";
import { freePort } from "../support/next-server";

/**
 * The dashboard's client on the embedded default reaches the embedded API inside the process: with
 * nothing listening on PORT it still reads and writes, the API's errors and key check still apply,
 * and a cancelled call is cancelled as it would be over HTTP.
 */
let dir = "";
const saved = { ...process.env };

function configure(extra: Record<string, string> = {}): void {
  for (const key of ["OPIK_URL_OVERRIDE", "OPIK_API_KEY", "OPIK_WORKSPACE", "OPIK_CONFIG_PATH", "SPANBOARD_API_KEY", "SPANBOARD_PASSWORD"]) delete process.env[key];
  Object.assign(process.env, extra);
  resetEnv();
  resetOpik();
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "spanboard-in-process-"));
  // PORT is one nothing listens on. HOME too: an ~/.opik.config with a url_override would send the client elsewhere.
  Object.assign(process.env, { HOME: dir, SPANBOARD_DB_PATH: path.join(dir, "db.sqlite"), SPANBOARD_SEED_DEMO: "0", PORT: String(await freePort()) });
});
after(() => {
  process.env = saved;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the embedded default, without a socket", () => {
  beforeEach(() => configure());

  it("writes and reads spans with nothing listening on PORT", async () => {
    const client = gateway();
    assert.equal(client.config.mode, "embedded");
    const project = `inproc-${v7()}`;
    const trace = v7();
    const spans = ["plan", "answer"].map((name, i) => ({ id: v7(), trace_id: trace, project_name: project, name, start_time: `2026-01-01T00:00:0${i}Z` }));
    await client.createSpans(spans);
    const page = await client.listSpans({ project_name: project, size: 10 });
    assert.deepEqual(page.content.map((s) => s.name).sort(), ["answer", "plan"]);
    assert.equal((await client.ping()).ok, true);
  });

  it("the search stream arrives span by span, and leaving the loop early ends it", async () => {
    const client = gateway();
    const project = `inproc-stream-${v7()}`;
    const trace = v7();
    await client.createSpans(Array.from({ length: 40 }, (_, i) => ({ id: v7(), trace_id: trace, project_name: project, name: `s${i}`, start_time: "2026-01-01T00:00:00Z" })));
    const names: string[] = [];
    for await (const span of client.searchSpans({ project_name: project, limit: 100 })) names.push(span.name!);
    assert.equal(names.length, 40);
    let read = 0;
    for await (const span of client.searchSpans({ project_name: project, limit: 100 })) {
      assert.ok(span.name);
      if (++read === 3) break;
    }
    assert.equal(read, 3);
    // The client still answers after a stream was left half read.
    assert.equal((await client.ping()).ok, true);
  });

  it("an API error comes back as Opik's, with its status", async () => {
    await assert.rejects(gateway().getSpan(v7()), (e: unknown) => e instanceof OpikError && e.status === 404 && e.kind !== "unavailable");
  });

  it("a call whose signal is aborted is cancelled, not sent", async () => {
    const project = `inproc-cancel-${v7()}`;
    const controller = new AbortController();
    controller.abort();
    const span = { id: v7(), trace_id: v7(), project_name: project, name: "never", start_time: "2026-01-01T00:00:00Z" };
    await assert.rejects(gateway().createSpans([span], { signal: controller.signal }), (e: unknown) => e instanceof OpikError && e.kind === "cancelled");
    assert.equal((await gateway().listProjects({ name: project })).content.length, 0);
  });
});

describe("the embedded default with an API key", () => {
  beforeEach(() => configure({ SPANBOARD_API_KEY: "in-process-key" }));

  it("the dashboard's calls carry the key; a call without it gets Opik's 401", async () => {
    assert.equal((await gateway().ping()).ok, true);
    const res = await inProcessFetch(`http://127.0.0.1:${process.env.PORT}/api/v1/private/projects`);
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { code: 401, message: "API key should be provided" });
  });
});
