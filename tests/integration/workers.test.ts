import assert from "node:assert/strict";
import http from "node:http";
import { after, before, describe, it } from "node:test";
import { v7 } from "uuid";
import { ROUTES } from "@/lib/embedded/routes";
import { roleOf } from "@/lib/embedded/workers/serve";
import { api } from "../support/api";
import { startServer, type TestServer } from "../support/server";

/**
 * The embedded API's worker threads (lib/embedded/workers): reads are answered while a big batch
 * is being written, a stuck worker is answered for and replaced, and the search still streams.
 * In-process runs serve through the same pool and the same worker bundle as the production server.
 */
const START = "2024-05-01T10:00:00Z";
const span = (project: string, extra: Record<string, unknown> = {}) => ({
  id: v7(), trace_id: v7(), project_name: project, name: "w", type: "llm", start_time: START, ...extra,
});

describe("which worker serves a request", () => {
  it("GETs and the read-only POSTs go to readers, every other write to the one writer", () => {
    const P = "/v1/private";
    for (const route of ROUTES) {
      const path = `/api${route.path.replace(/:[a-zA-Z]+/g, v7())}`;
      const readOnly = route.method === "GET" || [`${P}/spans/search`, `${P}/projects/retrieve`].includes(route.path);
      assert.equal(roleOf(route.method, path), readOnly ? "reader" : "writer", `${route.method} ${route.path}`);
    }
    assert.equal(roleOf("POST", "/api//v1/private/spans/search/"), "reader", "empty segments, as the router ignores them");
    assert.equal(roleOf("POST", "/api/v1/private/spans/search/x"), "writer");
  });
});

describe("worker pool (one reader)", () => {
  let server: TestServer;
  let client: ReturnType<typeof api>;
  const readProject = `w-read-${v7()}`;
  const streamProject = `w-stream-${v7()}`;
  const streamIds: string[] = [];

  before(async () => {
    server = await startServer({ SPANBOARD_READ_WORKERS: "1" }, { workers: true });
    client = api(server.apiUrl);
    const reads = Array.from({ length: 50 }, () => span(readProject));
    assert.equal((await client.post("/v1/private/spans/batch", { spans: reads })).status, 204);
    const streamed = Array.from({ length: 600 }, (_, i) => span(streamProject, { input: { text: `line ${i} `.repeat(40) } }));
    for (let i = 0; i < streamed.length; i += 200) {
      assert.equal((await client.post("/v1/private/spans/batch", { spans: streamed.slice(i, i + 200) })).status, 204);
    }
    streamIds.push(...streamed.map((s) => s.id).sort().reverse());
  });
  after(() => server.stop());

  it("answers reads while a big batch is being written, each far sooner than the write", async () => {
    const bigProject = `w-big-${v7()}`;
    const big = bigBatch(bigProject, 1000);
    const started = performance.now();
    let writeMs = 0;
    const write = client.post("/v1/private/spans/batch", { spans: big }).then((res) => {
      writeMs = performance.now() - started;
      return res;
    });
    const reads: { ms: number; endedAt: number; total: number }[] = [];
    while (writeMs === 0) {
      const t0 = performance.now();
      const res = await client.get(`/v1/private/spans?project_name=${readProject}&size=10`);
      assert.equal(res.status, 200, res.text);
      reads.push({ ms: performance.now() - t0, endedAt: performance.now() - started, total: res.body.total });
    }
    assert.equal((await write).status, 204);
    const during = reads.filter((r) => r.endedAt < writeMs);
    assert.ok(during.length >= 3, `${during.length} reads completed during a ${writeMs.toFixed(0)} ms write`);
    const slowest = Math.max(...during.map((r) => r.ms));
    assert.ok(slowest < writeMs / 2, `slowest read ${slowest.toFixed(0)} ms during a ${writeMs.toFixed(0)} ms write`);
    assert.ok(reads.every((r) => r.total === 50));
    const written = await client.get(`/v1/private/spans?project_name=${bigProject}&size=1`);
    assert.equal(written.body.total, 1000, "the whole batch is there afterwards");
  });

  it("a span batch is prepared on its own thread: its errors come from either half in Opik's shape, writing nothing", async () => {
    const project = `w-staged-${v7()}`;
    // Rejected while preparing (validation), before the writer sees it.
    const invalid = await client.post("/v1/private/spans/batch", { spans: [span(project), { ...span(project), start_time: 42 }] });
    assert.equal(invalid.status, 400, invalid.text);
    assert.match(invalid.body.message, /Cannot deserialize/);
    const badId = await client.post("/v1/private/spans/batch", { spans: [span(project, { id: "not-a-uuid" })] });
    assert.equal(badId.status, 400, badId.text);
    // Rejected while committing: the id names a partial span of another trace (PATCH made it).
    const partial = v7();
    assert.equal((await client.patch(`/v1/private/spans/${partial}`, { project_name: project, trace_id: v7(), name: "p" })).status, 204);
    const conflict = await client.post("/v1/private/spans/batch", { spans: [span(project), span(project, { id: partial })] });
    assert.equal(conflict.status, 409, conflict.text);
    assert.deepEqual(conflict.body, { errors: ["trace_id does not match the existing span"] });
    const listed = await client.get(`/v1/private/spans?project_name=${project}&size=10`);
    assert.equal(listed.body.total, 1, "only the partial span: no rejected batch wrote anything");
    const ok = await client.post("/v1/private/spans/batch", { spans: [span(project, { id: partial, trace_id: listed.body.content[0].trace_id, input: { q: "staged" } })] });
    assert.equal(ok.status, 204, ok.text);
    const done = await client.get(`/v1/private/spans/${partial}`);
    assert.deepEqual(done.body.input, { q: "staged" });
  });

  it("batches sent together are each answered as if alone, whether or not the writer commits them as a group", async () => {
    const project = `w-group-${v7()}`;
    const partial = v7();
    assert.equal((await client.patch(`/v1/private/spans/${partial}`, { project_name: project, trace_id: v7(), name: "p" })).status, 204);
    // Big enough that the ones behind the first queue up at the writer while it writes.
    const batches = Array.from({ length: 6 }, (_, k) => bigBatch(project, 300).map((s) => ({ ...s, name: `batch-${k}` })));
    batches[3]!.push(span(project, { id: partial, name: "batch-3" }));
    const answers = await Promise.all(batches.map((spans) => client.post("/v1/private/spans/batch", { spans })));
    assert.deepEqual(answers.map((a) => a.status), [204, 204, 204, 409, 204, 204]);
    assert.deepEqual(answers[3]!.body, { errors: ["trace_id does not match the existing span"] });
    const names = async (name: string) =>
      (await client.get(`/v1/private/spans?project_name=${project}&size=1&filters=${encodeURIComponent(JSON.stringify([{ field: "name", operator: "=", value: name }]))}`)).body.total;
    for (const k of [0, 1, 2, 4, 5]) assert.equal(await names(`batch-${k}`), 300, `batch ${k} is stored whole`);
    assert.equal(await names("batch-3"), 0, "nothing of the rejected batch");
    assert.equal((await client.get(`/v1/private/spans?project_name=${project}&size=1`)).body.total, 5 * 300 + 1);
  });

  it("streams the search: other requests are served while the client holds the stream, then it completes", async () => {
    const { res, lines, contentLength } = await openStream(server.apiUrl, { project_name: streamProject, limit: 600 }, async () => {
      // The one reader worker holds the open stream; these reads share it.
      for (let i = 0; i < 5; i++) {
        const r = await client.get(`/v1/private/spans?project_name=${readProject}&size=5`);
        assert.equal(r.status, 200);
      }
    });
    assert.equal(res.statusCode, 200);
    assert.equal(contentLength, undefined, "no length up front: the body is streamed");
    assert.deepEqual(lines.map((l) => l.id), streamIds, "every span once, newest id first");
  });

  it("a client that drops the stream half way leaves the worker serving", async () => {
    await new Promise<void>((resolve, reject) => {
      const req = http.request(`${server.apiUrl}/v1/private/spans/search`, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
        res.once("data", () => {
          req.destroy();
          resolve();
        });
        res.once("error", () => undefined);
      });
      req.on("error", (e) => (req.destroyed ? undefined : reject(e)));
      req.end(JSON.stringify({ project_name: streamProject, limit: 600 }));
    });
    const again = await openStream(server.apiUrl, { project_name: streamProject, limit: 250 }, async () => undefined);
    assert.deepEqual(again.lines.map((l) => l.id), streamIds.slice(0, 250));
    assert.equal((await client.get(`/v1/private/spans?project_name=${readProject}&size=1`)).status, 200);
  });
});

describe("a worker that does not answer in time", () => {
  let server: TestServer;
  let client: ReturnType<typeof api>;
  before(async () => {
    server = await startServer({ SPANBOARD_API_TIMEOUT_S: "1" }, { workers: true });
    client = api(server.apiUrl);
  });
  after(() => server.stop());

  it("is answered for in Opik's shape, leaves no half-written batch, and a fresh worker takes the next request", async () => {
    const project = `w-slow-${v7()}`;
    assert.equal((await client.post("/v1/private/spans/batch", { spans: [span(project)] })).status, 204);
    // Four big batches queue at the one writer: the last waits for the others, far past 1 s.
    const answers = await Promise.all([0, 1, 2, 3].map(() => client.post("/v1/private/spans/batch", { spans: bigBatch(project, 1000) })));
    const timedOut = { code: 503, message: "The embedded server did not answer within 1 s" };
    const lost = { code: 500, message: "There was an error processing your request" };
    assert.ok(answers.some((a) => a.status === 503), answers.map((a) => a.status).join(", "));
    for (const a of answers) {
      if (a.status === 204) continue;
      // The request that ran out of time, or one queued behind it on the worker that was stopped.
      assert.deepEqual(a.body, a.status === 503 ? timedOut : lost, a.text);
    }
    const next = await client.post("/v1/private/spans/batch", { spans: [span(project), span(project)] });
    assert.equal(next.status, 204, `a fresh writer takes the next batch: ${next.text}`);
    const listed = await client.get(`/v1/private/spans?project_name=${project}&size=1`);
    assert.equal(listed.status, 200);
    // Each batch is one transaction: stopped before its commit it is gone, after it whole.
    assert.equal((listed.body.total - 3) % 1000, 0, `total ${listed.body.total}`);
  });
});

/**
 * Spans of 1,100 mostly distinct words and 30 metadata keys: a batch of 1,000 (~9 MB, under every
 * body limit) takes the writer seconds to index for search and metadata filters.
 */
function bigBatch(project: string, n: number) {
  return Array.from({ length: n }, (_, i) =>
    span(project, {
      input: { text: Array.from({ length: 1100 }, (_, j) => `w${(j * 7919 + i * 31) % 200_000}`).join(" ") },
      metadata: Object.fromEntries(Array.from({ length: 30 }, (_, k) => [`k${k}`, `v${(i * k) % 1000}`])),
    }),
  );
}

type Line = { id: string };

/** POSTs a search; on its first bytes pauses, runs `meanwhile`, then reads the rest. */
function openStream(apiUrl: string, body: Record<string, unknown>, meanwhile: () => Promise<void>) {
  return new Promise<{ res: http.IncomingMessage; lines: Line[]; contentLength: string | undefined }>((resolve, reject) => {
    const req = http.request(`${apiUrl}/v1/private/spans/search`, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
      const chunks: Buffer[] = [];
      let first = true;
      res.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        if (!first) return;
        first = false;
        res.pause();
        meanwhile().then(() => res.resume(), reject);
      });
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const lines = text.split("\r\n").slice(0, -1).map((l) => JSON.parse(l) as Line);
        resolve({ res, lines, contentLength: res.headers["content-length"] });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}
