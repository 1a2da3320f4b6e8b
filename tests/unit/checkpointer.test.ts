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

  /** A WAL database whose own connection never checkpoints: only the thread may copy. */
  function walDatabase(name: string) {
    const file = path.join(dir, name);
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.pragma("wal_autocheckpoint = 0");
    db.exec("CREATE TABLE t (x TEXT)");
    const insert = db.prepare("INSERT INTO t (x) VALUES (?)");
    const commitRows = (n: number) =>
      db.transaction(() => {
        for (let i = 0; i < n; i++) insert.run(`row ${i} ${"x".repeat(200)}`);
      })();
    /** Rows in the database file alone, as after losing the WAL. */
    const rowsInFileAlone = () => {
      const copy = path.join(dir, `copy-${name}`);
      fs.copyFileSync(file, copy);
      const alone = new Database(copy, { readonly: true });
      const n = (alone.prepare("SELECT count(*) AS n FROM t").get() as { n: number }).n;
      alone.close();
      return n;
    };
    const walSize = () => fs.statSync(`${file}-wal`).size;
    return { file, db, commitRows, rowsInFileAlone, walSize };
  }

  it("copies committed WAL pages into the database file without the writing connection checkpointing", async () => {
    const { file, db, commitRows, rowsInFileAlone, walSize } = walDatabase("db.sqlite");
    commitRows(2000);
    const before = fs.statSync(file).size;
    assert.ok(walSize() > 400_000, "the rows are in the WAL");

    await startCheckpointer(file).nudge();

    assert.ok(fs.statSync(file).size > before + 400_000, "the rows reached the database file");
    assert.equal(rowsInFileAlone(), 2000);
    db.close();
  });

  it("copies at most once per gap: commits inside it are copied together when it ends", async () => {
    const { file, db, commitRows, rowsInFileAlone } = walDatabase("gap.sqlite");
    const gapMs = 1_500;
    const checkpointer = startCheckpointer(file, gapMs);

    commitRows(500);
    const first = performance.now();
    await checkpointer.nudge(); // the first copy starts at once
    assert.equal(rowsInFileAlone(), 500);

    commitRows(500);
    const a = checkpointer.nudge();
    commitRows(500);
    const b = checkpointer.nudge();
    assert.equal(rowsInFileAlone(), 500, "inside the gap nothing more is copied yet");
    await Promise.all([a, b]);
    assert.ok(performance.now() - first >= gapMs, "the next copy waited for the gap to pass");
    assert.equal(rowsInFileAlone(), 1500, "one copy at the gap's end took both commits");
    db.close();
  });

  it("empties the WAL file once the writer has been quiet, and only then", async () => {
    const { file, db, commitRows, walSize } = walDatabase("idle.sqlite");
    commitRows(2000);
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
