import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startInprocServer } from "./inproc-server";
import { startNextServer } from "./next-server";

export type TestServer = { origin: string; apiUrl: string; dbPath: string; stop(): Promise<void> };

/**
 * A fresh embedded Opik server on 127.0.0.1 with its own empty SQLite file and no demo data.
 * SPANBOARD_TEST_SERVER=next runs the production build (what CI does); otherwise the same handler
 * runs in-process, which is what makes a quick edit-test loop possible.
 */
export async function startServer(): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spanboard-test-"));
  const dbPath = path.join(dir, "test.sqlite");
  const env = { SPANBOARD_DB_PATH: dbPath, SPANBOARD_SEED_DEMO: "0" };
  const server =
    process.env.SPANBOARD_TEST_SERVER === "next"
      ? await startNextServer(env)
      : await startInproc(env);
  return {
    origin: server.origin,
    apiUrl: `${server.origin}/api`,
    dbPath,
    stop: async () => {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startInproc(env: Record<string, string>) {
  Object.assign(process.env, env);
  const [{ resetEnv }, { closeDb }] = await Promise.all([import("@/lib/env"), import("@/lib/embedded/db")]);
  resetEnv();
  closeDb();
  return startInprocServer();
}
