import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests against the production build in Debian's Chromium (Playwright's own browser
 * download cannot run here). Two servers: the dashboard on the embedded default, and a second
 * dashboard configured as a "remote Opik" client of the first with a canary API key, so tests can
 * prove the key never reaches the browser.
 */
const run = `${Date.now()}`;
const tmp = (name: string) => path.join(os.tmpdir(), `spanboard-e2e-${run}-${name}.sqlite`);
export const EMBEDDED_PORT = 3310;
export const REMOTE_PORT = 3311;
export const CANARY_API_KEY = "spanboard-canary-key-6f1d0b7e";

const server = (port: number, env: Record<string, string>) => ({
  command: `node_modules/.bin/next start -H 127.0.0.1 -p ${port}`,
  cwd: path.resolve(__dirname, ".."),
  url: `http://127.0.0.1:${port}/api/v1/private/projects?size=1`,
  reuseExistingServer: false,
  timeout: 60_000,
  env: { ...env, PORT: String(port) },
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
  use: {
    baseURL: `http://127.0.0.1:${EMBEDDED_PORT}`,
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
      OPIK_URL_OVERRIDE: `http://127.0.0.1:${EMBEDDED_PORT}/api`,
      OPIK_API_KEY: CANARY_API_KEY,
      OPIK_WORKSPACE: "default",
    }),
  ],
});
