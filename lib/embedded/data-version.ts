import { openDatabase, type Db } from "./db";

/**
 * A number that changes whenever anything commits to the embedded database: the API's writer
 * thread, the main thread when the API runs inline, another process on the same file (`npm run
 * seed`, a test). SQLite's `PRAGMA data_version` on a connection of our own that never writes
 * (~2 µs a call). Answers cached against it (lib/backend/http-cache.ts) are never older than the
 * last commit acknowledged before they were asked for. `null` when the file cannot be read, or
 * is locked for a moment (a WAL recovery): that request is then answered afresh.
 */
export function dataVersionOf(dbPath: string): () => number | null {
  let db: Db | undefined;
  let read: (() => number) | undefined;
  return () => {
    try {
      if (!read) {
        db = openDatabase(dbPath, { readonly: true, cacheMb: 1, mmapMb: 0 });
        // It is asked on the main thread for every page and API read: never wait for a lock.
        db.pragma("busy_timeout = 0");
        const statement = db.prepare("PRAGMA data_version").pluck();
        read = () => statement.get() as number;
      }
      return read();
    } catch (error) {
      if ((error as { code?: string }).code !== "SQLITE_BUSY") {
        db?.close();
        db = read = undefined;
      }
      return null;
    }
  };
}
