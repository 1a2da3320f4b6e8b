import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { serverEnv } from "../scripts/server-env.mjs";
import { CANARY_API_KEY, E2E_DB_PREFIX, EMBEDDED_PORT, EMBEDDED_URL, REMOTE_PORT } from "./fixtures/env";

/**
 * End-to-end tests against the production build in Debian's Chromium (Playwright's own browser
 * download cannot run here). Two servers: the dashboard on the embedded default, and a second
 * dashboard configured as a "remote Opik" client of the first with a canary API key, so tests can
 * prove the key never reaches the browser. Specs needing other configurations start their own.
 */
// The config is loaded again in every worker process: the run's id comes from the environment the
// first load set, so all of them name the same files, which global-teardown.ts removes.
const run = (process.env.SPANBOARD_E2E_RUN ??= `${Date.now()}`);
const tmp = (name: string) => path.join(os.tmpdir(), `${E2E_DB_PREFIX}${run}-${name}.sqlite`);

const server = (port: number, env: Record<string, string>) => ({
  command: "node scripts/serve.mjs",
  cwd: path.resolve(__dirname, ".."),
  // Not an /api URL: on the remote dashboard the embedded API is off by design.
  url: `http://127.0.0.1:${port}/healthz`,
  reuseExistingServer: false,
  timeout: 60_000,
  // As `npm start` runs it (scripts/server-env.mjs).
  env: serverEnv({ ...process.env, ...env, HOST: "127.0.0.1", PORT: String(port) }) as Record<string, string>,
});

export default defineConfig({
  testDir: ".",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  globalTeardown: "./global-teardown.ts",
  use: {
    baseURL: EMBEDDED_URL,
    trace: "off",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: [
    server(EMBEDDED_PORT, { SPANBOARD_DB_PATH: tmp("embedded"), SPANBOARD_SEED_DEMO: "0" }),
    server(REMOTE_PORT, {
      SPANBOARD_DB_PATH: tmp("remote"),
      OPIK_URL_OVERRIDE: `${EMBEDDED_URL}/api`,
      OPIK_API_KEY: CANARY_API_KEY,
      OPIK_WORKSPACE: "default",
    }),
  ],
});
