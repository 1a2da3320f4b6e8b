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

  it("copies at most once per gap: commits inside it are copied together when it ends", async () => {
    const file = path.join(dir, "gap.sqlite");
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.pragma("wal_autocheckpoint = 0");
    db.exec("CREATE TABLE t (x TEXT)");
    const insert = db.prepare("INSERT INTO t (x) VALUES (?)");
    const rows = (n: number) => db.transaction(() => {
      for (let i = 0; i < n; i++) insert.run("y".repeat(200));
    })();
    const countAlone = () => {
      const copy = path.join(dir, "gap-copy.sqlite");
      fs.copyFileSync(file, copy);
      const alone = new Database(copy, { readonly: true });
      const n = (alone.prepare("SELECT count(*) AS n FROM t").get() as { n: number }).n;
      alone.close();
      return n;
    };
    const gapMs = 1_500;
    const checkpointer = startCheckpointer(file, gapMs);

    rows(500);
    const first = performance.now();
    await checkpointer.nudge(); // the first copy starts at once
    assert.equal(countAlone(), 500);

    rows(500);
    const a = checkpointer.nudge();
    rows(500);
    const b = checkpointer.nudge();
    assert.equal(countAlone(), 500, "inside the gap nothing more is copied yet");
    await Promise.all([a, b]);
    assert.ok(performance.now() - first >= gapMs, "the next copy waited for the gap to pass");
    assert.equal(countAlone(), 1500, "one copy at the gap's end took both commits");
    db.close();
  });

  it("empties the WAL file once the writer has been quiet, and only then", async () => {
    const file = path.join(dir, "idle.sqlite");
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.pragma("wal_autocheckpoint = 0");
    db.exec("CREATE TABLE t (x TEXT)");
    const insert = db.prepare("INSERT INTO t (x) VALUES (?)");
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run("z".repeat(200));
    })();
    const walSize = () => fs.statSync(`${file}-wal`).size;
    const checkpointer = startCheckpointer(file, 0, 1_000);
    await checkpointer.nudge();
    assert.ok(walSize() > 400_000, "a copy leaves the WAL file as large as it grew");
    const deadline = Date.now() + 10_000;
    while (walSize() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(walSize(), 0, "emptied after the quiet spell");
    assert.equal((db.prepare("SELECT count(*) AS n FROM t").get() as { n: number }).n, 2000);
    db.close();
  });

  it("does nothing, and says so at once, when the file cannot be opened", async () => {
    await startCheckpointer(path.join(dir, "missing", "db.sqlite")).nudge();
  });
});
