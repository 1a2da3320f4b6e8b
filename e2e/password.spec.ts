import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { v7 } from "uuid";
import { startNext, type ExtraServer } from "./fixtures/next-server";

/**
 * An exposed Spanboard with SPANBOARD_PASSWORD: its own production server, started here. The
 * reader is sent to the login page, a wrong password is refused, the right one opens the page they
 * asked for, and signing out closes it again; the embedded API wants the password as its key.
 */
const PASSWORD = `e2e-${randomUUID()}`;
let server: ExtraServer;
let dir: string;

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "spanboard-e2e-password-"));
  server = await startNext({ SPANBOARD_PASSWORD: PASSWORD, SPANBOARD_DB_PATH: path.join(dir, "password.sqlite") });
});
test.afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function seedProject(name: string): Promise<string> {
  const api = `${server.url}/api/v1/private`;
  const headers = { "content-type": "application/json", authorization: PASSWORD };
  const trace = v7();
  const spans = ["first-step", "second-step"].map((n, i) => ({ id: v7(), trace_id: trace, project_name: name, name: n, type: "general", start_time: new Date(Date.now() - 1000 + i).toISOString() }));
  const created = await fetch(`${api}/spans/batch`, { method: "POST", headers, body: JSON.stringify({ spans }) });
  expect(created.status, await created.clone().text()).toBe(204);
  const page = (await (await fetch(`${api}/projects?${new URLSearchParams({ name })}`, { headers })).json()) as { content: { id: string; name: string }[] };
  return page.content.find((p) => p.name === name)!.id;
}

test("login guards the pages: redirect, wrong password, sign in to the intended page, sign out", async ({ page }) => {
  const name = `pw-${randomUUID().slice(0, 8)}`;
  const projectId = await seedProject(name);
  const dialogs: string[] = [];
  page.on("dialog", (d) => void d.dismiss().then(() => dialogs.push(d.message())));

  await page.goto(`${server.url}/projects/${projectId}/spans?size=10`);
  await expect(page).toHaveURL(`${server.url}/login?${new URLSearchParams({ next: `/projects/${projectId}/spans?size=10` })}`);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to Spanboard" })).toBeVisible();

  const password = page.getByLabel("Password");
  await password.fill("not-it-at-all");
  await page.getByRole("button", { name: "Sign in" }).click();
  // (Next's own route announcer is an alert too: pick ours by its text.)
  await expect(page.getByRole("alert").filter({ hasText: "Wrong password. Try again." })).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${server.url}/projects/${projectId}/spans?size=10`);
  const rows = page.getByRole("table", { name: "Spans" }).getByRole("row");
  await expect(rows.filter({ hasText: "first-step" })).toBeVisible();
  await expect(rows.filter({ hasText: "second-step" })).toBeVisible();
  const cookies = await page.context().cookies(server.url);
  const session = cookies.find((c) => c.name === "spanboard_session");
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
  expect(await page.evaluate(() => document.cookie)).not.toContain("spanboard_session");

  // Client navigation and server actions work while signed in.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Projects" }).click();
  await expect(page.getByRole("list", { name: "Projects" }).getByRole("link", { name })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search projects by name" }).fill(name);
  await expect(page.getByText(`1 project matching “${name}”`)).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("status").filter({ hasText: "You are signed out." })).toBeVisible();
  await page.goto(`${server.url}/setup`);
  await expect(page).toHaveURL(`${server.url}/login?next=%2Fsetup`);
  expect(dialogs).toEqual([]);
});

test("a session that runs out mid-page: the next server action leads to the sign-in page and back", async ({ page }) => {
  const name = `pw-${randomUUID().slice(0, 8)}`;
  await seedProject(name);
  await page.goto(`${server.url}/login`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("list", { name: "Projects" })).toBeVisible();

  await page.context().clearCookies();
  // The project search runs a server action without reloading the page.
  await page.getByRole("searchbox", { name: "Search projects by name" }).fill(name);
  await expect(page).toHaveURL(new RegExp(`^${server.url}/login\\?next=`));
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to Spanboard" })).toBeVisible();
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("list", { name: "Projects" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`^${server.url}/(\\?|$)`));
});

test("the embedded API answers 401 in Opik's shape without the key, 200 with the password as key", async ({ request }) => {
  const denied = await request.get(`${server.url}/api/v1/private/projects`);
  expect(denied.status()).toBe(401);
  expect(await denied.json()).toEqual({ code: 401, message: "API key should be provided" });
  const wrong = await request.get(`${server.url}/api/v1/private/projects`, { headers: { authorization: "guess" } });
  expect(wrong.status()).toBe(401);
  expect(await wrong.json()).toEqual({ code: 401, message: "User not allowed to access workspace!" });
  const ok = await request.get(`${server.url}/api/v1/private/projects`, { headers: { authorization: PASSWORD } });
  expect(ok.status()).toBe(200);
  expect(Array.isArray((await ok.json()).content)).toBe(true);
  expect((await request.get(`${server.url}/healthz`)).status()).toBe(200);
});
