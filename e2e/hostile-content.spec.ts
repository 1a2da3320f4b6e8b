import { expect, test, type Response } from "@playwright/test";
import { guard, seedHostile, slug, type HostileSeed } from "./fixtures/hostile";

/**
 * Script and HTML payloads in every field a page shows (issue 7): they are shown as text or as
 * sanitised markdown, never as live HTML; no dialog opens, no payload element exists in the DOM,
 * every page carries the nonce-based CSP and the browser reports no violation of it.
 */
let seed: HostileSeed;
test.beforeAll(async () => {
  seed = await seedHostile();
  expect(seed.fields.length).toBeGreaterThanOrEqual(25);
});

function expectCsp(res: Response | null) {
  const csp = res?.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic';/);
  expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  expect(csp).toContain("img-src 'self' data:;");
  expect(res?.headers()["x-frame-options"]).toBe("DENY");
}

test("the projects list, span table, side panel and stats show hostile names as text", async ({ page }) => {
  const g = await guard(page);
  expectCsp(await page.goto(`/?${new URLSearchParams({ q: seed.projectName.slice(-16) })}`));
  const projects = page.getByRole("list", { name: "Projects" });
  await expect(projects.getByRole("link", { name: seed.projectName })).toBeVisible();
  await g.check("projects list");

  expectCsp(await page.goto(`/projects/${seed.projectId}/spans`));
  const table = page.getByRole("table", { name: "Spans" });
  await expect(table.getByRole("row")).toHaveCount(5);
  await expect(page.getByRole("heading", { level: 1, name: seed.projectName })).toBeVisible();
  await expect(table.getByText("<script>window.__pwned='span name'</script>", { exact: false })).toBeVisible();
  // The score's column is there by default; the metadata columns on request.
  await expect(table.getByRole("columnheader", { name: "<img src=x onerror=alert('score')>score" })).toBeVisible();
  await page.getByRole("button", { name: "Columns" }).click();
  const chooser = page.getByRole("region", { name: "Column chooser" });
  await chooser.getByRole("checkbox", { name: "metadata.<img src=x onerror=alert('mkey')>mkey" }).check();
  await chooser.getByRole("checkbox", { name: "metadata.nested" }).check();
  await expect(table.getByRole("columnheader", { name: "metadata.<img src=x onerror=alert('mkey')>mkey" })).toBeVisible();
  await expect(table.getByText("onerror=\"alert('metadata value')\"", { exact: false })).toBeVisible();
  await g.check("span table");

  // The side panel of the root span.
  expectCsp(await page.goto(`/projects/${seed.projectId}/spans?span=${seed.ids.root}`));
  const panel = page.getByRole("complementary", { name: "Span details" });
  await expect(panel.getByRole("heading", { level: 1 })).toContainText("<iframe src=\"javascript:alert('span name')\"></iframe>span name");
  await expect(panel.getByRole("tree", { name: "Spans of the trace" }).getByRole("treeitem")).toHaveCount(4);
  await expect(panel.getByText("output markdown literal", { exact: false }).first()).toBeVisible();
  await g.check("side panel");

  expectCsp(await page.goto(`/projects/${seed.projectId}/stats`));
  const byModel = page.getByRole("region", { name: "By model" });
  await expect(byModel.getByText("onerror=\"alert('model')\"", { exact: false }).first()).toBeVisible();
  // The charts drew (Recharts' SVG under the CSP).
  await expect(page.getByRole("region", { name: "Spans and errors" }).locator("svg").first()).toBeVisible({ timeout: 20_000 });
  await g.check("stats");
});

test("the span page: tree, every view of input and output, facts, error, scores and comments", async ({ page }) => {
  const g = await guard(page);
  const open = async (id: string) => expectCsp(await page.goto(`/projects/${seed.projectId}/spans/${id}`));
  await open(seed.ids.root);
  const tree = page.getByRole("tree", { name: "Spans of the trace" });
  await expect(tree.getByRole("treeitem")).toHaveCount(4);
  await expect(page.getByRole("heading", { level: 1 }).filter({ hasText: "<svg onload=\"alert('span name')\"></svg>" })).toBeVisible();

  // Markdown input and output: sanitised (a heading renders, raw HTML does not), then raw as literal text.
  for (const label of ["Input", "Output"] as const) {
    const region = page.getByRole("region", { name: label, exact: true });
    const field = `${label.toLowerCase()} markdown`;
    await expect(region.getByRole("heading", { name: `${field} heading` })).toBeVisible();
    await expect(region.getByText(`${field} literal`, { exact: false })).toBeVisible();
    await expect(region.getByRole("link", { name: `[image: pixel ${field}]` })).toHaveAttribute("href", `https://tracker.example.com/${slug(field)}.png`);
    // The javascript: link keeps its text and loses its target (the guard checks no such href exists).
    await expect(region.getByText(`click ${field}`, { exact: true })).toBeVisible();
    await region.getByRole("button", { name: "Raw" }).click();
    await expect(region.getByLabel(`${label} raw text`)).toContainText(`<script>window.__pwned='${field}'</script>`);
    await g.check(`span page, ${label} markdown + raw`);
  }

  const facts = page.getByRole("region", { name: "Timing and usage" });
  await expect(facts).toContainText("<img src=x onerror=\"alert('model')\">");
  await expect(facts).toContainText("<script>window.__pwned='provider'</script>");
  const tags = page.getByRole("region", { name: "Tags" });
  await expect(tags.getByText("<svg onload=alert('tag2')>tag2")).toBeVisible();
  const metadata = page.getByRole("region", { name: "Metadata" });
  await expect(metadata.getByText("<img src=x onerror=alert('mkey')>mkey", { exact: false })).toBeVisible();

  const scores = page.getByRole("region", { name: "Feedback scores" });
  const score = scores.getByRole("listitem", { name: "<img src=x onerror=alert('score')>score" });
  await expect(score).toContainText("<script>window.__pwned='category'</script>");
  await expect(score.getByText("onerror=\"alert('reason')\"", { exact: false }).first()).toBeVisible();
  const comments = page.getByRole("region", { name: "Comments" });
  await expect(comments.getByRole("heading", { name: "comment heading" })).toBeVisible();
  await expect(comments.getByText("comment literal", { exact: false })).toBeVisible();
  await g.check("span page, facts, scores, comments");

  // Chat messages: the Messages view renders markdown content; then JSON and Raw.
  await tree.getByRole("treeitem", { name: "chat", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "chat" })).toBeVisible();
  const input = page.getByRole("region", { name: "Input", exact: true });
  await expect(input.getByRole("list", { name: "Input messages" }).getByRole("listitem")).toHaveCount(2);
  await expect(input.getByRole("heading", { name: "system message heading" })).toBeVisible();
  await expect(input.getByRole("heading", { name: "user part heading" })).toBeVisible();
  const output = page.getByRole("region", { name: "Output", exact: true });
  await expect(output.getByText("assistant message literal", { exact: false })).toBeVisible();
  await g.check("chat, messages view");
  for (const view of ["Pretty", "JSON", "Raw"]) {
    await input.getByRole("button", { name: view, exact: true }).click();
    await expect(input.getByRole("button", { name: view, exact: true })).toHaveAttribute("aria-pressed", "true");
    await expect(input.getByText("<script>window.__pwned='system message'</script>", { exact: false }).first()).toBeVisible();
    await g.check(`chat, ${view} view`);
  }

  // Hostile keys and values in a JSON object: Pretty, JSON tree, Raw.
  await tree.getByRole("treeitem", { name: "keys", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "keys" })).toBeVisible();
  const keysInput = page.getByRole("region", { name: "Input", exact: true });
  for (const view of ["Pretty", "JSON", "Raw"]) {
    await keysInput.getByRole("button", { name: view, exact: true }).click();
    // (Probes without double quotes: the Raw view shows the JSON text, where they are escaped.)
    await expect(keysInput).toContainText("<script>window.__pwned='input key'</script>");
    // Pretty renders a string value as markdown, where raw HTML is dropped; the other views show it as text.
    if (view !== "Pretty") await expect(keysInput).toContainText("<script>window.__pwned='input value'</script>");
    await g.check(`keys, ${view} view`);
  }

  // The error, with its traceback.
  await open(seed.ids.failing);
  const error = page.getByRole("region", { name: "Error" });
  await expect(error.getByRole("heading")).toContainText("<script>window.__pwned='exception type'</script>");
  await expect(error).toContainText("<iframe src=\"javascript:alert('error message')\"></iframe>error message");
  await error.getByText("Traceback", { exact: true }).click();
  await expect(error).toContainText("onerror=\"alert('traceback')\"");
  await g.check("error");
});
