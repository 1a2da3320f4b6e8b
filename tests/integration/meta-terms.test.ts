import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { openDatabase, type Db } from "@/lib/embedded/db";
import { META_TERMS_MIGRATION_SQL } from "@/lib/embedded/meta-terms";
import { MIGRATIONS } from "@/lib/embedded/schema.sql";
import { listSpans } from "@/lib/embedded/spans-query";
import { createSpansBatch, deleteSpansWhere, updateSpan } from "@/lib/embedded/spans-store";
import { newId } from "@/lib/embedded/uuid7";
import type { SpanWrite } from "@/lib/opik/schemas";
import { UNDO_META_TERMS_SQL } from "../support/schema-steps";
import { tempDatabase } from "../support/temp-db";

/**
 * The dictionary-encoded metadata index (meta-terms.ts): its migration from the one-table layout
 * keeps every entry and every filter's answer, and span rewrites and deletes take their pairs away.
 */
let db: Db;
const temp = tempDatabase("meta-terms-", (opened) => (db = opened));

const wide = Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`k${i}`, i]));
const span = (project: string, metadata: unknown): SpanWrite =>
  ({ id: newId(), trace_id: newId(), project_name: project, name: "s", start_time: "2026-01-01T00:00:00Z", metadata }) as SpanWrite;
const METADATA = [
  { env: "Production", n: 3, ok: true },
  { env: "staging", n: 12.5, nested: { tier: "gold" } },
  { env: "production", n: -1, list: ["a", "b"] },
  { ...wide, env: "production" },
  { ...wide, late: "x", env: "staging" },
  "not an object",
];
const FILTERS: [string, string, string][] = [
  ["env", "=", "production"],
  ["env", "=", "missing"],
  ["n", ">", "2"],
  ["n", "<", "0"],
  ["nested.tier", "=", "gold"],
  ["late", "=", "x"],
  ["k3", "=", "3"],
];

function answers(d: Db, project: string): { filter: string; total: number; ids: string[] }[] {
  return FILTERS.map(([key, operator, value]) => {
    const filters = JSON.stringify([{ field: "metadata", operator, key, value }]);
    const r = listSpans(d, new URLSearchParams({ project_name: project, filters, size: "100" }));
    return { filter: `${key} ${operator} ${value}`, total: r.total, ids: r.content.map((s) => s.id as string) };
  });
}

const entries = (d: Db) => d.prepare("SELECT project_pk, key, value, span_pk FROM span_meta ORDER BY 1, 2, 3, 4").all();

describe("metadata terms", () => {
  it("the migration from the one-table index keeps every entry and every filter's answer", () => {
    const file = temp.file("old.sqlite");
    let old = openDatabase(file);
    createSpansBatch(old, METADATA.map((m) => span("old", m)), "t");
    const before = { entries: entries(old), answers: answers(old, "old") };
    assert.equal(before.answers[0]!.total, 3, "env = production, any case, overflowing metadata included");
    assert.equal(before.answers[5]!.total, 1, "a key past the 64 indexed scalars is found in the JSON");
    old.exec(`${UNDO_META_TERMS_SQL} PRAGMA user_version = ${MIGRATIONS.indexOf(META_TERMS_MIGRATION_SQL)};`);
    assert.equal((old.prepare("SELECT type FROM sqlite_schema WHERE name = 'span_meta'").get() as { type: string }).type, "table");
    old.close();
    old = openDatabase(file);
    assert.equal((old.prepare("SELECT type FROM sqlite_schema WHERE name = 'span_meta'").get() as { type: string }).type, "view");
    assert.deepEqual(entries(old), before.entries);
    assert.deepEqual(answers(old, "old"), before.answers);
    old.close();
  });

  it("a span's rewrite and delete take its old pairs out, and a term serves every span that has it", () => {
    const [a, b] = [span("rw", { env: "production", tier: "gold" }), span("rw", { env: "production" })];
    createSpansBatch(db, [a, b], "t");
    const pairs = (id: string) =>
      db.prepare("SELECT m.key, m.value FROM span_meta m JOIN spans s ON s.pk = m.span_pk WHERE s.id = ? ORDER BY 1").all(id);
    assert.deepEqual(pairs(a.id!), [{ key: "$.env", value: "production" }, { key: "$.tier", value: "gold" }]);
    const terms = () => (db.prepare("SELECT count(*) AS n FROM meta_terms WHERE key = '$.env'").get() as { n: number }).n;
    const termsBefore = terms();
    updateSpan(db, a.id!, { trace_id: a.trace_id, project_name: "rw", metadata: { env: "staging" } } as never, "t");
    assert.deepEqual(pairs(a.id!), [{ key: "$.env", value: "staging" }]);
    assert.equal(terms(), termsBefore + 1, "one new term for the new value");
    const production = () => answers(db, "rw")[0]!.ids;
    assert.deepEqual(production(), [b.id]);
    deleteSpansWhere(db, "id = ?", [b.id]);
    assert.deepEqual(pairs(b.id!), []);
    assert.deepEqual(production(), []);
    assert.equal((db.prepare("SELECT count(*) AS n FROM span_meta_terms WHERE span_pk NOT IN (SELECT pk FROM spans)").get() as { n: number }).n, 0);
  });
});
