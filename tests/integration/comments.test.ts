import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { v7 } from "uuid";
import { api } from "../support/api";
import { startServer, type TestServer } from "../support/server";

/** Comments on spans and traces: create → get → update → delete → 404, and embedding in reads. */
let server: TestServer;
let http: ReturnType<typeof api>;
const P = "/v1/private";
const project = `comments-${v7()}`;

before(async () => {
  server = await startServer();
  http = api(server.apiUrl);
});
after(() => server.stop());

async function newSpan(): Promise<string> {
  const id = v7();
  const res = await http.post(`${P}/spans`, { id, trace_id: v7(), project_name: project, name: "s", start_time: new Date().toISOString() });
  assert.equal(res.status, 201, res.text);
  return id;
}

async function newTrace(): Promise<string> {
  const id = v7();
  const res = await http.post(`${P}/traces`, { id, project_name: project, name: "t", start_time: new Date().toISOString() });
  assert.equal(res.status, 201, res.text);
  return id;
}

for (const kind of ["spans", "traces"] as const) {
  const create = kind === "spans" ? newSpan : newTrace;
  const label = kind === "spans" ? "Span" : "Trace";

  describe(`${kind} comments`, () => {
    it("runs the full lifecycle", async () => {
      const id = await create();
      const res = await http.post(`${P}/${kind}/${id}/comments`, { text: "first look", id: v7() });
      assert.equal(res.status, 201, res.text);
      const commentId = res.body.id as string;
      assert.match(commentId, /^[0-9a-f]{8}-[0-9a-f]{4}-7/);
      assert.equal(res.headers.get("location"), `${server.apiUrl}${P}/${kind}/${id}/comments/${commentId}`);

      const got = await http.get(`${P}/${kind}/${id}/comments/${commentId}`);
      assert.equal(got.status, 200);
      assert.equal(got.body.id, commentId);
      assert.equal(got.body.text, "first look");
      assert.equal(got.body.created_by, "admin");
      assert.equal(got.body.last_updated_by, "admin");
      assert.match(got.body.created_at, /Z$/);
      assert.deepEqual(Object.keys(got.body).sort(), ["created_at", "created_by", "id", "last_updated_at", "last_updated_by", "text"]);

      assert.equal((await http.patch(`${P}/${kind}/comments/${commentId}`, { text: "second look" })).status, 204);
      const updated = await http.get(`${P}/${kind}/${id}/comments/${commentId}`);
      assert.equal(updated.body.text, "second look");
      assert.ok(updated.body.last_updated_at >= got.body.last_updated_at);

      const entity = (await http.get(`${P}/${kind}/${id}`)).body;
      assert.deepEqual(entity.comments.map((c: { id: string; text: string }) => [c.id, c.text]), [[commentId, "second look"]]);

      const del = await http.post(`${P}/${kind}/comments/delete`, { ids: [commentId, v7()] });
      assert.equal(del.status, 204);
      const gone = await http.get(`${P}/${kind}/${id}/comments/${commentId}`);
      assert.equal(gone.status, 404);
      assert.deepEqual(gone.body, { code: 404, message: `Comment id: ${commentId} not found` });
      const patchGone = await http.patch(`${P}/${kind}/comments/${commentId}`, { text: "x" });
      assert.equal(patchGone.status, 404);
      assert.deepEqual(patchGone.body, { code: 404, message: `Comment id: ${commentId} not found` });
      assert.equal("comments" in (await http.get(`${P}/${kind}/${id}`)).body, false);
    });

    it("404s for an unknown entity and for a comment of another entity", async () => {
      const missing = v7();
      const res = await http.post(`${P}/${kind}/${missing}/comments`, { text: "hello" });
      assert.equal(res.status, 404);
      assert.deepEqual(res.body, { code: 404, message: `${label} id: ${missing} not found` });

      const a = await create();
      const b = await create();
      const commentId = (await http.post(`${P}/${kind}/${a}/comments`, { text: "on a" })).body.id;
      const wrong = await http.get(`${P}/${kind}/${b}/comments/${commentId}`);
      assert.equal(wrong.status, 404);
      assert.deepEqual(wrong.body, { code: 404, message: `Comment id: ${commentId} not found` });
    });

    it("validates text and delete ids", async () => {
      const id = await create();
      const blank = await http.post(`${P}/${kind}/${id}/comments`, { text: "  " });
      assert.equal(blank.status, 422);
      assert.deepEqual(blank.body, { errors: ["text must not be blank"] });
      const missing = await http.post(`${P}/${kind}/${id}/comments`, {});
      assert.equal(missing.status, 422);
      assert.deepEqual(missing.body, { errors: ["text must not be null"] });
      const commentId = (await http.post(`${P}/${kind}/${id}/comments`, { text: "ok" })).body.id;
      const blankPatch = await http.patch(`${P}/${kind}/comments/${commentId}`, { text: "" });
      assert.equal(blankPatch.status, 422);
      assert.deepEqual(blankPatch.body, { errors: ["text must not be blank"] });

      const empty = await http.post(`${P}/${kind}/comments/delete`, { ids: [] });
      assert.equal(empty.status, 422);
      assert.deepEqual(empty.body, { errors: ["ids size must be between 1 and 1000"] });
      const tooMany = await http.post(`${P}/${kind}/comments/delete`, { ids: Array.from({ length: 1001 }, () => v7()) });
      assert.equal(tooMany.status, 422);
      assert.equal((await http.get(`${P}/${kind}/${id}/comments/${commentId}`)).status, 200);
    });
  });
}

describe("comments on list pages", () => {
  it("embeds several comments per span in GET /spans", async () => {
    const id = await newSpan();
    const texts = ["one", "two", "three"];
    for (const text of texts) assert.equal((await http.post(`${P}/spans/${id}/comments`, { text })).status, 201);
    const page = await http.get(`${P}/spans?project_name=${encodeURIComponent(project)}&size=100`);
    assert.equal(page.status, 200);
    const span = page.body.content.find((s: { id: string }) => s.id === id);
    assert.deepEqual(span.comments.map((c: { text: string }) => c.text).sort(), [...texts].sort());
  });

  it("updates and deletes by comment id alone, as Opik does", async () => {
    const span = await newSpan();
    const commentId = (await http.post(`${P}/spans/${span}/comments`, { text: "v1" })).body.id;
    assert.equal((await http.patch(`${P}/traces/comments/${commentId}`, { text: "v2" })).status, 204);
    assert.equal((await http.get(`${P}/spans/${span}/comments/${commentId}`)).body.text, "v2");
    assert.equal((await http.post(`${P}/traces/comments/delete`, { ids: [commentId] })).status, 204);
    assert.equal((await http.get(`${P}/spans/${span}/comments/${commentId}`)).status, 404);
  });
});
