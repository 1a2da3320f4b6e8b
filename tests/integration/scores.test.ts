import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { v4, v7 } from "uuid";
import { openDatabase } from "@/lib/embedded/db";
import { upsertScores } from "@/lib/embedded/scores-store";
import { api } from "../support/api";
import { startServer, type TestServer } from "../support/server";

/** Feedback scores on spans and traces: single, batch, multi-author folding, deletion, names. */
let server: TestServer;
let http: ReturnType<typeof api>;
const P = "/v1/private";
const project = `scores-${v7()}`;
const traceId = v7();

async function newSpan(extra: Record<string, unknown> = {}, projectName = project): Promise<string> {
  const id = v7();
  const res = await http.post(`${P}/spans`, { id, trace_id: traceId, project_name: projectName, name: "s", start_time: new Date().toISOString(), ...extra });
  assert.equal(res.status, 201, res.text);
  return id;
}

const getSpan = async (id: string) => (await http.get(`${P}/spans/${id}`)).body;
const projectId = async (name: string) => (await http.post(`${P}/projects/retrieve`, { name })).body.id as string;

before(async () => {
  server = await startServer();
  http = api(server.apiUrl);
});
after(() => server.stop());

describe("PUT /spans/{id}/feedback-scores", () => {
  it("stores a score that GET /spans/{id} returns in wire shape", async () => {
    const id = await newSpan();
    const res = await http.put(`${P}/spans/${id}/feedback-scores`, { name: "accuracy", value: 0.5, source: "ui", reason: "ok", category_name: "good" });
    assert.equal(res.status, 204);
    assert.equal(res.text, "");
    const [score] = (await getSpan(id)).feedback_scores;
    assert.equal(score.name, "accuracy");
    assert.equal(score.value, 0.5);
    assert.equal(score.reason, "ok");
    assert.equal(score.category_name, "good");
    assert.equal(score.source, "ui");
    assert.equal(score.created_by, "admin");
    assert.equal(score.last_updated_by, "admin");
    assert.match(score.created_at, /^\d{4}-\d\d-\d\dT.*Z$/);
    assert.deepEqual(Object.keys(score.value_by_author), ["admin"]);
    assert.equal(score.value_by_author.admin.value, 0.5);
    assert.equal(score.value_by_author.admin.reason, "ok");
  });

  it("overrides the same name and omits null fields", async () => {
    const id = await newSpan();
    await http.put(`${P}/spans/${id}/feedback-scores`, { name: "q", value: 1, source: "sdk", reason: "first" });
    await http.put(`${P}/spans/${id}/feedback-scores`, { name: "q", value: 0.25, source: "ui" });
    const scores = (await getSpan(id)).feedback_scores;
    assert.equal(scores.length, 1);
    assert.equal(scores[0].value, 0.25);
    assert.equal(scores[0].source, "ui");
    assert.equal("reason" in scores[0], false);
    assert.equal("category_name" in scores[0], false);
  });

  it("404s for an unknown span and for a malformed id", async () => {
    const missing = v7();
    const res = await http.put(`${P}/spans/${missing}/feedback-scores`, { name: "a", value: 1, source: "sdk" });
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, { code: 404, message: `Span id: ${missing} not found` });
    const bad = await http.put(`${P}/spans/not-a-uuid/feedback-scores`, { name: "a", value: 1, source: "sdk" });
    assert.equal(bad.status, 404);
  });

  it("validates the body like bean validation", async () => {
    const id = await newSpan();
    const blank = await http.put(`${P}/spans/${id}/feedback-scores`, { name: " ", value: 1, source: "sdk" });
    assert.equal(blank.status, 422);
    assert.deepEqual(blank.body, { errors: ["name must not be blank"] });
    const noValue = await http.put(`${P}/spans/${id}/feedback-scores`, { name: "a", source: "sdk" });
    assert.equal(noValue.status, 422);
    assert.deepEqual(noValue.body, { errors: ["value must not be null"] });
    const tooBig = await http.put(`${P}/spans/${id}/feedback-scores`, { name: "a", value: 1e10, source: "sdk" });
    assert.equal(tooBig.status, 422);
    assert.deepEqual(tooBig.body, { errors: ["value must be less than or equal to 999999999.999999999"] });
    const badSource = await http.put(`${P}/spans/${id}/feedback-scores`, { name: "a", value: 1, source: "nope" });
    assert.equal(badSource.status, 400);
  });
});

describe("multi-author scores", () => {
  it("averages authors and joins their reasons, categories and names", async () => {
    const id = await newSpan();
    await http.put(`${P}/spans/${id}/feedback-scores`, { name: "rel", value: 1, source: "ui", category_name: "yes" });
    // No HTTP path writes as another user (the request user is always admin locally).
    const pk = (await getSpan(id)).project_id as string;
    const db = openDatabase(server.dbPath);
    try {
      const projectPk = (db.prepare("SELECT pk FROM projects WHERE id = ?").get(pk) as { pk: number }).pk;
      upsertScores(db, "span", [{ entityId: id, projectPk, name: "rel", value: 0, reason: "off topic", source: "sdk", author: "zoe" }]);
    } finally {
      db.close();
    }
    const [score] = (await getSpan(id)).feedback_scores;
    assert.equal(score.value, 0.5);
    assert.equal(score.reason, "<no reason>, off topic");
    assert.equal(score.category_name, "yes");
    assert.equal(score.source, "ui");
    assert.equal(score.created_by, "admin, zoe");
    assert.deepEqual(Object.keys(score.value_by_author).sort(), ["admin", "zoe"]);
    assert.deepEqual({ ...score.value_by_author.zoe, last_updated_at: undefined }, { value: 0, reason: "off topic", source: "sdk", last_updated_at: undefined });

    // The span_scores index follows: a feedback-score filter sees the averaged value.
    const filters = encodeURIComponent(JSON.stringify([{ field: "feedback_scores", operator: "=", key: "rel", value: "0.5" }]));
    const list = await http.get(`${P}/spans?project_id=${pk}&filters=${filters}`);
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.content.map((s: { id: string }) => s.id), [id]);

    // Deleting one author's score leaves the other's.
    assert.equal((await http.post(`${P}/spans/${id}/feedback-scores/delete`, { name: "rel", author: "zoe" })).status, 204);
    const [after] = (await getSpan(id)).feedback_scores;
    assert.equal(after.value, 1);
    assert.deepEqual(Object.keys(after.value_by_author), ["admin"]);
    const byOne = encodeURIComponent(JSON.stringify([{ field: "feedback_scores", operator: "=", key: "REL", value: "1" }]));
    assert.deepEqual((await http.get(`${P}/spans?project_id=${pk}&filters=${byOne}`)).body.content.map((s: { id: string }) => s.id), [id]);
    assert.equal((await http.post(`${P}/spans/${id}/feedback-scores/delete`, { name: "rel" })).status, 204);
    assert.equal((await http.get(`${P}/spans?project_id=${pk}&filters=${byOne}`)).body.total, 0);
  });
});

describe("POST /spans/{id}/feedback-scores/delete", () => {
  it("removes a score by name and always answers 204", async () => {
    const id = await newSpan();
    await http.put(`${P}/spans/${id}/feedback-scores`, { name: "a", value: 1, source: "sdk" });
    await http.put(`${P}/spans/${id}/feedback-scores`, { name: "b", value: 2, source: "sdk" });
    assert.equal((await http.post(`${P}/spans/${id}/feedback-scores/delete`, { name: "a" })).status, 204);
    assert.deepEqual((await getSpan(id)).feedback_scores.map((s: { name: string }) => s.name), ["b"]);
    assert.equal((await http.post(`${P}/spans/${id}/feedback-scores/delete`, { name: "b" })).status, 204);
    assert.equal("feedback_scores" in (await getSpan(id)), false);
    assert.equal((await http.post(`${P}/spans/${v7()}/feedback-scores/delete`, { name: "zzz" })).status, 204);
    const blank = await http.post(`${P}/spans/${id}/feedback-scores/delete`, { name: "" });
    assert.equal(blank.status, 422);
    assert.deepEqual(blank.body, { errors: ["name must not be blank"] });
  });
});

describe("PUT /spans/feedback-scores (batch)", () => {
  it("scores spans by project name, case-insensitively, and stores scores of unknown spans", async () => {
    const id = await newSpan();
    const unknown = v7();
    const res = await http.put(`${P}/spans/feedback-scores`, {
      scores: [
        { id, project_name: project.toUpperCase(), name: "batch", value: 3, source: "sdk" },
        { id: unknown, project_name: project, name: "batch", value: 4, source: "sdk" },
      ],
    });
    assert.equal(res.status, 204, res.text);
    assert.equal((await getSpan(id)).feedback_scores[0].value, 3);
    // Created later, the span picks up the score stored for it under its project.
    await newSpan({ id: unknown });
    assert.equal((await getSpan(unknown)).feedback_scores[0].value, 4);
  });

  it("hides a score stored under another project, and creates that project", async () => {
    const id = await newSpan();
    const other = `other-${v7()}`;
    const res = await http.put(`${P}/spans/feedback-scores`, { scores: [{ id, project_name: other, name: "x", value: 1, source: "sdk" }] });
    assert.equal(res.status, 204);
    assert.equal("feedback_scores" in (await getSpan(id)), false);
    assert.equal((await http.post(`${P}/projects/retrieve`, { name: other })).status, 200);
  });

  it("accepts project_id and 404s on an unknown one", async () => {
    const id = await newSpan();
    const pid = await projectId(project);
    assert.equal((await http.put(`${P}/spans/feedback-scores`, { scores: [{ id, project_id: pid, name: "byid", value: 7, source: "sdk" }] })).status, 204);
    assert.equal((await getSpan(id)).feedback_scores[0].value, 7);
    const missing = v7();
    const res = await http.put(`${P}/spans/feedback-scores`, { scores: [{ id, project_id: missing, name: "byid", value: 7, source: "sdk" }] });
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, { code: 404, message: `Project id: ${missing} not found` });
  });

  it("rejects v4 ids, bad sizes and blank names", async () => {
    const v4res = await http.put(`${P}/spans/feedback-scores`, { scores: [{ id: v4(), name: "a", value: 1, source: "sdk" }] });
    assert.equal(v4res.status, 400);
    assert.match(v4res.text, /span id must be a version 7 UUID/);
    const empty = await http.put(`${P}/spans/feedback-scores`, { scores: [] });
    assert.equal(empty.status, 422);
    assert.deepEqual(empty.body, { errors: ["scores size must be between 1 and 1000"] });
    const tooMany = Array.from({ length: 1001 }, () => ({ id: v7(), name: "a", value: 1, source: "sdk" }));
    assert.deepEqual((await http.put(`${P}/spans/feedback-scores`, { scores: tooMany })).body, { errors: ["scores size must be between 1 and 1000"] });
    const missing = await http.put(`${P}/spans/feedback-scores`, {});
    assert.deepEqual(missing.body, { errors: ["scores must not be null"] });
    const blank = await http.put(`${P}/spans/feedback-scores`, { scores: [{ id: v7(), name: "", value: 1, source: "sdk" }] });
    assert.equal(blank.status, 422);
    assert.deepEqual(blank.body, { errors: ["scores[0].name must not be blank"] });
    const noValue = await http.put(`${P}/spans/feedback-scores`, { scores: [{ id: v7(), name: "a", source: "sdk" }] });
    assert.deepEqual(noValue.body, { errors: ["scores[0].value must not be null"] });
  });
});

describe("GET /spans/feedback-scores/names", () => {
  it("lists distinct names, optionally for one span type", async () => {
    const name = `names-${v7()}`;
    const llm = await newSpan({ type: "llm" }, name);
    const tool = await newSpan({ type: "tool" }, name);
    await http.put(`${P}/spans/${llm}/feedback-scores`, { name: "fluency", value: 1, source: "sdk" });
    await http.put(`${P}/spans/${tool}/feedback-scores`, { name: "correct", value: 1, source: "sdk" });
    await http.put(`${P}/spans/${tool}/feedback-scores`, { name: "fluency", value: 0, source: "sdk" });
    const pid = await projectId(name);
    const all = await http.get(`${P}/spans/feedback-scores/names?project_id=${pid}`);
    assert.equal(all.status, 200);
    assert.deepEqual(all.body.scores.map((s: { name: string }) => s.name).sort(), ["correct", "fluency"]);
    const llmOnly = await http.get(`${P}/spans/feedback-scores/names?project_id=${pid}&type=LLM`);
    assert.deepEqual(llmOnly.body, { scores: [{ name: "fluency" }] });
    const unknownType = await http.get(`${P}/spans/feedback-scores/names?project_id=${pid}&type=bogus`);
    assert.equal(unknownType.body.scores.length, 2);
  });

  it("requires an existing project_id", async () => {
    const none = await http.get(`${P}/spans/feedback-scores/names`);
    assert.equal(none.status, 400);
    assert.deepEqual(none.body, { code: 400, message: "project_id must be provided" });
    const missing = v7();
    const unknown = await http.get(`${P}/spans/feedback-scores/names?project_id=${missing}`);
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.body, { code: 404, message: `Project id: ${missing} not found` });
  });
});

describe("trace feedback scores", () => {
  it("scores, batch-scores, names and deletes on traces", async () => {
    const name = `trace-scores-${v7()}`;
    const id = v7();
    assert.equal((await http.post(`${P}/traces`, { id, project_name: name, name: "t", start_time: new Date().toISOString() })).status, 201);
    assert.equal((await http.put(`${P}/traces/${id}/feedback-scores`, { name: "helpful", value: 4, source: "ui" })).status, 204);
    const batch = await http.put(`${P}/traces/feedback-scores`, { scores: [{ id, project_name: name, name: "safe", value: 1, source: "sdk" }] });
    assert.equal(batch.status, 204);
    const trace = (await http.get(`${P}/traces/${id}`)).body;
    assert.deepEqual(trace.feedback_scores.map((s: { name: string; value: number }) => [s.name, s.value]).sort(), [["helpful", 4], ["safe", 1]]);
    const names = await http.get(`${P}/traces/feedback-scores/names?project_id=${trace.project_id}`);
    assert.deepEqual(names.body.scores.map((s: { name: string }) => s.name).sort(), ["helpful", "safe"]);
    assert.equal((await http.post(`${P}/traces/${id}/feedback-scores/delete`, { name: "helpful" })).status, 204);
    assert.deepEqual((await http.get(`${P}/traces/${id}`)).body.feedback_scores.map((s: { name: string }) => s.name), ["safe"]);

    const missing = v7();
    const res = await http.put(`${P}/traces/${missing}/feedback-scores`, { name: "a", value: 1, source: "ui" });
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, { code: 404, message: `Trace id: ${missing} not found` });
    const v4res = await http.put(`${P}/traces/feedback-scores`, { scores: [{ id: v4(), name: "a", value: 1, source: "sdk" }] });
    assert.equal(v4res.status, 400);
    assert.match(v4res.text, /trace id must be a version 7 UUID/);
  });
});
