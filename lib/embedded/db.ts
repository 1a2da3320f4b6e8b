import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { env } from "@/lib/env";
import { MIGRATIONS } from "./schema.sql";

export type Db = Database.Database;

let instance: Db | undefined;

/** Opens (and migrates) a database file. Tests and the benchmark open their own files with it. */
export function openDatabase(file: string, options: { readonly?: boolean } = {}): Db {
  if (!options.readonly) fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false });
  // WAL + synchronous=NORMAL: a committed transaction survives a process crash (SIGKILL), and
  // readers never block the single writer.
  if (!options.readonly) db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("temp_store = MEMORY");
  db.pragma("cache_size = -65536");
  db.pragma("mmap_size = 268435456");
  db.pragma("wal_autocheckpoint = 10000");
  if (!options.readonly) migrate(db);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

/** The process-wide database of the embedded Opik server. */
export function db(): Db {
  if (!instance) instance = openDatabase(env().dbPath);
  return instance;
}

/** For tests and scripts that point the embedded server at another file in the same process. */
export function closeDb(): void {
  instance?.close();
  instance = undefined;
}
