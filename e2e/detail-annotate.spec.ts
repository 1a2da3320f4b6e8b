import { expect, test, type Page } from "@playwright/test";
import { EMBEDDED_URL } from "./fixtures/env";
import { createAgentTrace, readSpan, scoreSpan } from "./fixtures/detail";
import { uniqueName } from "./fixtures/opik";

/** Feedback scores, comments, keyboard annotation and deletion on the span page. */
const open = (page: Page, projectId: string, spanId: string) => page.goto(`/projects/${projectId}/spans/${spanId}`);

/** Makes every server action fail (as if the network dropped), to see the rollback. */
async function failActions(page: Page) {
  await page.route("**/*", (route) => (route.request().method() === "POST" && route.request().headers()["next-action"] ? route.abort("failed") : route.fallback()));
}

test("scores: listed with authors, added with name autocomplete, changed, deleted with confirmation", async ({ page }) => {
  const t = await createAgentTrace(uniqueName("detail-scores"));
  await scoreSpan(t.ids.plan, { name: "relevance", value: 0.8, reason: "mostly on topic" });
  await scoreSpan(t.ids.root, { name: "helpfulness", value: 1 });
  await open(page, t.projectId, t.ids.plan);
  const scores = page.getByRole("region", { name: "Feedback scores" });
  const relevance = scores.getByRole("listitem", { name: "relevance" });
  await expect(relevance).toContainText("0.8");
  await expect(relevance).toContainText("mostly on topic");
  await expect(relevance).toContainText("source: sdk");
  await expect(relevance.getByRole("table", { name: "Values by author for relevance" })).toContainText("admin");
  await expect(page.getByRole("tree").getByRole("treeitem", { name: "plan", exact: true })).toContainText("★1");

  // Add: the project's score names are offered.
  await scores.getByText("Add a score").click();
  const form = scores.getByRole("form", { name: "Add a score" });
  await expect(form.locator("datalist option[value=helpfulness]")).toHaveCount(1);
  await form.getByLabel("Score name").fill("tone");
  await form.getByLabel("Kind").selectOption("categorical");
  await form.getByLabel("Category").fill("friendly");
  await form.getByLabel("Value").fill("1");
  await form.getByLabel("Reason (optional)").fill("warm wording");
  await form.getByRole("button", { name: "Add score" }).click();
  const tone = scores.getByRole("listitem", { name: "tone" });
  await expect(tone).toContainText("friendly");
  await expect(tone).toContainText("source: ui");

  // Change the value and reason.
  await relevance.getByRole("button", { name: "Change the score relevance" }).click();
  const edit = relevance.getByRole("form", { name: "Change the score relevance" });
  await edit.getByLabel("Value").fill("0.25");
  await edit.getByLabel("Reason (optional)").fill("drifted off topic");
  await edit.getByRole("button", { name: "Save score" }).click();
  await expect(relevance).toContainText("0.25");
  await expect(relevance).toContainText("drifted off topic");

  // Delete asks first; Cancel keeps it.
  await relevance.getByRole("button", { name: "Delete the score relevance" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete the score “relevance”?" });
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(relevance).toBeVisible();
  await relevance.getByRole("button", { name: "Delete the score relevance" }).click();
  await confirm.getByRole("button", { name: "Delete score" }).click();
  await expect(relevance).toHaveCount(0);

  await expect.poll(async () => (await readSpan(t.ids.plan)).feedback_scores?.map((s) => s.name)).toEqual(["tone"]);
  await page.reload();
  await expect(scores.getByRole("listitem", { name: "tone" })).toContainText("friendly");
  await expect(scores.getByRole("listitem", { name: "relevance" })).toHaveCount(0);
});

test("a score that fails to save rolls back with a message", async ({ page }) => {
  const t = await createAgentTrace(uniqueName("detail-score-fail"));
  await open(page, t.projectId, t.ids.plan);
  const scores = page.getByRole("region", { name: "Feedback scores" });
  await expect(scores.getByText("No scores yet.")).toBeVisible();
  await failActions(page);
  await scores.getByText("Add a score").click();
  const form = scores.getByRole("form", { name: "Add a score" });
  await form.getByLabel("Score name").fill("accuracy");
  await form.getByLabel("Value").fill("3");
  await form.getByRole("button", { name: "Add score" }).click();
  await expect(page.getByRole("alert").filter({ hasText: 'The score "accuracy" was not saved' })).toBeVisible();
  await expect(scores.getByRole("listitem", { name: "accuracy" })).toHaveCount(0);
  await expect(scores.getByText("No scores yet.")).toBeVisible();
});

test("comments: markdown thread in time order, counter, edit, delete; a failed send keeps the draft", async ({ page }) => {
  const t = await createAgentTrace(uniqueName("detail-comments"));
  await open(page, t.projectId, t.ids.answer);
  const comments = page.getByRole("region", { name: "Comments" });
  const box = comments.getByRole("textbox", { name: "New comment" });
  await box.fill("First: **looks right** <img src=x onerror=alert(1)>");
  await expect(comments.getByText(`${"First: **looks right** <img src=x onerror=alert(1)>".length} / 5,000`)).toBeVisible();
  await comments.getByRole("button", { name: "Comment", exact: true }).click();
  const thread = comments.getByRole("list", { name: "Comment thread" });
  await expect(thread.locator("strong", { hasText: "looks right" })).toBeVisible();
  await expect(thread.locator("img")).toHaveCount(0);
  await expect(box).toHaveValue("");
  await box.fill("Second comment");
  await box.press("Control+Enter");
  await expect(thread.getByRole("listitem")).toHaveCount(2);
  await expect(thread.getByRole("listitem").first()).toContainText("First");
  await expect(thread.getByRole("listitem").first()).toContainText("admin");

  // The limit: over 5,000 characters the counter says so and sending is off.
  await box.fill("x".repeat(5001));
  await expect(comments.getByText("5,001 / 5,000 — too long")).toBeVisible();
  await expect(comments.getByRole("button", { name: "Comment", exact: true })).toBeDisabled();
  await box.fill("");

  // Edit.
  const second = thread.getByRole("listitem").nth(1);
  await second.getByRole("button", { name: "Edit" }).click();
  await second.getByRole("textbox", { name: "Edit comment" }).fill("Second, _edited_");
  await second.getByRole("button", { name: "Save comment" }).click();
  await expect(second.locator("em", { hasText: "edited" })).toBeVisible();

  // Delete with confirmation.
  await thread.getByRole("listitem").first().getByRole("button", { name: "Delete comment" }).click();
  await page.getByRole("dialog", { name: "Delete this comment?" }).getByRole("button", { name: "Delete comment" }).click();
  await expect(thread.getByRole("listitem")).toHaveCount(1);
  // The thread changed at once (optimistic); the reload waits until Opik has it too.
  await expect.poll(async () => (await readSpan(t.ids.answer)).comments?.map((c) => c.text)).toEqual(["Second, _edited_"]);
  await page.reload();
  await expect(thread.getByRole("listitem")).toHaveCount(1);
  await expect(thread).toContainText("Second, edited");

  // A failed send: the comment disappears again, a message says so, and the draft is back.
  await failActions(page);
  await box.fill("This will not go through");
  await comments.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Your comment was not saved" })).toBeVisible();
  await expect(box).toHaveValue("This will not go through");
  await expect(thread.getByRole("listitem")).toHaveCount(1);
});

test("keyboard annotation: ? lists shortcuts, digits score, c comments, j/k move, never while typing", async ({ page }) => {
  const t = await createAgentTrace(uniqueName("detail-keys"));
  await scoreSpan(t.ids.root, { name: "quality", value: 2 });
  await open(page, t.projectId, t.ids.plan);
  // The tree loads in the browser: once it is there, the page is interactive.
  await expect(page.getByRole("tree").getByRole("treeitem", { name: "plan", exact: true })).toBeVisible();
  const scores = page.getByRole("region", { name: "Feedback scores" });

  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toContainText("Set the chosen score to that value");
  await page.keyboard.press("Escape");
  await expect(help).toHaveCount(0);

  await scores.getByLabel("Number keys set").selectOption("quality");
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("4");
  await expect(scores.getByRole("listitem", { name: "quality" })).toContainText("4");

  await page.keyboard.press("c");
  const box = page.getByRole("textbox", { name: "New comment" });
  await expect(box).toBeFocused();
  await page.keyboard.type("jk 5");
  await expect(box).toHaveValue("jk 5");
  await expect(page.getByRole("heading", { level: 1, name: "plan" })).toBeVisible();
  await box.blur();

  await page.keyboard.press("j");
  await expect(page.getByRole("heading", { level: 1, name: "search" })).toBeVisible();
  await page.keyboard.press("k");
  await page.keyboard.press("k");
  await expect(page.getByRole("heading", { level: 1, name: "agent" })).toBeVisible();

  // The score really was stored.
  await expect.poll(async () => (await readSpan(t.ids.plan)).feedback_scores?.find((s) => s.name === "quality")?.value).toBe(4);
});

test("deleting a span asks first, then returns to the spans", async ({ page }) => {
  const t = await createAgentTrace(uniqueName("detail-delete"));
  await open(page, t.projectId, t.ids.fetch);
  await page.getByRole("button", { name: "Delete span" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete this span?" });
  await expect(confirm).toContainText("fetch-page");
  await confirm.getByRole("button", { name: "Delete span" }).click();
  await expect(page).toHaveURL(`/projects/${t.projectId}/spans`);
  const res = await fetch(`${EMBEDDED_URL}/api/v1/private/spans/${t.ids.fetch}`);
  expect(res.status).toBe(404);
});
