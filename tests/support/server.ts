import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startInprocServer } from "./inproc-server";
import { startNextServer } from "./next-server";

export type TestServer = { origin: string; apiUrl: string; dbPath: string; stop(): Promise<void> };

/**
 * A fresh embedded Opik server on 127.0.0.1 with its own empty SQLite file and no demo data.
 * SPANBOARD_TEST_SERVER=next runs the production build (what CI does); otherwise the same handler
 * runs in-process, which is what makes a quick edit-test loop possible. `extraEnv` adds settings
 * (in-process they stay in this process's environment until the next startServer). `workers`
 * serves the in-process API through the worker pool too (the production server always does).
 */
export async function startServer(extraEnv: Record<string, string> = {}, options: { workers?: boolean } = {}): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spanboard-test-"));
  const dbPath = path.join(dir, "test.sqlite");
  const env = { SPANBOARD_DB_PATH: dbPath, SPANBOARD_SEED_DEMO: "0", ...extraEnv };
  const server =
    process.env.SPANBOARD_TEST_SERVER === "next"
      ? await startNextServer(env)
      : await startInproc(env, options.workers ?? false);
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

async function startInproc(env: Record<string, string>, workers: boolean) {
  Object.assign(process.env, env);
  const [{ resetEnv }, { closeDb }] = await Promise.all([import("@/lib/env"), import("@/lib/embedded/db")]);
  resetEnv();
  closeDb();
  if (!workers) return startInprocServer();
  const { serveEmbedded, startEmbeddedPool, stopEmbeddedPool } = await import("@/lib/embedded/workers/serve");
  const entry = bundleWorker();
  startEmbeddedPool({ entry });
  const server = await startInprocServer((req) => serveEmbedded(req));
  const close = async () => {
    await server.close();
    await stopEmbeddedPool();
    fs.rmSync(path.dirname(entry), { recursive: true, force: true });
  };
  return { ...server, close };
}

/** The production worker bundle, built from the current sources into a temporary directory. */
function bundleWorker(): string {
  const root = path.resolve(__dirname, "../..");
  // Inside the checkout, so the bundle finds better-sqlite3 in node_modules as the real one does.
  fs.mkdirSync(path.join(root, ".data"), { recursive: true });
  const out = path.join(fs.mkdtempSync(path.join(root, ".data", "worker-bundle-")), "embedded-worker.cjs");
  const built = spawnSync(process.execPath, [path.join(root, "scripts", "build-worker.mjs"), out], { cwd: root, encoding: "utf8" });
  if (built.status !== 0) throw new Error(`bundling the embedded API worker failed:\n${built.stderr}`);
  return out;
}
