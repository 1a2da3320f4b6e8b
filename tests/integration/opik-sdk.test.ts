import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Opik } from "opik";
import { v7 } from "uuid";
import { startServer, type TestServer } from "../support/server";

/** The official opik SDK as a real client: it logs into the embedded server and reads back. */
let server: TestServer;
let client: Opik;
const projectName = `sdk-${v7()}`;

before(async () => {
  server = await startServer();
  client = new Opik({ apiUrl: server.apiUrl, projectName, workspaceName: "default", apiKey: "" });
});
after(() => server.stop());

describe("opik SDK → embedded server", () => {
  let traceId = "";

  it("logs a trace with nested spans, usage, an error and scores", async () => {
    const trace = client.trace({ name: "agent_run", input: { question: "Where is my order?" }, tags: ["sdk"] });
    traceId = trace.data.id;
    const planner = trace.span({ name: "planner", type: "general", input: { step: 1 } });
    const llm = planner.span({
      name: "call_llm",
      type: "llm",
      model: "gpt-4o",
      provider: "openai",
      input: { messages: [{ role: "user", content: "Where is my order?" }] },
      usage: { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 },
      metadata: { prompt_version: "v3" },
    });
    llm.update({ output: { content: "It ships tomorrow." } });
    llm.score({ name: "relevance", value: 0.75, reason: "on topic" });
    llm.end();
    const tool = planner.span({ name: "lookup_order", type: "tool", input: { order_id: 42 } });
    tool.update({
      errorInfo: { exceptionType: "TimeoutError", message: "order service timed out", traceback: "Traceback (most recent call last):\n  ..." },
    });
    tool.end();
    planner.end();
    trace.update({ output: { answer: "It ships tomorrow." } });
    trace.score({ name: "helpfulness", value: 4 });
    trace.end();
    await client.flush();
  });

  it("reads the spans back with the SDK's own REST client", async () => {
    const page = await client.api.spans.getSpansByProject({ projectName, size: 100 });
    assert.equal(page.total, 3);
    const byName = new Map(page.content!.map((s) => [s.name, s]));
    const planner = byName.get("planner")!;
    const llm = byName.get("call_llm")!;
    const tool = byName.get("lookup_order")!;
    assert.equal(llm.parentSpanId, planner.id);
    assert.equal(tool.parentSpanId, planner.id);
    assert.equal(planner.parentSpanId, undefined);
    assert.equal(llm.traceId, traceId);
    assert.deepEqual(llm.usage, { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 });
    assert.deepEqual(llm.output, { content: "It ships tomorrow." });
    assert.ok(llm.endTime instanceof Date, "end() reached the server through PATCH");
    assert.equal(tool.errorInfo?.exceptionType, "TimeoutError");
    assert.equal(llm.feedbackScores?.[0]?.name, "relevance");
    assert.equal(llm.feedbackScores?.[0]?.value, 0.75);
    assert.ok((llm.totalEstimatedCost ?? 0) > 0);

    const one = await client.api.spans.getSpanById(llm.id!);
    assert.equal(one.projectName, projectName);
    assert.equal(one.metadata && (one.metadata as Record<string, unknown>).prompt_version, "v3");
  });

  it("filters, scores and comments through the SDK's REST client", async () => {
    const filtered = await client.api.spans.getSpansByProject({
      projectName,
      filters: JSON.stringify([{ field: "error_info", operator: "is_not_empty", value: "" }]),
    });
    assert.deepEqual(filtered.content!.map((s) => s.name), ["lookup_order"]);
    const tool = filtered.content![0]!;
    await client.api.spans.addSpanFeedbackScore(tool.id!, { body: { name: "correctness", value: 0, source: "ui", reason: "wrong tool" } });
    await client.api.spans.addSpanComment(tool.id!, { body: { text: "Timeout should be retried" } });
    const read = await client.api.spans.getSpanById(tool.id!);
    assert.equal(read.feedbackScores?.[0]?.reason, "wrong tool");
    assert.equal(read.comments?.[0]?.text, "Timeout should be retried");
    const stats = await client.api.spans.getSpanStats({ projectName });
    const count = stats.stats!.find((s) => s.name === "span_count");
    assert.equal(count?.value, 3);
  });

  it("reads the trace and its score back", async () => {
    const trace = await client.api.traces.getTraceById(traceId);
    assert.equal(trace.name, "agent_run");
    assert.deepEqual(trace.output, { answer: "It ships tomorrow." });
    assert.equal(trace.feedbackScores?.[0]?.name, "helpfulness");
  });
});
