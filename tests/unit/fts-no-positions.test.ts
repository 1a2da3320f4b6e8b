import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import { openDatabase, type Db } from "@/lib/embedded/db";
import { MIGRATIONS } from "@/lib/embedded/schema.sql";
import { SPAN_FTS_NO_POSITIONS_SQL } from "@/lib/embedded/span-indexes";
import { listSpans } from "@/lib/embedded/spans-query";
import { createSpansBatch, deleteSpansWhere } from "@/lib/embedded/spans-store";
import { newId } from "@/lib/embedded/uuid7";
import type { SpanWrite } from "@/lib/opik/schemas";
import { tempDatabase } from "../support/temp-db";

/**
 * The full-text index keeps no word positions (span-indexes.ts SPAN_FTS_NO_POSITIONS_SQL): an
 * index made with them is rebuilt from the stored spans when the file is opened, and every search
 * answers as it did.
 */
let db: Db;
const temp = tempDatabase("fts-no-positions-", (opened) => (db = opened));

const PROJECT = "fts";
const span = (fields: Partial<SpanWrite>): SpanWrite =>
  ({ id: newId(), trace_id: newId(), project_name: PROJECT, name: "step", start_time: "2026-01-01T00:00:00Z", ...fields }) as SpanWrite;

const SPANS: SpanWrite[] = [
  span({ name: "Retrieve documents", model: "gpt-4o", provider: "openai", tags: ["Nightly", "éclair"] }),
  span({ input: { messages: [{ role: "user", content: "Where is my parcel?" }], top_k: 4096, stream: true } }),
  span({ output: { answer: "The parcel ships Thursday", scores: [0.25, 7] } }),
  span({ metadata: { environment: "staging", nested: { owner: "quokka" } } }),
  span({ error_info: { exception_type: "TimeoutError", message: "upstream slow", traceback: "File handler.py line 12" } }),
  // Past a field's 20,000 characters the index stops (spanTexts' budget): the last word is not indexed.
  span({ input: { long: `${"lorem ".repeat(3_400)} unreachableword`, early: "reachableword" } }),
  span({ name: "doomed", input: "vanishingword" }),
];
const WORDS = ["retrieve", "gpt", "4o", "openai", "nightly", "eclair", "parcel", "4096", "true", "thursday", "0", "25", "staging",
  "quokka", "timeouterror", "handler", "reachableword", "unreachableword", "vanishingword", "step", "user", "role"];

const answers = (d: Db) =>
  WORDS.map((search) => {
    const page = listSpans(d, new URLSearchParams({ project_name: PROJECT, search, size: "100" }));
    return { search, total: page.total, ids: page.content.map((s) => s.id as string).sort() };
  });
const tableSql = (d: Db) => (d.prepare("SELECT sql FROM sqlite_schema WHERE name = 'span_fts'").get() as { sql: string }).sql;

describe("a full-text index without word positions", () => {
  it("is what a new database gets, and it finds a span's words", () => {
    assert.match(tableSql(db), /detail=column/);
    createSpansBatch(db, SPANS, "t");
    const found = Object.fromEntries(answers(db).map((a) => [a.search, a.total]));
    assert.equal(found.parcel, 2);
    assert.equal(found.quokka, 1, "a metadata value");
    assert.equal(found.unreachableword, 0, "past the field's budget");
  });

  it("replaces an index made with positions, rebuilt from the stored spans, every search answering as before", () => {
    const file = temp.file("old.sqlite");
    const step = MIGRATIONS.indexOf(SPAN_FTS_NO_POSITIONS_SQL);
    const old = new Database(file);
    for (const sql of MIGRATIONS.slice(0, step)) old.exec(sql);
    old.pragma(`user_version = ${step}`);
    assert.doesNotMatch(tableSql(old), /detail=column/);
    createSpansBatch(old, SPANS, "t");
    assert.equal(deleteSpansWhere(old, "name = ?", ["doomed"]), 1);
    const before = answers(old);
    assert.ok(before.filter((a) => a.total > 0).length >= 18, "the words are found before the rebuild");
    old.close();

    const upgraded = openDatabase(file);
    assert.match(tableSql(upgraded), /detail=column/);
    assert.deepEqual(answers(upgraded), before);
    createSpansBatch(upgraded, [span({ name: "afterwards" })], "t");
    assert.equal(listSpans(upgraded, new URLSearchParams({ project_name: PROJECT, search: "afterwards" })).total, 1);
    upgraded.close();
  });
});
