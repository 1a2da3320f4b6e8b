import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { openDatabase, type Db } from "@/lib/embedded/db";
import { MIGRATIONS } from "@/lib/embedded/schema.sql";
import { SPAN_FTS_AUTOMERGE_SQL, SPAN_FTS_MERGE_16_SQL } from "@/lib/embedded/span-indexes";

describe("full-text segment merging", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spanboard-fts-merge-"));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const config = (db: Db) =>
    Object.fromEntries((db.prepare("SELECT k, v FROM span_fts_config WHERE k IN ('automerge', 'crisismerge')").all() as { k: string; v: number }[]).map((r) => [r.k, Number(r.v)]));

  it("merges 16 segments at a time, and a level all at once only at 64, in a new database", () => {
    const db = openDatabase(path.join(dir, "new.sqlite"));
    assert.deepEqual(config(db), { automerge: 16, crisismerge: 64 });
    db.close();
  });

  it("moves a database made with 8 (and the default crisis merge, 16) to 16 and 64 when it is opened", () => {
    const file = path.join(dir, "old.sqlite");
    const old = openDatabase(file);
    old.exec(`${SPAN_FTS_AUTOMERGE_SQL} INSERT INTO span_fts (span_fts, rank) VALUES ('crisismerge', 16);`);
    old.pragma(`user_version = ${MIGRATIONS.indexOf(SPAN_FTS_MERGE_16_SQL)}`);
    assert.deepEqual(config(old), { automerge: 8, crisismerge: 16 });
    old.close();

    const upgraded = openDatabase(file);
    assert.deepEqual(config(upgraded), { automerge: 16, crisismerge: 64 });
    upgraded.close();
  });
});
