import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { v7 } from "uuid";
import { closeDb, db } from "@/lib/embedded/db";
import { handleOpikRequest, Prepared, routeOpikRequest } from "@/lib/embedded/router";
import { commitGroup, type PreparedCommit } from "@/lib/embedded/workers/commit-group";

/**
 * The writer commits prepared span batches that queue up behind each other in one transaction
 * (workers/commit-group.ts). Each batch's answer and effect must be what it would have been alone:
 * a failing batch gets its error and writes nothing, its neighbours are written whole, and what a
 * batch adds besides its rows (search index, project counts) lands with it.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "commit-group-"));
process.env.SPANBOARD_DB_PATH = path.join(dir, "db.sqlite");
const BASE = "http://127.0.0.1/api/v1/private";

before(() => void db());
after(() => {
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
});

const span = (project: string, word: string, extra: Record<string, unknown> = {}) =>
  ({ id: v7(), trace_id: v7(), project_name: project, name: "g", start_time: "2026-01-01T00:00:00Z", input: { q: word }, ...extra });

async function prepared(spans: unknown[]): Promise<PreparedCommit> {
  const init = { method: "POST", headers: { "content-type": "application/json" } };
  const res = await routeOpikRequest(new Request(`${BASE}/spans/batch`, { ...init, body: JSON.stringify({ spans }) }), "/api", "prepare");
  assert.ok(res instanceof Prepared, "the batch passes the prepare step");
  return { req: new Request(`${BASE}/spans/batch`, init), prepared: res.value };
}

async function get(pathAndQuery: string) {
  const res = await handleOpikRequest(new Request(`${BASE}${pathAndQuery}`));
  return (await res.json()) as { total: number; content: { id: string }[] };
}

describe("a group of prepared span batches", () => {
  it("commits every batch of a group that has no failure, with its search rows and project counts", async () => {
    const project = `group-ok-${v7()}`;
    const batches = [[span(project, "alpha"), span(project, "alpha")], [span(project, "beta")], [span(project, "gamma")]];
    const answers = commitGroup(db(), "/api", await Promise.all(batches.map(prepared)));
    assert.deepEqual(answers.map((a) => a.status), [204, 204, 204]);
    // Without predicates the total is the project's maintained span count.
    assert.equal((await get(`/spans?project_name=${project}&size=10`)).total, 4);
    assert.equal((await get(`/spans?project_name=${project}&search=alpha`)).total, 2);
  });

  it("answers a failing batch with its error and writes its neighbours as if each came alone", async () => {
    const project = `group-mixed-${v7()}`;
    const partial = v7();
    // A partial span of another trace: a batch naming it with a new trace_id is a 409.
    const patched = await handleOpikRequest(
      new Request(`${BASE}/spans/${partial}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ project_name: project, trace_id: v7(), name: "p" }) }),
    );
    assert.equal(patched.status, 204);
    const first = [span(project, "first")];
    const failing = [span(project, "failing"), span(project, "failing", { id: partial })];
    const last = [span(project, "last")];
    const answers = commitGroup(db(), "/api", await Promise.all([first, failing, last].map(prepared)));
    assert.deepEqual(answers.map((a) => a.status), [204, 409, 204]);
    assert.deepEqual(await answers[1]!.json(), { errors: ["trace_id does not match the existing span"] });
    const ids = (await get(`/spans?project_name=${project}&size=10`)).content.map((s) => s.id).sort();
    assert.deepEqual(ids, [first[0]!.id, last[0]!.id, partial].sort(), "both neighbours, the untouched partial span, nothing of the failing batch");
    assert.equal((await get(`/spans?project_name=${project}&search=failing`)).total, 0);
    assert.equal((await get(`/spans?project_name=${project}&search=last`)).total, 1);
  });
});
