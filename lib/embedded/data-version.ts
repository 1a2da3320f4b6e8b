import { openDatabase, type Db } from "./db";

/**
 * A number that changes whenever anything commits to the embedded database: the API's writer
 * thread, the main thread when the API runs inline, another process on the same file (`npm run
 * seed`, a test). SQLite's `PRAGMA data_version` on a connection of our own that never writes
 * (~2 µs a call). Answers cached against it (lib/backend/http-cache.ts) are never older than the
 * last commit acknowledged before they were asked for. `null` when the file cannot be read.
 */
export function dataVersionOf(dbPath: string): () => number | null {
  let db: Db | undefined;
  let read: (() => number) | undefined;
  return () => {
    try {
      if (!read) {
        db = openDatabase(dbPath, { readonly: true, cacheMb: 1, mmapMb: 0 });
        const statement = db.prepare("PRAGMA data_version").pluck();
        read = () => statement.get() as number;
      }
      return read();
    } catch {
      db?.close();
      db = read = undefined;
      return null;
    }
  };
}
