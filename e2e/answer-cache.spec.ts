import { expect, test } from "@playwright/test";
import { commentSpan, createAgentTrace } from "./fixtures/detail";
import { uniqueName } from "./fixtures/opik";

/**
 * The production server's answer cache (lib/backend/http-cache.ts) in a browser: a page answered
 * from memory carries a fresh CSP nonce, so its scripts still run under the policy and it hydrates;
 * a write made since shows at the next load.
 */
test("a page from memory runs its scripts under the CSP and hydrates; a comment added since shows at the next load", async ({ page }) => {
  const t = await createAgentTrace(uniqueName("answer-cache"));
  const blocked: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to|hydrat/i.test(m.text())) blocked.push(m.text());
  });
  page.on("pageerror", (e) => blocked.push(`pageerror: ${e.message}`));
  const url = `/projects/${t.projectId}/spans/${t.ids.plan}`;
  const first = await page.goto(url);
  expect(first?.headers()["x-spanboard-cache"]).toBeUndefined();
  const again = await page.goto(url);
  expect(again?.headers()["x-spanboard-cache"]).toBe("hit");

  const comments = page.getByRole("region", { name: "Comments" });
  // Typing updates the counter only once React has hydrated the page.
  await comments.getByRole("textbox", { name: "New comment" }).fill("draft");
  await expect(comments.getByText("5 / 5,000")).toBeVisible();

  await commentSpan(t.ids.plan, "added after the page was kept");
  const afterWrite = await page.goto(url);
  expect(afterWrite?.headers()["x-spanboard-cache"]).toBeUndefined();
  await expect(comments.getByRole("list", { name: "Comment thread" }).getByText("added after the page was kept")).toBeVisible();
  expect(blocked).toEqual([]);
});
