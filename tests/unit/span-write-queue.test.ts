import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { SpanWrite } from "@/lib/opik/schemas";
import type { Db } from "@/lib/embedded/db";
import { META_OVERFLOW_KEY } from "@/lib/embedded/meta-terms";
import { META_VALUE_PREFIX } from "@/lib/embedded/json-path";
import { createSpansBatch, updateSpan } from "@/lib/embedded/spans-store";
import { newId } from "@/lib/embedded/uuid7";
import { tempDatabase } from "../support/temp-db";

/**
 * Span writes queue their full-text rows, project counts and rowid claims until the transaction
 * ends. A span replaced within one batch must leave nothing of its first version behind, and a
 * batch that fails must leave nothing queued for the next one.
 */

/** What the SQL form (json_tree over the stored text) indexes for one span. */
const JSON_TREE_ROWS = `SELECT fullkey AS key, substr(CASE type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' THEN 'null'
  ELSE lower(CAST(atom AS TEXT)) END, 1, ${META_VALUE_PREFIX}) AS value FROM json_tree(?) WHERE type NOT IN ('object', 'array') LIMIT 64`;

let db: Db;
tempDatabase("span-meta-", (opened) => (db = opened));

const span = (metadata: unknown, extra: Partial<SpanWrite> = {}): SpanWrite =>
  ({ id: newId(), trace_id: newId(), project_name: "meta", name: "s", start_time: "2026-01-01T00:00:00Z", metadata, ...extra }) as SpanWrite;

function indexed(db: Db, spanId: string) {
  const { pk, metadata } = db.prepare("SELECT pk, metadata FROM spans WHERE id = ?").get(spanId) as { pk: number; metadata: string };
  const rows = db.prepare("SELECT key, value FROM span_meta WHERE span_pk = ? ORDER BY key, value").all(pk) as { key: string; value: string }[];
  return { pk, metadata, rows };
}

function expected(db: Db, metadata: string) {
  const rows = db.prepare(JSON_TREE_ROWS).all(metadata) as { key: string; value: string }[];
  const scalars = (db.prepare("SELECT count(*) AS n FROM json_tree(?) WHERE type NOT IN ('object', 'array')").get(metadata) as { n: number }).n;
  if (scalars > 64) rows.push({ key: META_OVERFLOW_KEY, value: "" });
  return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

describe("queued span index writes", () => {
  it("leaves no rows of a version replaced in the same batch, nor of one replaced later", () => {
    const id = newId();
    const trace = newId();
    createSpansBatch(db, [span({ v: "first", only1: 1 }, { id, trace_id: trace }), span({ v: "second" }, { id, trace_id: trace })], "admin");
    let { metadata, rows } = indexed(db, id);
    assert.deepEqual(rows, expected(db, metadata));
    assert.deepEqual(rows, [{ key: "$.v", value: "second" }]);
    updateSpan(db, id, { trace_id: trace, project_name: "meta", metadata: { v: "Third", r: 2.5 } } as never, "admin");
    ({ metadata, rows } = indexed(db, id));
    assert.deepEqual(rows, expected(db, metadata));
    assert.deepEqual(rows.map((r) => r.value).sort(), ["2.5", "third"]);
  });

  it("discards what a failed batch queued: the next batch writes nothing of it", () => {
    const countBefore = (db.prepare("SELECT span_count AS n FROM projects WHERE name = 'meta'").get() as { n: number }).n;
    const partialId = newId();
    const partialTrace = newId();
    updateSpan(db, partialId, { trace_id: partialTrace, project_name: "meta" } as never, "admin");
    const doomed = span({ doomed: "yes" }, { name: "doomedname" });
    // The partial span's trace differs: 409 after the first item was written and queued.
    assert.throws(() => createSpansBatch(db, [doomed, span({ x: 1 }, { id: partialId, trace_id: newId() })], "admin"), /trace_id does not match/);
    createSpansBatch(db, [span({ after: "ok" })], "admin");
    assert.equal((db.prepare("SELECT count(*) AS n FROM span_meta WHERE key = '$.doomed'").get() as { n: number }).n, 0);
    assert.equal((db.prepare("SELECT count(*) AS n FROM span_meta WHERE key = '$.after'").get() as { n: number }).n, 1);
    const countAfter = (db.prepare("SELECT span_count AS n FROM projects WHERE name = 'meta'").get() as { n: number }).n;
    const actual = (db.prepare("SELECT count(*) AS n FROM spans s JOIN projects p ON p.pk = s.project_pk WHERE p.name = 'meta'").get() as { n: number }).n;
    assert.equal(countAfter, actual, "the maintained span count matches the rows");
    assert.equal(countAfter, countBefore + 2, "the partial span and the later batch's span");
    assert.equal((db.prepare("SELECT count(*) AS n FROM span_fts WHERE span_fts MATCH 'doomedname'").get() as { n: number }).n, 0);
  });
});
