import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { env } from "@/lib/env";
import { MIGRATIONS } from "./schema.sql";

export type Db = Database.Database;

let instance: Db | undefined;
let instanceOptions: OpenOptions = {};

/**
 * `cacheMb` / `mmapMb` size the connection's page cache and memory map (64 / 256 MB by default):
 * every connection has its own, so the API's reader workers take smaller ones. `checkpointPages`:
 * the WAL size (in 4 KB pages) at which this connection checkpoints after a commit (10,000).
 */
export type OpenOptions = { readonly?: boolean; cacheMb?: number; mmapMb?: number; checkpointPages?: number };

/** Opens (and migrates) a database file. Tests and the benchmark open their own files with it. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (!options.readonly) fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false });
  // WAL + synchronous=NORMAL: a committed transaction survives a process crash (SIGKILL), and
  // readers never block the single writer.
  if (!options.readonly) db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("temp_store = MEMORY");
  db.pragma(`cache_size = -${Math.round((options.cacheMb ?? 64) * 1024)}`);
  db.pragma(`mmap_size = ${Math.round((options.mmapMb ?? 256) * 1024 * 1024)}`);
  db.pragma(`wal_autocheckpoint = ${options.checkpointPages ?? 10_000}`);
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

/** The process-wide (in a worker: thread-wide) database of the embedded Opik server. */
export function db(): Db {
  if (!instance) instance = openDatabase(env().dbPath, instanceOptions);
  return instance;
}

/** How `db()` opens its connection; an embedded-API worker says so before its first request. */
export function configureDb(options: OpenOptions): void {
  closeDb();
  instanceOptions = options;
}

/** For tests and scripts that point the embedded server at another file in the same process. */
export function closeDb(): void {
  instance?.close();
  instance = undefined;
}
