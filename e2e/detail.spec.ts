import { expect, test, type Page } from "@playwright/test";
import { createAgentTrace, createBigInputSpan, createWideTrace } from "./fixtures/detail";
import { uniqueName } from "./fixtures/opik";

/** The span page: the trace tree, the span's input/output views, and its facts. */
const open = (page: Page, projectId: string, spanId: string) => page.goto(`/projects/${projectId}/spans/${spanId}`);

test("the tree shows the whole trace nested, with ARIA roles, search, collapse and keyboard", async ({ page }) => {
  const t = await createAgentTrace(uniqueName("detail-tree"));
  await open(page, t.projectId, t.ids.answer);
  await expect(page.getByRole("heading", { level: 1, name: "answer" })).toBeVisible();

  const tree = page.getByRole("tree", { name: "Spans of the trace" });
  const item = (name: string) => tree.getByRole("treeitem", { name, exact: true });
  await expect(tree.getByRole("treeitem")).toHaveCount(5);
  await expect(item("agent")).toHaveAttribute("aria-level", "1");
  await expect(item("agent")).toHaveAttribute("aria-expanded", "true");
  await expect(item("fetch-page")).toHaveAttribute("aria-level", "3");
  await expect(item("answer")).toHaveAttribute("aria-selected", "true");
  await expect(item("search")).toContainText("error");
  await expect(item("plan")).toContainText("150 tok");
  await expect(page.getByText("5 spans in this trace")).toBeVisible();

  // Search keeps the match and its ancestors only.
  const search = page.getByRole("searchbox", { name: "Search spans in the tree" });
  await search.fill("fetch");
  await expect(tree.getByRole("treeitem")).toHaveCount(3);
  await expect(item("fetch-page")).toBeVisible();
  await expect(item("search")).toBeVisible();
  await expect(item("plan")).toHaveCount(0);
  await expect(page.getByText("1 matching span")).toBeVisible();
  await search.fill("");

  // Collapse all / expand all, and the chevron of one node.
  await page.getByRole("button", { name: "Collapse all" }).click();
  await expect(tree.getByRole("treeitem")).toHaveCount(1);
  await expect(item("agent")).toHaveAttribute("aria-expanded", "false");
  await page.getByRole("button", { name: "Expand all" }).click();
  await expect(tree.getByRole("treeitem")).toHaveCount(5);

  // Keyboard: the focus starts on the selected span; ↑ moves, ← collapses/goes up, → expands, Enter opens.
  await tree.focus();
  await page.keyboard.press("ArrowUp"); // fetch-page
  await page.keyboard.press("ArrowLeft"); // to its parent: search
  await page.keyboard.press("ArrowLeft"); // collapse search
  await expect(item("search")).toHaveAttribute("aria-expanded", "false");
  await expect(item("fetch-page")).toHaveCount(0);
  await page.keyboard.press("ArrowRight");
  await expect(item("fetch-page")).toBeVisible();
  await page.keyboard.press("ArrowUp"); // plan
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "plan" })).toBeVisible();
  await expect(item("plan")).toHaveAttribute("aria-selected", "true");
  await expect(page).toHaveURL(`/projects/${t.projectId}/spans/${t.ids.plan}`);

  // Critical path highlighting marks the chain that ends the trace.
  await page.getByLabel("Highlight").selectOption("critical");
  await expect(item("answer")).toHaveAccessibleDescription(/critical path/);
  await expect(item("plan")).not.toHaveAccessibleDescription(/critical path/);
  await page.getByLabel("Highlight").selectOption("self");
  await expect(item("agent")).toContainText("self");

  // A click selects too, and the page survives a reload on the new address.
  await item("search").click();
  await expect(page.getByRole("heading", { level: 1, name: "search" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "search" })).toBeVisible();
});

test("a trace of 2,500 spans is shown whole, virtualized, down to its last span", async ({ page }) => {
  const t = await createWideTrace(uniqueName("detail-wide"), 2500);
  await open(page, t.projectId, t.rootId);
  const tree = page.getByRole("tree", { name: "Spans of the trace" });
  await expect(page.getByText("2,500 spans in this trace")).toBeVisible();
  // Virtualized: far fewer rows in the DOM than spans.
  const rendered = await tree.getByRole("treeitem").count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(200);
  await tree.focus();
  await page.keyboard.press("End");
  // Nesting survives the packed transfer of the tree (parents are sent as row numbers).
  await expect(tree.getByRole("treeitem", { name: t.lastName })).toHaveAttribute("aria-level", "2");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: t.lastName })).toBeVisible();
});

test("a big input opens as a preview with its real sizes, and loads whole on demand", async ({ page }) => {
  const s = await createBigInputSpan(uniqueName("detail-big"));
  await open(page, s.projectId, s.spanId);
  const input = page.getByRole("region", { name: "Input" });
  await expect(input.getByText(/A preview of this [\d.]+ KB input/)).toBeVisible();
  const json = input.getByRole("group", { name: "Input JSON" });
  // The preview keeps the real shape and says how big the cut array really is.
  await json.getByRole("button", { name: "Collapse records" }).click();
  await expect(json.getByText(`[ ${s.records} items ]`)).toBeVisible();
  await expect(input.getByRole("button", { name: "Copy Input JSON" })).toHaveCount(0);
  const search = input.getByRole("searchbox", { name: "Search in Input JSON" });
  await search.fill(s.last);
  await expect(input.getByText("0 matches")).toBeVisible();

  await input.getByRole("button", { name: "Load the full input" }).click();
  await expect(input.getByRole("button", { name: "Load the full input" })).toHaveCount(0);
  await expect(input.getByText(/A preview of this/)).toHaveCount(0);
  await input.getByRole("searchbox", { name: "Search in Input JSON" }).fill(s.last);
  // Only the whole value holds the last record.
  await expect(input.getByText("1 match")).toBeVisible();
  await expect(input.getByRole("button", { name: "Copy Input JSON" })).toBeVisible();
});

test("input and output: chat messages, JSON tree with search, sanitised markdown, raw text, images", async ({ page }) => {
  const t = await createAgentTrace(uniqueName("detail-io"));
  await open(page, t.projectId, t.ids.plan);
  const input = page.getByRole("region", { name: "Input" });
  const output = page.getByRole("region", { name: "Output" });

  // OpenAI messages with roles and a tool call.
  await expect(input.getByRole("list", { name: "Input messages" }).getByRole("listitem")).toHaveCount(2);
  await expect(input.getByText("You plan tool calls.")).toBeVisible();
  await expect(output.getByText("Tool call")).toBeVisible();
  await expect(output.getByText("web_search")).toBeVisible();
  await expect(output.getByText('"cats facts"')).toBeVisible();

  // The JSON view: collapsible, searchable.
  await input.getByRole("button", { name: "JSON", exact: true }).click();
  await expect(input.getByRole("button", { name: "JSON", exact: true })).toHaveAttribute("aria-pressed", "true");
  const json = input.getByRole("group", { name: "Input JSON" });
  await expect(json.getByText('"messages":')).toBeVisible();
  await json.getByRole("button", { name: "Collapse root" }).click();
  await expect(json.getByText('"messages":')).toHaveCount(0);
  await input.getByRole("searchbox", { name: "Search in Input JSON" }).fill("plan tool");
  await expect(input.getByText("1 match")).toBeVisible();
  await expect(json.getByText('"You plan tool calls."')).toBeVisible();

  // Raw text.
  await input.getByRole("button", { name: "Raw" }).click();
  await expect(input.getByLabel("Input raw text")).toContainText('"role": "system"');

  // Metadata JSON tree searches deep.
  const metadata = page.getByRole("region", { name: "Metadata" });
  await metadata.getByRole("searchbox").fill("needle");
  await expect(metadata.getByText('"needle-in-metadata"')).toBeVisible();

  // Timing and usage.
  const facts = page.getByRole("region", { name: "Timing and usage" });
  await expect(facts).toContainText("gpt-4o-mini");
  await expect(facts).toContainText("openai");
  await expect(facts).toContainText("85 ms"); // time to first token
  await expect(facts).toContainText("$0.00042");

  // Anthropic input: the embedded image is shown; markdown output is sanitised; remote images are links.
  await page.getByRole("tree").getByRole("treeitem", { name: "answer", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "answer" })).toBeVisible();
  await expect(input.getByRole("list", { name: "Input messages" }).getByRole("listitem")).toHaveCount(2);
  await expect(input.getByRole("img", { name: "image in the message" })).toBeVisible();
  await expect(input.locator("strong", { hasText: "this" })).toBeVisible();
  await expect(output.getByRole("heading", { name: "Answer" })).toBeVisible();
  await expect(output.locator("strong", { hasText: "cat" })).toBeVisible();
  await expect(output.locator("script")).toHaveCount(0);
  await expect(output.locator("img[onerror]")).toHaveCount(0);
  await expect(output.getByRole("link", { name: "[image: remote]" })).toHaveAttribute("href", "https://tracker.example.com/pixel.png");
  await expect(output.getByRole("img", { name: "inline" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
});

test("error info, ids with copy, and tags added and removed", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const t = await createAgentTrace(uniqueName("detail-facts"));
  await open(page, t.projectId, t.ids.search);
  const error = page.getByRole("region", { name: "Error" });
  await expect(error.getByRole("heading", { name: "Error: TimeoutError" })).toBeVisible();
  await expect(error).toContainText("search backend timed out after 5 s");
  await error.getByText("Traceback", { exact: true }).click();
  await expect(error).toContainText('File "tool.py", line 9');

  await page.getByRole("button", { name: "Copy the trace id" }).click();
  await expect(page.getByRole("button", { name: "Copy the trace id" })).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(t.traceId);

  const tags = page.getByRole("region", { name: "Tags" });
  await expect(tags.getByText("No tags.")).toBeVisible();
  await tags.getByRole("textbox", { name: "New tag" }).fill("needs-review");
  await tags.getByRole("button", { name: "Add tag" }).click();
  await expect(tags.getByRole("list", { name: "Tags of the span" }).getByText("needs-review")).toBeVisible();
  await page.reload();
  await expect(tags.getByRole("list", { name: "Tags of the span" }).getByText("needs-review")).toBeVisible();
  await tags.getByRole("button", { name: "Remove the tag needs-review" }).click();
  await expect(tags.getByText("No tags.")).toBeVisible();
});

test("an unknown span is a not-found page", async ({ page }) => {
  await page.goto("/projects/0197a5b6-9999-7000-8000-000000000009/spans/0197a5b6-9999-7000-8000-000000000010");
  await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
});
