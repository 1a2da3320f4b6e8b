import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import Database from "better-sqlite3";
import { startCheckpointer } from "@/lib/embedded/workers/checkpointer";

describe("the writer's checkpoint thread", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spanboard-ckpt-"));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("copies committed WAL pages into the database file without the writing connection checkpointing", async () => {
    const file = path.join(dir, "db.sqlite");
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.pragma("wal_autocheckpoint = 0"); // only the thread may copy
    db.exec("CREATE TABLE t (x TEXT)");
    const insert = db.prepare("INSERT INTO t (x) VALUES (?)");
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`row ${i} ${"x".repeat(200)}`);
    })();
    const before = fs.statSync(file).size;
    assert.ok(fs.statSync(`${file}-wal`).size > 400_000, "the rows are in the WAL");

    await startCheckpointer(file).nudge();

    assert.ok(fs.statSync(file).size > before + 400_000, "the rows reached the database file");
    // The database file alone (as after losing the WAL) now holds every committed row.
    const copy = path.join(dir, "copy.sqlite");
    fs.copyFileSync(file, copy);
    const alone = new Database(copy, { readonly: true });
    assert.equal((alone.prepare("SELECT count(*) AS n FROM t").get() as { n: number }).n, 2000);
    alone.close();
    db.close();
  });

  it("does nothing, and says so at once, when the file cannot be opened", async () => {
    await startCheckpointer(path.join(dir, "missing", "db.sqlite")).nudge();
  });
});
