import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { v7 } from "uuid";
import { startNext, type ExtraServer } from "./fixtures/next-server";

/**
 * A server listening on one address only (HOST) still shows its own spans: the dashboard reaches
 * the embedded API inside the process, not by dialling 127.0.0.1, where nothing listens then.
 * 127.0.0.2 is a loopback address that is not 127.0.0.1.
 */
let server: ExtraServer;
let dir: string;

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "spanboard-e2e-host-"));
  server = await startNext({ SPANBOARD_DB_PATH: path.join(dir, "host.sqlite") }, "127.0.0.2");
});
test.afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("HOST=127.0.0.2: the embedded backend is reachable and a project's spans are listed", async ({ page }) => {
  const name = `host-${v7().slice(-8)}`;
  const spans = ["fetch-order", "draft-reply"].map((n, i) => ({ id: v7(), trace_id: v7(), project_name: name, name: n, start_time: new Date(Date.now() - 1000 + i).toISOString() }));
  const created = await fetch(`${server.url}/api/v1/private/spans/batch`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ spans }) });
  expect(created.status, await created.clone().text()).toBe(204);

  await page.goto(`${server.url}/`);
  const backend = page.getByRole("region", { name: "Opik backend" });
  await expect(backend).toContainText("embedded");
  await expect(backend).toContainText(/reachable · \d+ ms/);
  await page.getByRole("list", { name: "Projects" }).getByRole("link", { name }).click();
  const table = page.getByRole("table", { name: "Spans" });
  await expect(table.getByRole("row", { name: /fetch-order/ })).toBeVisible();
  await expect(table.getByRole("row", { name: /draft-reply/ })).toBeVisible();
});
