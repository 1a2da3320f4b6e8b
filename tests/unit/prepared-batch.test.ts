import assert from "node:assert/strict";
import v8 from "node:v8";
import { describe, it } from "node:test";
import type { SpanWrite } from "@/lib/opik/schemas";
import type { Db } from "@/lib/embedded/db";
import { packBatch, unpackBatch } from "@/lib/embedded/prepared-batch";
import { createSpansBatch, prepareSpansBatch, writeSpansBatch } from "@/lib/embedded/spans-store";
import { newId } from "@/lib/embedded/uuid7";
import { tempDatabase } from "../support/temp-db";

/**
 * POST /spans/batch is prepared on one thread and written on another: the batch crosses as
 * `v8.serialize`d rows plus every text as UTF-8 in one buffer. What lands must be what the
 * all-strings path writes: the same TEXT payloads, the same search rows.
 */
let db: Db;
tempDatabase("prepared-batch-", (opened) => (db = opened));

const span = (extra: Partial<SpanWrite>): SpanWrite =>
  ({ id: newId(), trace_id: newId(), project_name: "packed", name: "s", start_time: "2026-01-01T00:00:00Z", ...extra }) as SpanWrite;

/** Through the preparer → writer hop, as the worker pool carries it. */
const acrossThreads = (spans: SpanWrite[]) => writeSpansBatch(db, unpackBatch(v8.deserialize(v8.serialize(packBatch(prepareSpansBatch(spans, "admin"))))), "admin");

function stored(id: string) {
  return db
    .prepare("SELECT i.input, i.output, typeof(i.input) AS inputType, typeof(i.output) AS outputType FROM spans s LEFT JOIN span_io i ON i.pk = s.pk WHERE s.id = ?")
    .get(id) as { input: string | null; output: string | null; inputType: string; outputType: string };
}

const searchHits = (word: string) =>
  (db.prepare("SELECT count(*) AS n FROM span_fts WHERE span_fts MATCH ?").get(`"${word}"*`) as { n: number }).n;

describe("a prepared span batch", () => {
  it("stores inputs and outputs as the same TEXT the string path stores, nulls as none", () => {
    const payload = { messages: [{ role: "user", content: "naïve café — 東京 🚀" }], n: 1.5 };
    const packed = span({ input: payload, output: null });
    const direct = span({ input: payload, output: null });
    acrossThreads([packed]);
    createSpansBatch(db, [direct], "admin");
    const a = stored(packed.id!);
    const b = stored(direct.id!);
    assert.deepEqual({ ...a }, { ...b });
    assert.equal(a.inputType, "text");
    assert.equal(a.input, JSON.stringify(payload));
    assert.equal(a.output, null);
  });

  it("indexes the texts for search, non-ASCII words included", () => {
    acrossThreads([span({ input: { q: "zebrafish Ångström" }, output: { a: "quokka" }, metadata: { team: "narwhal" } })]);
    for (const word of ["zebrafish", "angstrom", "quokka", "narwhal"]) assert.equal(searchHits(word), 1, word);
  });

  it("keeps every text in its place across a batch of mixed sizes", () => {
    const spans = Array.from({ length: 50 }, (_, i) => span({ input: i % 3 ? { i, text: "x".repeat(i * 37) } : undefined, output: { i } }));
    acrossThreads(spans);
    spans.forEach((s, i) => {
      const row = stored(s.id!);
      assert.equal(row.input, i % 3 ? JSON.stringify({ i, text: "x".repeat(i * 37) }) : null, `span ${i}`);
      assert.equal(row.output, JSON.stringify({ i }), `span ${i}`);
    });
  });
});
