import assert from "node:assert/strict";
import { v7 } from "uuid";
import { api } from "./api";

/** The rows the fuzz tests aim at: real ids in paths and valid bodies to mutate. */
export type Fixture = { project: string; projectId: string; spanId: string; traceId: string; spanCommentId: string; traceCommentId: string };

/** One project with a trace, spans, scores and comments, so ids in paths can hit real rows. */
export async function createFixture(apiUrl: string): Promise<Fixture> {
  const http = api(apiUrl);
  const project = `fuzz-${v7()}`;
  const traceId = v7();
  const spanId = v7();
  const ok = (status: number, what: string) => assert.ok(status < 300, `fixture: ${what} → ${status}`);
  ok((await http.post("/v1/private/traces", { id: traceId, project_name: project, name: "t", start_time: "2024-05-01T10:00:00Z" })).status, "trace");
  const spans = [spanId, v7(), v7()].map((id, i) => ({
    id,
    trace_id: traceId,
    parent_span_id: i === 0 ? undefined : spanId,
    project_name: project,
    name: `span ${i}`,
    type: ["llm", "tool", "general"][i],
    start_time: `2024-05-01T10:00:0${i}Z`,
    end_time: `2024-05-01T10:00:0${i + 1}Z`,
    input: { messages: [{ role: "user", content: "refund please" }] },
    output: { answer: "ok" },
    metadata: { environment: "production", nested: { list: [1, "two", null] } },
    model: "gpt-4o",
    provider: "openai",
    tags: ["a", "b"],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  }));
  ok((await http.post("/v1/private/spans/batch", { spans })).status, "spans");
  ok((await http.put(`/v1/private/spans/${spanId}/feedback-scores`, { name: "relevance", value: 0.8, source: "sdk" })).status, "span score");
  ok((await http.put(`/v1/private/traces/${traceId}/feedback-scores`, { name: "quality", value: 1, source: "ui" })).status, "trace score");
  const spanComment = await http.post(`/v1/private/spans/${spanId}/comments`, { text: "a comment" });
  const traceComment = await http.post(`/v1/private/traces/${traceId}/comments`, { text: "a comment" });
  ok(spanComment.status, "span comment");
  ok(traceComment.status, "trace comment");
  const retrieved = await http.post("/v1/private/projects/retrieve", { name: project });
  ok(retrieved.status, "project");
  return { project, projectId: retrieved.body.id, spanId, traceId, spanCommentId: spanComment.body.id, traceCommentId: traceComment.body.id };
}

/** A valid body per route; the generators mutate it field by field. */
export function templates(x: Fixture): Record<string, Record<string, unknown>> {
  const span = { id: v7(), trace_id: x.traceId, project_name: x.project, name: "n", type: "llm", start_time: "2024-05-01T10:00:00Z", input: { q: 1 }, metadata: { k: "v" }, usage: { total_tokens: 3 }, tags: ["t"] };
  const trace = { id: v7(), project_name: x.project, name: "t", start_time: "2024-05-01T10:00:00Z", input: { q: 1 }, metadata: { k: "v" } };
  const score = { name: "relevance", value: 0.5, source: "sdk", category_name: "c", reason: "r" };
  const P = "/v1/private";
  return {
    [`POST ${P}/spans`]: span,
    [`POST ${P}/spans/batch`]: { spans: [span, { ...span, id: v7() }] },
    [`PATCH ${P}/spans/batch`]: { ids: [x.spanId], update: { trace_id: x.traceId, name: "renamed", tags_to_add: ["x"] }, merge_tags: true },
    [`POST ${P}/spans/search`]: { project_name: x.project, filters: [{ field: "name", operator: "contains", value: "span" }], limit: 5, truncate: true, exclude: ["input"], from_time: "2024-01-01T00:00:00Z", to_time: "2025-01-01T00:00:00Z" },
    [`PUT ${P}/spans/feedback-scores`]: { scores: [{ ...score, id: x.spanId, project_name: x.project }] },
    [`POST ${P}/spans/comments/delete`]: { ids: [v7()] },
    [`PATCH ${P}/spans/comments/:commentId`]: { text: "edited" },
    [`PATCH ${P}/spans/:id`]: { trace_id: x.traceId, project_name: x.project, name: "patched", metadata: { a: 1 }, tags_to_remove: ["a"] },
    [`PUT ${P}/spans/:id/feedback-scores`]: score,
    [`POST ${P}/spans/:id/feedback-scores/delete`]: { name: "nothing-here", author: "admin" },
    [`POST ${P}/spans/:id/comments`]: { text: "hello" },
    [`POST ${P}/traces`]: trace,
    [`POST ${P}/traces/batch`]: { traces: [trace, { ...trace, id: v7() }] },
    [`POST ${P}/traces/delete`]: { ids: [v7()] },
    [`PUT ${P}/traces/feedback-scores`]: { scores: [{ ...score, id: x.traceId, project_name: x.project }] },
    [`POST ${P}/traces/comments/delete`]: { ids: [v7()] },
    [`PATCH ${P}/traces/comments/:commentId`]: { text: "edited" },
    [`PATCH ${P}/traces/:id`]: { project_name: x.project, name: "patched", tags_to_add: ["z"] },
    [`PUT ${P}/traces/:id/feedback-scores`]: score,
    [`POST ${P}/traces/:id/feedback-scores/delete`]: { name: "nothing-here" },
    [`POST ${P}/traces/:id/comments`]: { text: "hello" },
    [`POST ${P}/projects`]: { name: `fuzz-new-${v7()}`, description: "d", visibility: "private" },
    [`POST ${P}/projects/retrieve`]: { name: x.project },
  };
}

/** Real ids a path parameter may take; destructive routes only ever get made-up ones. */
export function realIds(x: Fixture, method: string, path: string, param: string): string[] {
  if (method === "DELETE") return [];
  if (param === "commentId") return path.includes("/traces/") ? [x.traceCommentId] : [x.spanCommentId];
  if (path.includes("/spans/")) return [x.spanId];
  if (path.includes("/traces/")) return [x.traceId];
  return [x.projectId];
}
