import { expect, test } from "@playwright/test";
import { createProject, uniqueName } from "./fixtures/opik";

/** The projects page: lists what was logged, narrows by name, leads to the project's spans. */
test("a project logged through the API is listed, found by name, and opens with its span count", async ({ page }) => {
  const tag = uniqueName("e2e");
  const project = await createProject(`${tag}-checkout-bot`, 3);
  await createProject(`${tag}-search-bot`, 1);

  await page.goto("/");
  const projects = page.getByRole("list", { name: "Projects" });
  await expect(projects.getByRole("link", { name: project.name })).toBeVisible();

  const search = page.getByRole("searchbox", { name: "Search projects by name" });
  await search.fill(tag);
  await expect(projects.getByRole("link")).toHaveCount(2);
  await search.fill(`${tag}-CHECKOUT`);
  await expect(projects.getByRole("link")).toHaveCount(1);
  await expect(projects.getByRole("link", { name: project.name })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`\\?q=${tag}-CHECKOUT$`));

  // The search lives in the URL: a reload shows the same list, rendered on the server.
  await page.reload();
  await expect(search).toHaveValue(`${tag}-CHECKOUT`);
  await expect(projects.getByRole("link")).toHaveCount(1);

  await projects.getByRole("link", { name: project.name }).click();
  await expect(page).toHaveURL(`/projects/${project.id}/spans`);
  await expect(page.getByRole("heading", { level: 1, name: project.name })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Pagination" })).toContainText("of 3");
});

test("a search that matches nothing says so", async ({ page }) => {
  await page.goto("/");
  const nothing = uniqueName("no-such-project");
  await page.getByRole("searchbox", { name: "Search projects by name" }).fill(nothing);
  await expect(page.getByText(`No projects match “${nothing}”.`)).toBeVisible();
  await expect(page.getByRole("list", { name: "Projects" }).getByRole("link")).toHaveCount(0);
});

test("an unknown project id is a not-found page inside the dashboard", async ({ page }) => {
  await page.goto("/projects/0197a5b6-9999-7000-8000-000000000009/spans");
  await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Opik backend" })).toContainText("embedded");
});
