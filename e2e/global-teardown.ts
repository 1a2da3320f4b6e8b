import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { E2E_DB_PREFIX } from "./fixtures/env";

/**
 * Removes this run's database files (with their -wal and -shm). Playwright stops the web servers
 * only after this runs; on Linux they keep writing to the removed files until they exit.
 */
export default function globalTeardown(): void {
  const prefix = `${E2E_DB_PREFIX}${process.env.SPANBOARD_E2E_RUN}-`;
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (name.startsWith(prefix)) fs.rmSync(path.join(os.tmpdir(), name), { force: true });
  }
}
