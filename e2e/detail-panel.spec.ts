import { expect, test } from "@playwright/test";
import { createAgentTrace } from "./fixtures/detail";
import { uniqueName } from "./fixtures/opik";

/** The span panel beside the table: opens from the URL, steps through the table, resizes, closes. */
test("the side panel shows the span beside the table, steps with j/k and buttons, keeps its width, closes on Esc", async ({ page }) => {
  const t = await createAgentTrace(uniqueName("detail-panel"));
  await page.goto(`/projects/${t.projectId}/spans?span=${t.ids.plan}`);
  const panel = page.getByRole("complementary", { name: "Span details" });
  await expect(panel.getByRole("heading", { level: 1, name: "plan" })).toBeVisible();
  await expect(panel.getByRole("tree", { name: "Spans of the trace" }).getByRole("treeitem")).toHaveCount(5);
  // Non-modal: on a wide window it is docked beside the toolbar and the table, covering neither.
  await expect(page.getByRole("table", { name: "Spans" })).toBeVisible();
  const p = (await panel.boundingBox())!;
  for (const beside of [page.getByRole("toolbar", { name: "Span table controls" }), page.getByRole("table", { name: "Spans" }).locator("..")]) {
    const b = (await beside.boundingBox())!;
    const apart = b.x + b.width <= p.x || b.y + b.height <= p.y;
    expect(apart, `${JSON.stringify(b)} is under the panel at ${JSON.stringify(p)}`).toBe(true);
  }
  await page.getByRole("button", { name: "Columns" }).click();
  await expect(page.getByRole("region", { name: "Column chooser" })).toBeVisible();

  await panel.getByRole("button", { name: "Next span" }).click();
  await expect(panel.getByRole("heading", { level: 1, name: "plan" })).toHaveCount(0);
  await expect(page).not.toHaveURL(new RegExp(`span=${t.ids.plan}`));
  await page.keyboard.press("k");
  await expect(panel.getByRole("heading", { level: 1, name: "plan" })).toBeVisible();
  await page.keyboard.press("j");
  await expect(panel.getByRole("heading", { level: 1, name: "plan" })).toHaveCount(0);

  // Resize with the keyboard; the width survives a reload.
  const before = (await panel.boundingBox())!.width;
  const handle = panel.getByRole("separator", { name: "Resize the span panel" });
  await handle.focus();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await expect.poll(async () => Math.round((await panel.boundingBox())!.width)).toBe(Math.round(before + 80));
  await page.reload();
  await expect.poll(async () => Math.round((await panel.boundingBox())!.width)).toBe(Math.round(before + 80));

  await panel.getByRole("heading", { level: 1 }).click();
  await page.keyboard.press("Escape");
  await expect(panel).toHaveCount(0);
  await expect(page).not.toHaveURL(/span=/);
});

test("on a window wider than the page, the panel's edge follows the pointer and never covers the table", async ({ page }) => {
  const t = await createAgentTrace(uniqueName("detail-panel-wide"));
  await page.setViewportSize({ width: 2560, height: 900 });
  await page.goto(`/projects/${t.projectId}/spans?span=${t.ids.plan}`);
  const panel = page.getByRole("complementary", { name: "Span details" });
  await expect(panel.getByRole("heading", { level: 1, name: "plan" })).toBeVisible();

  // The page is narrower than the window, so the panel's right edge is not the window's.
  const before = (await panel.boundingBox())!;
  const handle = (await panel.getByRole("separator", { name: "Resize the span panel" }).boundingBox())!;
  const target = Math.round(before.x + before.width - 500);
  await page.mouse.move(handle.x + handle.width / 2, handle.y + 50);
  await page.mouse.down();
  await page.mouse.move(target, handle.y + 50, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => Math.round((await panel.boundingBox())!.x)).toBe(target);

  // Dragged far past the table, the panel stops where the table keeps its room.
  const now = (await panel.boundingBox())!;
  await page.mouse.move(now.x + 2, handle.y + 50);
  await page.mouse.down();
  await page.mouse.move(10, handle.y + 50, { steps: 4 });
  await page.mouse.up();
  const table = page.getByRole("table", { name: "Spans" }).locator("..");
  await expect.poll(async () => (await panel.boundingBox())!.x).toBeLessThan(now.x);
  const [p, b] = [(await panel.boundingBox())!, (await table.boundingBox())!];
  expect(b.x + b.width).toBeLessThanOrEqual(p.x);
  expect(b.width).toBeGreaterThanOrEqual(419);
});

test("at 1024 px a width saved on a wider window shows as the room left, and each ←/→ press changes the panel", async ({ page }) => {
  const t = await createAgentTrace(uniqueName("detail-panel-narrow"));
  await page.setViewportSize({ width: 1024, height: 800 });
  await page.addInitScript(() => localStorage.setItem("spanboard.span-panel.width", "2000"));
  await page.goto(`/projects/${t.projectId}/spans?span=${t.ids.plan}`);
  const panel = page.getByRole("complementary", { name: "Span details" });
  await expect(panel.getByRole("heading", { level: 1, name: "plan" })).toBeVisible();
  const table = page.getByRole("table", { name: "Spans" }).locator("..");
  const widest = Math.round((await panel.boundingBox())!.width);
  expect((await table.boundingBox())!.width).toBeGreaterThanOrEqual(419);

  const handle = panel.getByRole("separator", { name: "Resize the span panel" });
  // Before any interaction, a screen reader hears the width shown, and that it is the widest.
  await expect(handle).toHaveAttribute("aria-valuenow", String(widest));
  await expect(handle).toHaveAttribute("aria-valuemax", String(widest));
  await handle.focus();
  await page.keyboard.press("ArrowRight");
  await expect.poll(async () => Math.round((await panel.boundingBox())!.width)).toBe(widest - 40);
  await expect(handle).toHaveAttribute("aria-valuenow", String(widest - 40));
  await page.keyboard.press("ArrowLeft");
  await expect.poll(async () => Math.round((await panel.boundingBox())!.width)).toBe(widest);
  // At the widest already: the saved width stays what is shown, so one press narrows it again.
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowRight");
  await expect.poll(async () => Math.round((await panel.boundingBox())!.width)).toBe(widest - 40);
  expect(Number(await page.evaluate(() => localStorage.getItem("spanboard.span-panel.width")))).toBe(widest - 40);
});
