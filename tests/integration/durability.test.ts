import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";
import { v7 } from "uuid";
import { api, qs } from "../support/api";
import { startNextServer } from "../support/next-server";

/**
 * Crash safety of ingestion on the production server: SIGKILL while batches stream in, restart on
 * the same file, and every acknowledged batch is there whole, no batch is there in part, and the
 * database and its side tables (payloads, metadata index, full-text index, counters) agree.
 */
const BATCH = 200;
const KILL_AFTER = 150; // acknowledged batches before the kill (30,000 spans)
const IN_FLIGHT = 3; // so batches are mid-request when the kill lands

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spanboard-durability-"));
const dbPath = path.join(dir, "durability.sqlite");
const env = { SPANBOARD_DB_PATH: dbPath, SPANBOARD_SEED_DEMO: "0" };
const project = `durability-${v7()}`;

type Server = Awaited<ReturnType<typeof startNextServer>>;
let server: Server | undefined;
after(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Batch k: its spans share the name `batch-k` and a search token, so each batch can be counted whole. */
function batch(k: number) {
  const traceId = v7();
  const spans = Array.from({ length: BATCH }, (_, i) => ({
    id: v7(),
    trace_id: traceId,
    project_name: project,
    name: `batch-${k}`,
    type: "llm",
    start_time: new Date(Date.UTC(2024, 4, 1) + k * 1000 + i).toISOString(),
    end_time: new Date(Date.UTC(2024, 4, 1) + k * 1000 + i + 50).toISOString(),
    input: { prompt: `tok${k}x question ${i} `.repeat(4) },
    output: { answer: "fine" },
    metadata: { batch: k, i },
    usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 },
  }));
  return { ids: spans.map((s) => s.id), body: JSON.stringify({ spans }) };
}

type Run = { acked: Map<number, string[]>; sent: number; inFlightAtKill: number };

/** Writers post batches until KILL_AFTER are acknowledged (204), then the server gets SIGKILL at once. */
async function ingestUntilKilled(s: Server): Promise<Run> {
  const acked = new Map<number, string[]>();
  let next = 0;
  let inFlight = 0;
  let inFlightAtKill = -1;
  let killed = false;
  const writer = async () => {
    while (!killed) {
      const k = next++;
      const { ids, body } = batch(k);
      inFlight++;
      try {
        const res = await fetch(`${s.origin}/api/v1/private/spans/batch`, { method: "POST", headers: { "content-type": "application/json" }, body });
        const text = await res.text();
        if (res.status !== 204) {
          if (killed) continue;
          throw new Error(`batch ${k} answered ${res.status}: ${text}`);
        }
        acked.set(k, ids);
        if (acked.size >= KILL_AFTER && !killed) {
          killed = true;
          inFlightAtKill = inFlight - 1;
          process.kill(s.pid, "SIGKILL");
        }
      } catch (error) {
        if (!killed) throw error; // after the kill, cut-off requests are expected
      } finally {
        inFlight--;
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, writer));
  return { acked, sent: next, inFlightAtKill };
}

describe("SIGKILL during continuous batch ingestion", () => {
  let run: Run;

  before(async () => {
    server = await startNextServer(env);
    run = await ingestUntilKilled(server);
    await server.close(); // resolves once the killed process has exited
    server = await startNextServer(env);
  });

  it("the kill landed mid-stream", (t) => {
    t.diagnostic(`sent ${run.sent} batches, ${run.acked.size} acknowledged, ${run.inFlightAtKill} in flight at the kill`);
    // More when answers already on their way arrive after the kill (the writer answers a group of
    // batches committed together at once); each of those was acknowledged and must be there too.
    assert.ok(run.acked.size >= KILL_AFTER, `${run.acked.size} acknowledged`);
    assert.ok(run.inFlightAtKill >= 1, `batches were in flight at the kill (${run.inFlightAtKill})`);
  });

  it("after the restart the API serves every acknowledged span, and only whole batches", async (t) => {
    const http = api(`${server!.origin}/api`);
    const list = await http.get(`/v1/private/spans${qs({ project_name: project, size: 1 })}`);
    assert.equal(list.status, 200, list.text);
    const total = list.body.total as number;
    assert.ok(total >= KILL_AFTER * BATCH, `total ${total} ≥ acknowledged ${KILL_AFTER * BATCH}`);
    assert.ok(total <= run.sent * BATCH, `total ${total} ≤ sent ${run.sent * BATCH}`);
    assert.equal(total % BATCH, 0, "no batch is half-written");
    t.diagnostic(`after the restart: ${total / BATCH} batches stored`);

    const keys = [...run.acked.keys()].sort((a, b) => a - b);
    for (const k of [keys[0]!, keys[Math.floor(keys.length / 2)]!, keys.at(-1)!]) {
      const ids = run.acked.get(k)!;
      for (const id of [ids[0]!, ids[BATCH - 1]!]) assert.equal((await http.get(`/v1/private/spans/${id}`)).status, 200, `span ${id} of batch ${k}`);
      const filters = [{ field: "name", operator: "=", value: `batch-${k}` }];
      assert.equal((await http.get(`/v1/private/spans${qs({ project_name: project, filters, size: 1 })}`)).body.total, BATCH);
      const found = await http.get(`/v1/private/spans${qs({ project_name: project, search: `tok${k}x`, size: 1 })}`);
      assert.equal(found.body.total, BATCH, `full-text search finds batch ${k} whole`);
    }
  });

  it("the restarted server takes new batches", async () => {
    const { body } = batch(1_000_000);
    const res = await fetch(`${server!.origin}/api/v1/private/spans/batch`, { method: "POST", headers: { "content-type": "application/json" }, body });
    assert.equal(res.status, 204, await res.text());
  });

  it("on disk: every acknowledged batch whole, every batch all-or-nothing, integrity ok, side tables consistent", async () => {
    await server!.close();
    server = undefined;
    const db = new Database(dbPath);
    try {
      assert.equal(db.pragma("integrity_check", { simple: true }), "ok");
      const counts = new Map((db.prepare("SELECT name, count(*) AS n FROM spans GROUP BY name").all() as { name: string; n: number }[]).map((r) => [r.name, r.n]));
      for (const [name, n] of counts) assert.equal(n, BATCH, `${name} is whole`);
      for (const k of run.acked.keys()) assert.equal(counts.get(`batch-${k}`), BATCH, `acknowledged batch ${k} is present`);
      const present = new Set(db.prepare("SELECT id FROM spans").pluck().all() as string[]);
      for (const ids of run.acked.values()) for (const id of ids) assert.ok(present.has(id), `span ${id}`);

      const one = (sql: string) => db.prepare(sql).pluck().get() as number;
      const spans = one("SELECT count(*) FROM spans");
      assert.equal(one("SELECT count(*) FROM span_io"), spans, "one payload row per span");
      assert.equal(one("SELECT count(*) FROM span_io WHERE pk NOT IN (SELECT pk FROM spans)"), 0);
      assert.equal(one("SELECT count(*) FROM span_meta"), 2 * spans, "two metadata keys per span");
      assert.equal(one("SELECT count(*) FROM span_meta WHERE span_pk NOT IN (SELECT pk FROM spans)"), 0);
      assert.equal(one("SELECT span_count FROM projects WHERE name = " + `'${project}'`), spans, "the project's counter matches its rows");
      db.prepare("INSERT INTO span_fts (span_fts, rank) VALUES ('integrity-check', 0)").run();
      const last = Math.max(...run.acked.keys());
      assert.equal(one(`SELECT count(*) FROM span_fts WHERE span_fts MATCH 'tok${last}x'`), BATCH);
    } finally {
      db.close();
    }
  });
});
