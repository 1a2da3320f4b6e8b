import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { v7 } from "uuid";
import { checkBackend } from "@/lib/backend/actions";
import { getProject, listProjects } from "@/lib/projects/actions";
import { getSpan, getTraceWithSpans, listSpans, searchSpans, spanScoreNames, spanStats } from "@/lib/spans/actions";
import {
  addSpanComment,
  deleteSpanComments,
  deleteSpanScore,
  getSpanComment,
  scoreSpan,
  scoreSpans,
  updateSpanComment,
} from "@/lib/spans/feedback-actions";
import { EXCLUDABLE } from "@/lib/spans/inputs";
import { createSpan, createSpans, deleteSpan, updateSpan } from "@/lib/spans/write-actions";
import { failed, ok, useOpik } from "../support/actions";
import { api } from "../support/api";
import { startServer, type TestServer } from "../support/server";

/**
 * Every server action called directly (outside Next the "use server" directive is just a string)
 * against the embedded Opik server, through the same lib/opik client the dashboard uses.
 */
let server: TestServer;
let http: ReturnType<typeof api>;
const P = "/v1/private";
const project = `actions-${v7()}`;
const traceId = v7();
const root = v7();
const child = v7();
const leaf = v7();
let projectId: string;

before(async () => {
  server = await startServer();
  http = api(server.apiUrl);
  // After startServer: a `next start` child must not inherit the override (its embedded API would be off).
  useOpik(server.apiUrl);
  const t0 = Date.parse("2024-05-01T10:00:00Z");
  const at = (ms: number) => new Date(t0 + ms).toISOString();
  const res = await http.post(`${P}/spans/batch`, {
    spans: [
      { id: root, trace_id: traceId, project_name: project, name: "agent", type: "general", start_time: at(0), end_time: at(900), input: { q: "hi" }, output: { a: "hello" } },
      { id: child, trace_id: traceId, parent_span_id: root, project_name: project, name: "call_llm", type: "llm", model: "gpt-4o", start_time: at(100), end_time: at(600), input: { messages: ["hi"] }, tags: ["prod"] },
      { id: leaf, trace_id: traceId, parent_span_id: child, project_name: project, name: "lookup", type: "tool", start_time: at(200), end_time: at(300), metadata: { region: "eu" } },
    ],
  });
  assert.equal(res.status, 204, res.text);
  assert.equal((await http.post(`${P}/traces`, { id: traceId, project_name: project, name: "run", start_time: at(0) })).status, 201);
  projectId = ok(await listProjects({ name: project })).content[0]!.id;
});
after(() => server.stop());

describe("projects", () => {
  it("listProjects narrows by partial name, case-insensitively, and pages", async () => {
    const page = ok(await listProjects({ name: project.slice(0, 20).toUpperCase() }));
    assert.ok(page.content.some((p) => p.name === project));
    const one = ok(await listProjects({ size: 1, page: 1 }));
    assert.equal(one.content.length, 1);
    assert.ok(one.total >= 1);
  });

  it("getProject returns the project; an unknown id is Opik's not_found", async () => {
    assert.equal(ok(await getProject({ id: projectId })).name, project);
    const e = failed(await getProject({ id: v7() }));
    assert.equal(e.kind, "not_found");
    assert.equal(e.status, 404);
    assert.equal(e.origin, "opik");
  });
});

describe("span reads", () => {
  it("listSpans pages with a total, filters, sorts and excludes", async () => {
    const first = ok(await listSpans({ project_id: projectId, size: 2, sorting: [{ field: "start_time", direction: "ASC" }] }));
    assert.equal(first.total, 3);
    assert.deepEqual(first.content.map((s) => s.id), [root, child]);
    const second = ok(await listSpans({ project_id: projectId, size: 2, page: 2, sorting: [{ field: "start_time", direction: "ASC" }] }));
    assert.deepEqual(second.content.map((s) => s.id), [leaf]);
    const llm = ok(await listSpans({ project_name: project, filters: [{ field: "model", operator: "=", value: "gpt-4o" }] }));
    assert.deepEqual(llm.content.map((s) => s.id), [child]);
    const meta = ok(await listSpans({ project_id: projectId, filters: [{ field: "metadata", key: "region", operator: "=", value: "eu" }] }));
    assert.deepEqual(meta.content.map((s) => s.id), [leaf]);
    const light = ok(await listSpans({ project_id: projectId, exclude: ["input", "output"] }));
    assert.ok(light.content.every((s) => s.input === undefined && s.output === undefined));
    assert.ok(light.content.some((s) => s.name === "agent"), "other fields stay");
    // The project page counts spans this way: everything excludable left out, still a valid page.
    const bare = ok(await listSpans({ project_id: projectId, size: 1, exclude: [...EXCLUDABLE] }));
    assert.equal(bare.total, 3);
    assert.equal(bare.content[0]!.name, undefined);
    assert.equal(bare.content[0]!.feedback_scores, undefined);
  });

  it("listSpans carries the table's previews of long inputs and outputs; getSpan the whole values", async () => {
    const name = `previews-${v7()}`;
    const id = v7();
    const input = { messages: Array.from({ length: 40 }, (_, i) => ({ role: "user", content: `question ${i} <b>x</b>` })) };
    const output = "y".repeat(5000);
    const res = await http.post(`${P}/spans/batch`, {
      spans: [
        { id, trace_id: v7(), project_name: name, name: "long", start_time: "2024-05-02T10:00:00Z", input, output, metadata: { note: "z".repeat(900) } },
        { id: v7(), trace_id: v7(), project_name: name, name: "short", start_time: "2024-05-02T10:00:01Z", input: { q: "hi" }, output: "ok" },
      ],
    });
    assert.equal(res.status, 204, res.text);
    const page = ok(await listSpans({ project_name: name, sorting: [{ field: "start_time", direction: "ASC" }] }));
    const [long, short] = page.content;
    assert.equal(long!.input, JSON.stringify(input).slice(0, 301));
    assert.equal(long!.output, output.slice(0, 301));
    assert.deepEqual(long!.metadata, { note: "z".repeat(900) }, "metadata stays whole: its keys become columns");
    assert.deepEqual(short!.input, { q: "hi" });
    assert.equal(short!.output, "ok");
    const whole = ok(await getSpan({ id }));
    assert.deepEqual(whole.input, input);
    assert.equal(whole.output, output);
  });

  it("getSpan returns the full span; an unknown id keeps Opik's message", async () => {
    const span = ok(await getSpan({ id: child }));
    assert.equal(span.model, "gpt-4o");
    assert.deepEqual(span.input, { messages: ["hi"] });
    const missing = v7();
    const e = failed(await getSpan({ id: missing }));
    assert.equal(e.kind, "not_found");
    assert.equal(e.message, `Span id: ${missing} not found`);
  });

  it("getTraceWithSpans returns the trace and all its spans, without input/output, in start order", async () => {
    const { trace, spans } = ok(await getTraceWithSpans({ trace_id: traceId }));
    assert.equal(trace.id, traceId);
    assert.deepEqual(spans.map((s) => s.id), [root, child, leaf]);
    assert.ok(spans.every((s) => s.input === undefined && s.output === undefined));
    assert.equal(spans[2]!.parent_span_id, child);
  });

  it("spanStats counts the matching spans", async () => {
    const stats = ok(await spanStats({ project_id: projectId, type: "llm" }));
    assert.deepEqual(stats.stats.find((s) => s.name === "span_count"), { name: "span_count", type: "COUNT", value: 1 });
  });

  it("searchSpans collects up to the limit and hands back a cursor for the rest", async () => {
    const firstBatch = ok(await searchSpans({ project_id: projectId, limit: 2 }));
    assert.deepEqual(firstBatch.spans.map((s) => s.id), [leaf, child], "newest id first");
    assert.equal(firstBatch.next_cursor, child);
    const rest = ok(await searchSpans({ project_id: projectId, limit: 2, last_retrieved_id: firstBatch.next_cursor }));
    assert.deepEqual(rest.spans.map((s) => s.id), [root]);
    assert.equal(rest.next_cursor, undefined, "the stream ran out");
  });
});

describe("span writes", () => {
  it("createSpan and createSpans (import) add spans the list then counts", async () => {
    const name = `writes-${v7()}`;
    const { id } = ok(await createSpan({ project_name: name, name: "one", start_time: "2024-05-01T10:00:00Z" }));
    assert.match(id, /^[0-9a-f-]{36}$/);
    const spans = Array.from({ length: 3 }, (_, i) => ({ id: v7(), trace_id: v7(), project_name: name, name: `imp-${i}`, start_time: "2024-05-01T11:00:00Z" }));
    assert.deepEqual(ok(await createSpans({ spans })), { created: 3 });
    assert.equal(ok(await listSpans({ project_name: name })).total, 4);
  });

  it("updateSpan changes name, tags and metadata, keeping the span's identity", async () => {
    ok(await updateSpan({ id: leaf, name: "lookup_v2", tags: ["checked", "eu"], metadata: { region: "us", n: 2 } }));
    const span = ok(await getSpan({ id: leaf }));
    assert.equal(span.name, "lookup_v2");
    assert.deepEqual(span.tags?.toSorted(), ["checked", "eu"]);
    assert.deepEqual(span.metadata, { region: "us", n: 2 });
    assert.equal(span.parent_span_id, child);
    assert.equal(span.trace_id, traceId);
  });

  it("updateSpan on an unknown id is not_found and creates nothing (Opik's PATCH would)", async () => {
    const ghost = v7();
    assert.equal(failed(await updateSpan({ id: ghost, name: "x" })).kind, "not_found");
    assert.equal(failed(await getSpan({ id: ghost })).kind, "not_found");
  });

  it("deleteSpan removes the span on the embedded server", async () => {
    const { id } = ok(await createSpan({ project_name: project, name: "doomed", start_time: "2024-05-01T12:00:00Z", trace_id: v7() }));
    assert.deepEqual(ok(await deleteSpan({ id })), { id });
    assert.equal(failed(await getSpan({ id })).kind, "not_found");
  });
});

describe("feedback", () => {
  it("comments: add, get, update, delete", async () => {
    const { id } = ok(await addSpanComment({ span_id: child, text: "  looks off  " }));
    const comment = ok(await getSpanComment({ span_id: child, comment_id: id }));
    assert.equal(comment.text, "looks off", "trimmed");
    ok(await updateSpanComment({ span_id: child, comment_id: id, text: "fine after all" }));
    assert.equal(ok(await getSpanComment({ span_id: child, comment_id: id })).text, "fine after all");
    assert.ok(ok(await getSpan({ id: child })).comments?.some((c) => c.id === id));
    assert.deepEqual(ok(await deleteSpanComments({ span_id: child, ids: [id] })), { deleted: 1 });
    const e = failed(await getSpanComment({ span_id: child, comment_id: id }));
    assert.equal(e.kind, "not_found");
    assert.equal(e.message, `Comment id: ${id} not found`);
  });

  it("comment on an unknown span: Opik's 404", async () => {
    const e = failed(await addSpanComment({ span_id: v7(), text: "hello" }));
    assert.equal(e.kind, "not_found");
  });

  it("scores: add, replace, delete; the UI's source; names listed", async () => {
    ok(await scoreSpan({ span_id: root, name: "relevance", value: 0.4, reason: "meh" }));
    ok(await scoreSpan({ span_id: root, name: "relevance", value: 0.9 }));
    const scored = ok(await getSpan({ id: root })).feedback_scores ?? [];
    assert.equal(scored.length, 1);
    assert.equal(scored[0]!.value, 0.9);
    assert.equal(scored[0]!.source, "ui");
    assert.deepEqual(ok(await spanScoreNames({ project_id: projectId })).map((s) => s.name), ["relevance"]);
    ok(await deleteSpanScore({ span_id: root, name: "relevance" }));
    assert.equal(ok(await getSpan({ id: root })).feedback_scores, undefined);
  });

  it("scoreSpans scores many spans, each under its project", async () => {
    const res = ok(
      await scoreSpans({
        scores: [
          { span_id: child, project_id: projectId, name: "helpful", value: 1 },
          { span_id: leaf, project_name: project, name: "helpful", value: 0 },
        ],
      }),
    );
    assert.deepEqual(res, { scored: 2 });
    const page = ok(await listSpans({ project_id: projectId, filters: [{ field: "feedback_scores", key: "helpful", operator: "is_not_empty" }] }));
    assert.deepEqual(page.content.map((s) => s.id).toSorted(), [child, leaf].toSorted());
  });
});

describe("backend status", () => {
  it("checkBackend reports the configured Opik as reachable, without the key", async () => {
    useOpik(server.apiUrl, { OPIK_API_KEY: "secret-key-for-status", OPIK_WORKSPACE: "default" });
    try {
      const status = ok(await checkBackend(undefined));
      assert.equal(status.state, "reachable");
      if (status.state !== "reachable") return;
      assert.equal(status.mode, "remote");
      assert.equal(status.url, server.apiUrl);
      assert.equal(status.host, new URL(server.apiUrl).host);
      assert.equal(status.workspace, "default");
      assert.equal(status.apiKeySet, true);
      assert.ok(status.latencyMs >= 0);
      assert.ok(!JSON.stringify(status).includes("secret-key-for-status"));
    } finally {
      useOpik(server.apiUrl);
    }
  });
});
