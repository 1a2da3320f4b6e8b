import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { openDatabase } from "@/lib/embedded/db";
import { DEMO_PROJECT, generateBatches, seedDemoIfEmpty, seedProject, type SeedBatch } from "@/lib/embedded/seed";
import { parseInstant } from "@/lib/opik/instant";
import { uuid7Millis, isUuidV7 } from "@/lib/embedded/uuid7";
import { api, qs } from "../support/api";
import { startServer, type TestServer } from "../support/server";

const END = Date.parse("2025-06-15T12:00:00Z");
const collect = (spans: number, seed = 7, batchSize?: number): SeedBatch[] =>
  [...generateBatches({ projectName: "p", spans, seed, endMs: END, batchSize })];

describe("demo data generator", () => {
  const batches = collect(20_000);
  const spans = batches.flatMap((b) => b.spans);
  const scores = batches.flatMap((b) => b.scores);

  it("is deterministic: the same seed gives the same spans, another seed does not", () => {
    const again = collect(20_000).flatMap((b) => b.spans);
    assert.equal(JSON.stringify(again), JSON.stringify(spans));
    const other = collect(2_000, 8).flatMap((b) => b.spans);
    assert.notEqual(other[0]!.id, spans[0]!.id);
  });

  it("streams exactly the requested number of spans in batches of at most 1,000", () => {
    assert.equal(spans.length, 20_000);
    assert.ok(batches.every((b) => b.spans.length <= 1000));
    assert.equal(batches.filter((b) => b.spans.length < 1000).length, 0);
    assert.equal(collect(2_345).flatMap((b) => b.spans).length, 2_345);
    assert.ok(collect(1_000, 7, 250).every((b) => b.spans.length <= 250));
  });

  it("nests spans up to depth 5, parents first, with every span type", () => {
    const depth = new Map<string, number>();
    for (const s of spans) {
      if (s.parent_span_id) {
        const parent = depth.get(s.parent_span_id);
        assert.ok(parent !== undefined, `parent of ${s.id} comes earlier in the stream`);
        depth.set(s.id!, parent + 1);
      } else depth.set(s.id!, 1);
    }
    const max = Math.max(...depth.values());
    assert.equal(max, 5);
    assert.deepEqual(new Set(spans.map((s) => s.type)), new Set(["general", "tool", "llm", "guardrail"]));
  });

  it("gives about 5% of spans a Python error", () => {
    const failed = spans.filter((s) => s.error_info);
    const rate = failed.length / spans.length;
    assert.ok(rate > 0.03 && rate < 0.07, `error rate ${rate}`);
    const e = failed[0]!.error_info!;
    assert.ok(e.traceback.startsWith("Traceback (most recent call last):"));
    assert.ok(e.traceback.split("\n").length >= 5);
  });

  it("uses UUIDv7 ids whose timestamps are the start times, within the last 14 days", () => {
    for (const s of spans.slice(0, 5_000)) {
      assert.ok(isUuidV7(s.id));
      assert.equal(uuid7Millis(s.id!), Math.floor(parseInstant(s.start_time)! / 1000));
      assert.ok(parseInstant(s.end_time!)! >= parseInstant(s.start_time)!);
    }
    const first = parseInstant(spans[0]!.start_time)! / 1000;
    const last = Math.max(...spans.map((s) => parseInstant(s.end_time!)! / 1000));
    assert.ok(first >= END - 14 * 86_400_000 && last <= END);
    assert.ok(last - first > 13 * 86_400_000, "spread over the window");
  });

  it("fills llm spans with model, provider, usage and ttft, and payloads with content", () => {
    const llm = spans.filter((s) => s.type === "llm");
    assert.ok(llm.every((s) => s.model && s.provider && s.usage && s.usage.total_tokens! > 0));
    assert.ok(new Set(llm.map((s) => s.provider)).size >= 4);
    assert.ok(llm.filter((s) => s.ttft).length > llm.length / 2);
    const bytes = spans.slice(0, 3000).reduce((n, s) => n + JSON.stringify(s.input ?? null).length + JSON.stringify(s.output ?? null).length, 0);
    assert.ok(bytes / 3000 > 1000, `average payload ${bytes / 3000} bytes`);
  });

  it("varies metadata selectivity: a few environments, hundreds of users", () => {
    const meta = spans.map((s) => s.metadata as Record<string, unknown>);
    assert.ok(new Set(meta.map((m) => m.environment)).size <= 5);
    assert.ok(new Set(meta.map((m) => m.user_id)).size >= 200);
  });

  it("scores a subset of spans, by more than one author, sometimes several on one score", () => {
    assert.ok(new Set(scores.map((s) => s.author)).size >= 2);
    assert.ok(new Set(scores.map((s) => s.name)).size >= 3);
    const authorsPerScore = new Map<string, Set<string>>();
    for (const s of scores) {
      const key = `${s.span_id}/${s.name}`;
      authorsPerScore.set(key, (authorsPerScore.get(key) ?? new Set()).add(s.author));
    }
    assert.ok([...authorsPerScore.values()].some((a) => a.size >= 2));
    const ids = new Set(spans.map((s) => s.id));
    assert.ok(scores.every((s) => ids.has(s.span_id)));
    const commenters = new Set(batches.flatMap((b) => b.comments.map((c) => c.author)));
    assert.ok(commenters.size >= 2);
  });
});

describe("seeding a database", () => {
  let server: TestServer;
  before(async () => (server = await startServer()));
  after(async () => server?.stop());

  it("ingests the generator's payloads over HTTP and reads back the expected total", async () => {
    const client = api(server.apiUrl);
    const project = `seed-http-${Date.now()}`;
    let scoreCount = 0;
    for (const batch of generateBatches({ projectName: project, spans: 2_500, seed: 3, endMs: END })) {
      assert.equal((await client.post("/v1/private/spans/batch", { spans: batch.spans })).status, 204);
      const scores = batch.scores.map(({ span_id, ...s }) => ({ ...s, id: span_id, project_name: project }));
      scoreCount += scores.length;
      if (scores.length) assert.equal((await client.put("/v1/private/spans/feedback-scores", { scores })).status, 204);
    }
    const page = await client.get(`/v1/private/spans${qs({ project_name: project, size: 5 })}`);
    assert.equal(page.status, 200);
    assert.equal(page.body.total, 2_500);
    assert.ok(scoreCount > 0);
    const scored = await client.get(
      `/v1/private/spans${qs({ project_name: project, size: 1, filters: [{ field: "feedback_scores", operator: "is_not_empty", key: "relevance", value: "" }] })}`,
    );
    assert.ok(scored.body.total > 0);
  });

  it("seeds through the stores: scores keep every author, comments their reviewers", async () => {
    const project = `seed-store-${Date.now()}`;
    const db = openDatabase(server.dbPath);
    const result = seedProject(db, { projectName: project, spans: 3_000, seed: 11, endMs: END });
    db.close();
    assert.equal(result.spans, 3_000);
    const client = api(server.apiUrl);
    const page = await client.get(`/v1/private/spans${qs({ project_name: project, size: 1 })}`);
    assert.equal(page.body.total, 3_000);

    const generated = [...generateBatches({ projectName: project, spans: 3_000, seed: 11, endMs: END })];
    const expected = generated.flatMap((b) => b.scores);
    const byKey = new Map<string, Set<string>>();
    for (const s of expected) byKey.set(`${s.span_id}|${s.name}`, (byKey.get(`${s.span_id}|${s.name}`) ?? new Set()).add(s.author));
    const [key] = [...byKey].find(([, authors]) => authors.size >= 2)!;
    const [spanId, name] = key.split("|");
    const span = await client.get(`/v1/private/spans/${spanId}`);
    const score = span.body.feedback_scores.find((s: { name: string }) => s.name === name);
    assert.equal(Object.keys(score.value_by_author).length, byKey.get(key)!.size);

    const comment = generated.flatMap((b) => b.comments)[0]!;
    const commented = await client.get(`/v1/private/spans/${comment.span_id}`);
    const stored = commented.body.comments.find((c: { text: string }) => c.text === comment.text);
    assert.equal(stored.created_by, comment.author);
  });

  it("writes the demo project only into an empty database", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spanboard-seed-"));
    try {
      const db = openDatabase(path.join(dir, "demo.sqlite"));
      seedDemoIfEmpty(db, 400);
      const count = () => db.prepare("SELECT name, span_count FROM projects").all() as { name: string; span_count: number }[];
      assert.deepEqual(count(), [{ name: DEMO_PROJECT, span_count: 400 }]);
      seedDemoIfEmpty(db, 400);
      assert.deepEqual(count(), [{ name: DEMO_PROJECT, span_count: 400 }]);
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
