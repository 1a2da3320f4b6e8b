import { expect, test, type Response } from "@playwright/test";
import { CANARY_API_KEY, REMOTE_URL } from "./fixtures/env";
import { createProject, uniqueName } from "./fixtures/opik";

/**
 * The remote dashboard holds an API key; the browser must never receive it — not in HTML, JS
 * chunks, RSC payloads, server action answers or headers.
 */
test("the API key appears in nothing the browser receives", async ({ page }) => {
  const project = await createProject(uniqueName("e2e-key"), 2);
  await createProject(uniqueName("e2e-key-other"), 1);
  const bodies: Promise<{ url: string; text: string; action: boolean }>[] = [];
  const record = (res: Response) => {
    bodies.push(
      (async () => {
        const headers = JSON.stringify(await res.allHeaders());
        const body = await res.body().then(
          (b) => b.toString("utf8"),
          () => "", // redirects and aborted prefetches have no body
        );
        return { url: res.url(), text: `${headers}\n${body}`, action: "next-action" in (await res.request().allHeaders()) };
      })().catch(() => ({ url: res.url(), text: "", action: false })),
    );
  };
  page.on("response", record);

  await page.goto(`${REMOTE_URL}/`);
  await expect(page.getByRole("region", { name: "Opik backend" })).toContainText("reachable");
  // Server actions from the browser: the name search lists projects through one.
  await page.getByRole("searchbox", { name: "Search projects by name" }).fill(project.name);
  await expect(page.getByText(`1 project matching “${project.name}”`)).toBeVisible();
  await page.getByRole("list", { name: "Projects" }).getByRole("link", { name: project.name }).click();
  await expect(page.getByRole("navigation", { name: "Pagination" })).toContainText("of 2");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Setup" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Setup" })).toBeVisible();
  await expect(page.getByText("set (never shown)")).toBeVisible();
  await page.goto(`${REMOTE_URL}/setup`);
  await page.goto(`${REMOTE_URL}/projects/${project.id}/spans`);
  await expect(page.getByRole("navigation", { name: "Pagination" })).toContainText("of 2");

  page.off("response", record);
  const received = await Promise.all(bodies);
  expect(received.some((r) => r.action), "at least one server action answered").toBe(true);
  expect(received.some((r) => r.url.includes("/_next/static/chunks/") && r.url.endsWith(".js")), "JS chunks were loaded").toBe(true);
  expect(received.some((r) => r.text.includes(project.name)), "the data did come through").toBe(true);
  const leaks = received.filter((r) => r.text.includes(CANARY_API_KEY)).map((r) => r.url);
  expect(leaks).toEqual([]);
});
