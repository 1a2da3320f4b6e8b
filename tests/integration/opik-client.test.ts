import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { v7 } from "uuid";
import { createOpikClient, opik, OpikError, resetOpik, type OpikClient, type SpanPublic } from "@/lib/opik/client";
import { api } from "../support/api";
import { startServer, type TestServer } from "../support/server";

/** Every client method against the embedded Opik server, through real HTTP. */
let server: TestServer;
let client: OpikClient;
const project = `client-${v7()}`;
const traceId = v7();
const rootId = v7();
const childIds = [v7(), v7(), v7()];

before(async () => {
  server = await startServer();
  client = createOpikClient({ baseUrl: server.apiUrl, timeoutMs: 5000 });
});
after(() => server.stop());

const span = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  trace_id: traceId,
  project_name: project,
  name: `span-${id.slice(-4)}`,
  type: "llm",
  start_time: "2024-05-01T10:15:30.123456Z",
  end_time: "2024-05-01T10:15:31.623456Z",
  input: { question: "hello" },
  output: { answer: "hi" },
  ...extra,
});

async function rejects(promise: Promise<unknown>, kind: OpikError["kind"], message?: string | RegExp): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof OpikError, String(e));
    assert.equal(e.kind, kind, e.message);
    if (typeof message === "string") assert.equal(e.message, message);
    else if (message) assert.match(e.message, message);
    return true;
  });
}

describe("spans", () => {
  it("createSpan returns the id, also when the server generates it", async () => {
    assert.deepEqual(await client.createSpan(span(rootId, { name: "root", metadata: { plan: "pro+team", n: 1 }, tags: ["root"] })), { id: rootId });
    const generated = await client.createSpan({ project_name: project, trace_id: v7(), start_time: "2024-05-01T09:00:00Z", name: "loose" });
    assert.match(generated.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    assert.equal((await client.getSpan(generated.id)).name, "loose");
  });

  it("createSpans writes a batch; getSpan reads a span with project_name", async () => {
    await client.createSpans(childIds.map((id, i) => span(id, { parent_span_id: rootId, name: `child-${i}`, usage: { total_tokens: 10 * (i + 1) } })));
    const got = await client.getSpan(childIds[1]!);
    assert.equal(got.name, "child-1");
    assert.equal(got.project_name, project);
    assert.equal(got.parent_span_id, rootId);
    assert.equal(got.duration, 1500);
    await rejects(client.getSpan(v7()), "not_found", /^Span id: .* not found$/);
  });

  it("listSpans pages, sorts, filters (a '+' in a metadata value survives), excludes and keeps sortable_by", async () => {
    const first = await client.listSpans({ project_name: project, size: 2, sorting: [{ field: "name", direction: "ASC" }] });
    assert.equal(first.total, 5);
    assert.equal(first.content.length, 2);
    assert.deepEqual(first.content.map((s) => s.name), ["child-0", "child-1"]);
    assert.ok(first.sortable_by?.includes("start_time"), "sortable_by is read from the wire key");
    const filtered = await client.listSpans({
      project_name: project,
      filters: [{ field: "metadata", operator: "=", key: "plan", value: "pro+team" }],
      exclude: ["input", "output"],
    });
    assert.deepEqual(filtered.content.map((s) => s.id), [rootId]);
    assert.equal(filtered.content[0]!.input, undefined);
    const ofTrace = await client.listSpans({ project_name: project, trace_id: traceId, type: "llm", page: 2, size: 3 });
    assert.equal(ofTrace.total, 4);
    assert.equal(ofTrace.content.length, 1);
    await rejects(client.listSpans({}), "invalid", "Either 'project_name' or 'project_id' query params must be provided");
  });

  it("spanStats counts the matching spans", async () => {
    const { stats } = await client.spanStats({ project_name: project, trace_id: traceId });
    assert.deepEqual(stats.find((s) => s.name === "span_count"), { name: "span_count", type: "COUNT", value: 4 });
  });

  it("searchSpans streams newest first and pages with last_retrieved_id", async () => {
    const read = async (body: Parameters<OpikClient["searchSpans"]>[0]) => {
      const out: SpanPublic[] = [];
      for await (const s of client.searchSpans(body)) out.push(s);
      return out;
    };
    const ids = [rootId, ...childIds].sort().reverse();
    const head = await read({ project_name: project, trace_id: traceId, limit: 2 });
    assert.deepEqual(head.map((s) => s.id), ids.slice(0, 2));
    const rest = await read({ project_name: project, trace_id: traceId, last_retrieved_id: head[1]!.id });
    assert.deepEqual(rest.map((s) => s.id), ids.slice(2));
    await rejects(read({ project_name: `missing-${v7()}` }), "not_found", /^Project name: .* not found$/);
  });

  it("updateSpan and updateSpans change spans", async () => {
    await client.updateSpan(childIds[0]!, { trace_id: traceId, parent_span_id: rootId, project_name: project, name: "renamed" });
    assert.equal((await client.getSpan(childIds[0]!)).name, "renamed");
    await client.updateSpans({ ids: childIds.slice(1), update: { trace_id: traceId, project_name: project, tags: ["batch"] }, merge_tags: true });
    assert.deepEqual((await client.getSpan(childIds[2]!)).tags, ["batch"]);
    await rejects(client.updateSpan(childIds[0]!, { trace_id: v7(), parent_span_id: rootId, project_name: project }), "conflict", "trace_id does not match the existing span");
  });

  it("listSpansOfTrace pages to the end and finds the project through the trace", async () => {
    await api(server.apiUrl).post("/v1/private/traces", { id: traceId, project_name: project, name: "t", start_time: "2024-05-01T10:15:30Z" });
    const trace = await client.getTrace(traceId);
    assert.equal(trace.id, traceId);
    const all = await client.listSpansOfTrace(traceId, { size: 3 });
    assert.deepEqual(all.map((s) => s.id).sort(), [rootId, ...childIds].sort());
    await rejects(client.getTrace(v7()), "not_found", /^Trace id: .* not found$/);
  });
});

describe("scores and comments", () => {
  it("scoreSpan, scoreSpans, spanScoreNames, deleteSpanScore", async () => {
    await client.scoreSpan(rootId, { name: "relevance", value: 0.5, source: "ui", reason: "ok" });
    await client.scoreSpans([{ id: childIds[0]!, project_name: project, name: "accuracy", value: 1, source: "sdk" }]);
    assert.deepEqual((await client.getSpan(rootId)).feedback_scores?.map((s) => [s.name, s.value]), [["relevance", 0.5]]);
    const { project_id } = await client.getSpan(rootId);
    const names = await client.spanScoreNames({ project_id: project_id! });
    assert.deepEqual(names.scores.map((s) => s.name).sort(), ["accuracy", "relevance"]);
    await client.deleteSpanScore(rootId, { name: "relevance" });
    assert.equal((await client.getSpan(rootId)).feedback_scores, undefined);
    await rejects(client.scoreSpan(v7(), { name: "x", value: 1, source: "ui" }), "not_found");
  });

  it("createSpanComment, getSpanComment, updateSpanComment, deleteSpanComments", async () => {
    const { id } = await client.createSpanComment(rootId, "first look");
    assert.equal((await client.getSpanComment(rootId, id)).text, "first look");
    await client.updateSpanComment(id, "second look");
    assert.equal((await client.getSpanComment(rootId, id)).text, "second look");
    await client.deleteSpanComments([id]);
    await rejects(client.getSpanComment(rootId, id), "not_found", `Comment id: ${id} not found`);
    await rejects(client.createSpanComment(rootId, " "), "invalid", "text must not be blank");
  });
});

describe("projects, ping, delete", () => {
  it("listProjects by name, getProject, retrieveProject", async () => {
    const found = await client.listProjects({ name: project.slice(0, 20) });
    const listed = found.content.find((p) => p.name === project);
    assert.ok(listed);
    assert.equal((await client.getProject(listed.id)).name, project);
    assert.equal((await client.retrieveProject(project.toUpperCase())).id, listed.id);
    await rejects(client.retrieveProject(`missing-${v7()}`), "not_found");
  });

  it("ping answers with a latency", async () => {
    const ping = await client.ping();
    assert.ok(ping.ok, !ping.ok ? ping.error.message : "");
    assert.ok(ping.latencyMs >= 0 && ping.latencyMs < 5000);
  });

  it("deleteSpan: the embedded server deletes (a real Opik answers 501, see the faults test)", async () => {
    const id = childIds[2]!;
    await client.deleteSpan(id);
    await rejects(client.getSpan(id), "not_found");
  });

  it("with no OPIK_URL_OVERRIDE anywhere, the configured client is the embedded server on PORT", async () => {
    const saved = { ...process.env };
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "opik-home-"));
    try {
      for (const key of Object.keys(process.env)) if (key.startsWith("OPIK_")) delete process.env[key];
      Object.assign(process.env, { HOME: home, PORT: new URL(server.apiUrl).port });
      resetOpik();
      assert.equal(opik().config.mode, "embedded");
      assert.equal(opik().config.baseUrl, server.apiUrl);
      const ping = await opik().ping();
      assert.ok(ping.ok);
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
      resetOpik();
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
