import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { v7 } from "uuid";
import { api, qs } from "../support/api";
import { startServer, type TestServer } from "../support/server";

/** Projects: create, list/search, retrieve by name, get by id, delete with everything under it. */
let server: TestServer;
let http: ReturnType<typeof api>;
const P = "/v1/private";
const tag = v7().slice(-12);

before(async () => {
  server = await startServer();
  http = api(server.apiUrl);
});
after(() => server.stop());

async function createProject(body: Record<string, unknown>): Promise<string> {
  const res = await http.post(`${P}/projects`, body);
  assert.equal(res.status, 201, res.text);
  return res.headers.get("location")!.split("/").pop()!;
}

describe("POST /projects", () => {
  it("creates a project with Location and reads it back", async () => {
    const name = `Proj ${tag} A`;
    const res = await http.post(`${P}/projects`, { name, description: "about A", visibility: "public" });
    assert.equal(res.status, 201);
    const id = res.headers.get("location")!.split("/").pop()!;
    assert.equal(res.headers.get("location"), `${server.apiUrl}${P}/projects/${id}`);
    const got = await http.get(`${P}/projects/${id}`);
    assert.equal(got.status, 200);
    assert.equal(got.body.id, id);
    assert.equal(got.body.name, name);
    assert.equal(got.body.description, "about A");
    assert.equal(got.body.visibility, "public");
    assert.equal(got.body.created_by, "admin");
    assert.match(got.body.created_at, /Z$/);
  });

  it("409s on a case-insensitive duplicate and 422s on a blank name", async () => {
    const name = `Dup ${tag}`;
    await createProject({ name });
    const dup = await http.post(`${P}/projects`, { name: name.toLowerCase() });
    assert.equal(dup.status, 409);
    assert.deepEqual(dup.body, { errors: ["Project already exists"] });
    const blank = await http.post(`${P}/projects`, { name: "  " });
    assert.equal(blank.status, 422);
    assert.deepEqual(blank.body, { errors: ["name must not be blank"] });
    const badVisibility = await http.post(`${P}/projects`, { name: `v ${tag}`, visibility: "secret" });
    assert.equal(badVisibility.status, 400);
  });
});

describe("GET /projects", () => {
  it("lists newest first, pages, and matches names partially and case-insensitively", async () => {
    const ids: string[] = [];
    for (const n of ["one", "two", "three"]) ids.push(await createProject({ name: `List ${tag} ${n}` }));
    const page = await http.get(`${P}/projects${qs({ name: `list ${tag.toUpperCase()}`, size: "2" })}`);
    assert.equal(page.status, 200);
    assert.equal(page.body.page, 1);
    assert.equal(page.body.size, 2);
    assert.equal(page.body.total, 3);
    assert.deepEqual(page.body.content.map((p: { id: string }) => p.id), [ids[2], ids[1]]);
    assert.deepEqual(page.body.sortable_by, ["name", "last_updated_at", "created_at", "last_updated_trace_at"]);
    const page2 = await http.get(`${P}/projects${qs({ name: `list ${tag}`, size: "2", page: "2" })}`);
    assert.deepEqual(page2.body.content.map((p: { id: string }) => p.id), [ids[0]]);
    const byName = await http.get(`${P}/projects${qs({ name: `list ${tag}`, sorting: [{ field: "name", direction: "ASC" }] })}`);
    assert.deepEqual(byName.body.content.map((p: { name: string }) => p.name.split(" ").pop()), ["one", "three", "two"]);
    const none = await http.get(`${P}/projects${qs({ name: `zzz-${tag}` })}`);
    assert.deepEqual(none.body.content, []);
    assert.equal(none.body.total, 0);
    const bad = await http.get(`${P}/projects${qs({ size: "0" })}`);
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body, { errors: ["query param size must be greater than or equal to 1"] });
  });
});

describe("POST /projects/retrieve and GET /projects/{id}", () => {
  it("finds by name case-insensitively, with the trace count", async () => {
    const name = `Retrieve ${tag}`;
    const id = await createProject({ name });
    await http.post(`${P}/traces`, { id: v7(), project_name: name, start_time: new Date().toISOString() });
    const res = await http.post(`${P}/projects/retrieve`, { name: name.toUpperCase() });
    assert.equal(res.status, 200);
    assert.equal(res.body.id, id);
    assert.equal(res.body.name, name);
    assert.equal(res.body.trace_count, 1);
    assert.ok(res.body.last_updated_trace_at);
  });

  it("answers 404 and 422 as Opik", async () => {
    const missing = await http.post(`${P}/projects/retrieve`, { name: `missing ${tag}` });
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.body, { errors: ["Project not found"] });
    const blank = await http.post(`${P}/projects/retrieve`, { name: "" });
    assert.equal(blank.status, 422);
    assert.deepEqual(blank.body, { errors: ["name must not be blank"] });
    const unknown = await http.get(`${P}/projects/${v7()}`);
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.body, { errors: ["Project not found"] });
    assert.equal((await http.get(`${P}/projects/not-a-uuid`)).status, 404);
  });
});

describe("DELETE /projects/{id}", () => {
  it("removes the project with its traces, spans, scores and comments", async () => {
    const name = `Delete ${tag}`;
    const traceId = v7();
    const spanId = v7();
    await http.post(`${P}/traces`, { id: traceId, project_name: name, start_time: new Date().toISOString() });
    await http.post(`${P}/spans`, { id: spanId, trace_id: traceId, project_name: name, name: "s", start_time: new Date().toISOString() });
    await http.put(`${P}/spans/${spanId}/feedback-scores`, { name: "q", value: 1, source: "ui" });
    const commentId = (await http.post(`${P}/spans/${spanId}/comments`, { text: "c" })).body.id;
    const id = (await http.post(`${P}/projects/retrieve`, { name })).body.id;

    assert.equal((await http.del(`${P}/projects/${id}`)).status, 204);
    assert.equal((await http.get(`${P}/projects/${id}`)).status, 404);
    assert.equal((await http.get(`${P}/traces/${traceId}`)).status, 404);
    assert.equal((await http.get(`${P}/spans/${spanId}`)).status, 404);
    assert.equal((await http.get(`${P}/spans/${spanId}/comments/${commentId}`)).status, 404);
    assert.equal((await http.get(`${P}/spans${qs({ project_name: name })}`)).status, 404);
    assert.equal((await http.del(`${P}/projects/${v7()}`)).status, 204);

    // The name is free again, and the new project starts empty.
    const again = await createProject({ name });
    const spans = await http.get(`${P}/spans${qs({ project_id: again })}`);
    assert.equal(spans.status, 200);
    assert.equal(spans.body.total, 0);
  });
});
