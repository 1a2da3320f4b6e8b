import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before } from "node:test";
import { openDatabase, type Db } from "@/lib/embedded/db";

/**
 * A migrated database in a temporary directory for one test file: opened before its tests (given to
 * `onOpen`), closed and deleted after them. `file(name)` is a path beside it, for more databases.
 */
export function tempDatabase(prefix: string, onOpen: (db: Db) => void): { file(name: string): string } {
  let dir = "";
  let db: Db | undefined;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    onOpen((db = openDatabase(path.join(dir, "db.sqlite"))));
  });
  after(() => {
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { file: (name) => path.join(dir, name) };
}
