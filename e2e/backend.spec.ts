import { expect, test } from "@playwright/test";
import { EMBEDDED_URL, REMOTE_URL } from "./fixtures/env";
import { freePort, startNext, type ExtraServer } from "./fixtures/next-server";

/** The header says which Opik the dashboard uses and whether it answers; a broken one gets the setup page. */
test.describe("backend status in the header", () => {
  test("the embedded server: 'embedded', reachable with a latency", async ({ page }) => {
    await page.goto("/");
    const backend = page.getByRole("region", { name: "Opik backend" });
    await expect(backend).toContainText("embedded");
    await expect(backend).toContainText(/reachable · \d+ ms/);
    await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();
  });

  test("a remote Opik: its host and workspace, reachable", async ({ page }) => {
    await page.goto(`${REMOTE_URL}/`);
    const backend = page.getByRole("region", { name: "Opik backend" });
    await expect(backend).toContainText(`${new URL(EMBEDDED_URL).host} · workspace default`);
    await expect(backend).toContainText(/reachable · \d+ ms/);
    await expect(backend).not.toContainText("embedded");
  });

  test("the remote dashboard's own embedded API is off and says where spans go", async ({ request }) => {
    const res = await request.get(`${REMOTE_URL}/api/v1/private/projects`);
    expect(res.status()).toBe(404);
    const body = await res.json();
    expect(body.message).toContain(`OPIK_URL_OVERRIDE points Spanboard at ${EMBEDDED_URL}/api`);
  });
});

test.describe("a backend that cannot be used", () => {
  let unreachable: ExtraServer;
  let misconfigured: ExtraServer;
  let tried: string;

  test.beforeAll(async () => {
    // A port that was free a moment ago: nothing listens there, so connecting is refused.
    tried = `http://127.0.0.1:${await freePort()}/api`;
    [unreachable, misconfigured] = await Promise.all([startNext({ OPIK_URL_OVERRIDE: tried }), startNext({ OPIK_URL_OVERRIDE: "localhost:5173/api" })]);
  });
  test.afterAll(async () => {
    await Promise.all([unreachable?.stop(), misconfigured?.stop()]);
  });

  test("unreachable: every page shows the setup page with the URL tried and the error", async ({ page }) => {
    for (const path of ["/", "/projects/0197a5b6-2222-7000-8000-000000000002/spans", "/setup"]) {
      await page.goto(`${unreachable.url}${path}`);
      await expect(page.getByRole("heading", { level: 1, name: "Cannot reach Opik" })).toBeVisible();
      const alert = page.getByRole("main").getByRole("alert");
      await expect(alert).toContainText(`Spanboard tried ${tried}`);
      await expect(alert).toContainText("ECONNREFUSED");
      await expect(page.getByRole("region", { name: "Opik backend" })).toContainText("unreachable");
    }
    await expect(page.getByRole("button", { name: "Try again" })).toBeEnabled();
  });

  test("a bad setting: a page naming the setting and the fix, not a crash", async ({ page }) => {
    const response = await page.goto(`${misconfigured.url}/`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Spanboard's Opik configuration is invalid" })).toBeVisible();
    await expect(page.getByRole("main").getByRole("alert")).toContainText('OPIK_URL_OVERRIDE must be an http(s) URL such as http://localhost:5173/api or https://www.comet.com/opik/api, got "localhost:5173/api"');
    await expect(page.getByRole("region", { name: "Opik backend" })).toContainText("configuration error");
  });
});
