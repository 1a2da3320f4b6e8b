import { expect, test, type Page } from "@playwright/test";
import { uniqueName } from "./fixtures/opik";
import { readSpan, scoreSpans, seedSpans, type SpanSeed } from "./fixtures/table-data";

/** The span explorer: server paging, sorting, filtering, URL state, selection and bulk actions. */

const spansTable = (page: Page) => page.getByRole("table", { name: "Spans" });
/** Body rows only (the header row holds column headers, not cells). */
const bodyRows = (page: Page) => spansTable(page).locator("tbody tr[data-row]");

function numbered(count: number, extra: (i: number) => Partial<SpanSeed> = () => ({})): SpanSeed[] {
  return Array.from({ length: count }, (_, i) => ({ name: `span-${String(i).padStart(2, "0")}`, durationMs: 10 + i, ...extra(i) }));
}

test("pages through the server with the total, page sizes, keyboard paging and a URL that reproduces the page", async ({ page }) => {
  const seeded = await seedSpans(uniqueName("table-paging"), numbered(23));
  await page.goto(`/projects/${seeded.projectId}/spans?size=10`);

  await expect(bodyRows(page)).toHaveCount(10);
  const pager = page.getByRole("navigation", { name: "Pagination" });
  await expect(pager).toContainText("1–10 of 23");
  await expect(pager).toContainText("Page 1 of 3");
  for (const header of ["Name", "Type", "Start time", "Duration", "Input", "Output"]) {
    await expect(spansTable(page).getByRole("columnheader", { name: header })).toBeVisible();
  }

  await pager.getByRole("button", { name: "Next" }).click();
  await expect(pager).toContainText("11–20 of 23");
  await expect(page).toHaveURL(/[?&]page=2/);

  // Keyboard paging from anywhere outside a text field.
  await page.keyboard.press("Alt+ArrowRight");
  await expect(pager).toContainText("21–23 of 23");
  await expect(bodyRows(page)).toHaveCount(3);
  await expect(pager.getByRole("button", { name: "Next" })).toBeDisabled();

  await pager.getByLabel("Rows per page").selectOption("25");
  await expect(bodyRows(page)).toHaveCount(23);
  await expect(page).not.toHaveURL(/[?&]page=/);

  // A copied link reproduces the view, rendered from the server.
  await page.goto(`/projects/${seeded.projectId}/spans?size=10&page=3`);
  await expect(bodyRows(page)).toHaveCount(3);
  await expect(pager).toContainText("21–23 of 23");
});

test("sorts on the server by a header, with aria-sort, and by a feedback score", async ({ page }) => {
  const name = uniqueName("table-sort");
  const seeded = await seedSpans(name, [
    { name: "medium", durationMs: 50 },
    { name: "slowest", durationMs: 900 },
    { name: "fastest", durationMs: 1 },
  ]);
  await scoreSpans(name, [
    { id: seeded.ids[0]!, name: "quality", value: 0.5 },
    { id: seeded.ids[1]!, name: "quality", value: 0.1 },
    { id: seeded.ids[2]!, name: "quality", value: 0.9 },
  ]);
  await page.goto(`/projects/${seeded.projectId}/spans`);
  const duration = spansTable(page).getByRole("columnheader", { name: "Duration" });
  await expect(duration).toHaveAttribute("aria-sort", "none");

  await duration.getByRole("button").click();
  await expect(duration).toHaveAttribute("aria-sort", "descending");
  await expect(page).toHaveURL(/sort=duration%3Adesc/);
  await expect(bodyRows(page).first()).toContainText("slowest");

  await duration.getByRole("button").click();
  await expect(duration).toHaveAttribute("aria-sort", "ascending");
  await expect(bodyRows(page).first()).toContainText("fastest");

  const quality = spansTable(page).getByRole("columnheader", { name: "quality" });
  await quality.getByRole("button").click();
  await expect(quality).toHaveAttribute("aria-sort", "descending");
  await expect(bodyRows(page).first()).toContainText("fastest");
  await expect(bodyRows(page).last()).toContainText("slowest");
});

test("filters with the builder: chips, per-type validation before any request, score autocomplete, removal", async ({ page }) => {
  const name = uniqueName("table-filter");
  const seeded = await seedSpans(name, [
    { name: "alpha-call", type: "llm", model: "gpt-4o", metadata: { region: "eu" } },
    { name: "beta-call", type: "tool", metadata: { region: "us" } },
    { name: "gamma-call", type: "llm", error: true },
  ]);
  await scoreSpans(name, [{ id: seeded.ids[0]!, name: "helpfulness", value: 1 }]);
  await page.goto(`/projects/${seeded.projectId}/spans`);
  await expect(bodyRows(page)).toHaveCount(3);

  await page.getByRole("button", { name: "Add filter" }).click();
  const form = page.getByRole("form", { name: "Add a filter" });

  // A number field refuses text before anything is sent.
  await form.getByLabel("Field").selectOption({ label: "Duration" });
  await form.getByLabel("Operator").selectOption({ label: "≥" });
  await form.getByLabel("Value (ms)").fill("ten");
  await form.getByRole("button", { name: "Add filter" }).click();
  await expect(form.getByRole("alert")).toContainText("must be a decimal number");
  await expect(page).not.toHaveURL(/filters=/);

  // Metadata needs a key; the keys on screen are offered.
  await form.getByLabel("Field").selectOption({ label: "Metadata" });
  await expect(form.locator("datalist option[value=region]")).toHaveCount(1);
  await form.getByLabel("Key path").fill("region");
  await form.getByLabel("Operator").selectOption({ label: "=" });
  await form.getByLabel("Value").fill("eu");
  await form.getByRole("button", { name: "Add filter" }).click();
  const chips = page.getByRole("list", { name: "Active filters" });
  await expect(chips.getByText("Metadata region = eu")).toBeVisible();
  await expect(bodyRows(page)).toHaveCount(1);
  await expect(bodyRows(page).first()).toContainText("alpha-call");

  await chips.getByRole("button", { name: "Remove filter Metadata region = eu" }).click();
  await expect(bodyRows(page)).toHaveCount(3);

  // Feedback score by name, with the project's score names offered.
  await form.getByLabel("Field").selectOption({ label: "Feedback score" });
  await expect(form.locator("datalist option[value=helpfulness]")).toHaveCount(1);
  await form.getByLabel("Score name").fill("helpfulness");
  await form.getByLabel("Operator").selectOption({ label: "is not empty" });
  await form.getByRole("button", { name: "Add filter" }).click();
  await expect(bodyRows(page)).toHaveCount(1);
  await chips.getByRole("button", { name: "Clear filters" }).click();

  // Error container: only is empty / is not empty.
  await form.getByLabel("Field").selectOption({ label: "Error" });
  await form.getByLabel("Operator").selectOption({ label: "is not empty" });
  await form.getByRole("button", { name: "Add filter" }).click();
  await expect(bodyRows(page)).toHaveCount(1);
  await expect(bodyRows(page).first()).toContainText("gamma-call");
  await expect(bodyRows(page).first()).toContainText("ValueError");
});

test("free-text search, type and time range live in the URL; a copied link reproduces the view; nothing matching says so", async ({ page, context }) => {
  const seeded = await seedSpans(uniqueName("table-search"), [
    { name: "retrieve-docs", type: "tool" },
    { name: "zebra-question", type: "llm" },
    { name: "zebra-followup", type: "llm" },
  ]);
  await page.goto(`/projects/${seeded.projectId}/spans`);
  await page.getByRole("searchbox", { name: "Search spans" }).fill("zebra");
  await expect(bodyRows(page)).toHaveCount(2);
  await expect(page).toHaveURL(/[?&]q=zebra/);
  await page.getByLabel("Span type").selectOption("llm");
  await expect(page).toHaveURL(/[?&]type=llm/);

  const copied = await context.newPage();
  await copied.goto(page.url());
  await expect(bodyRows(copied)).toHaveCount(2);
  await expect(copied.getByRole("searchbox", { name: "Search spans" })).toHaveValue("zebra");
  await expect(copied.getByLabel("Span type")).toHaveValue("llm");
  await copied.close();

  // A time range after every span: the empty state offers to clear.
  await page.goto(`/projects/${seeded.projectId}/spans?from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`);
  await expect(page.getByText("No spans match these filters.")).toBeVisible();
  await page.getByRole("button", { name: "Clear all filters" }).click();
  await expect(bodyRows(page)).toHaveCount(3);
});

test("invalid URL values fall back to defaults instead of failing", async ({ page }) => {
  const seeded = await seedSpans(uniqueName("table-badurl"), numbered(3));
  await page.goto(`/projects/${seeded.projectId}/spans?filters=%7Bnot-json&size=7&page=-2&sort=nope%3Aup&span=xyz&live=forever`);
  await expect(bodyRows(page)).toHaveCount(3);
  await expect(page.getByRole("navigation", { name: "Pagination" }).getByLabel("Rows per page")).toHaveValue("50");
});

test("selects with shift-click ranges and scores and tags the selection at once", async ({ page }) => {
  const name = uniqueName("table-bulk");
  const seeded = await seedSpans(name, numbered(5));
  await page.goto(`/projects/${seeded.projectId}/spans?sort=name%3Aasc`);
  await expect(bodyRows(page)).toHaveCount(5);

  await page.getByRole("checkbox", { name: "Select row 1" }).click();
  await page.getByRole("checkbox", { name: "Select row 3" }).click({ modifiers: ["Shift"] });
  const bulk = page.getByRole("region", { name: "Bulk actions" });
  await expect(bulk).toContainText("3 spans selected");
  await expect(page.getByRole("checkbox", { name: "Select row 2" })).toBeChecked();

  await bulk.getByRole("button", { name: "Score selected" }).click();
  const score = bulk.getByRole("form", { name: "Score selected spans" });
  await score.getByLabel("Score name").fill("reviewed");
  await score.getByLabel("Score value").fill("abc");
  await score.getByRole("button", { name: "Score 3 spans" }).click();
  await expect(score.getByRole("alert")).toHaveText("Score value must be a number.");
  await score.getByLabel("Score value").fill("0.75");
  await score.getByRole("button", { name: "Score 3 spans" }).click();
  await expect(page.getByText("Scored 3 spans with “reviewed”.")).toBeVisible();
  await expect(spansTable(page).getByRole("columnheader", { name: "reviewed" })).toBeVisible();
  const [first, , , fourth] = [seeded.ids[0]!, seeded.ids[1]!, seeded.ids[2]!, seeded.ids[3]!];
  expect((await readSpan(first)).feedback_scores?.find((s) => s.name === "reviewed")?.value).toBe(0.75);
  expect((await readSpan(fourth)).feedback_scores ?? []).toHaveLength(0);

  await bulk.getByRole("button", { name: "Edit tags" }).click();
  const tags = bulk.getByRole("form", { name: "Edit tags of selected spans" });
  await tags.getByLabel("Tags to add (comma-separated)").fill("golden, checked");
  await tags.getByRole("button", { name: "Apply tags" }).click();
  await expect(page.getByText("Updated the tags of 3 spans.")).toBeVisible();
  await expect(bodyRows(page).first()).toContainText("golden");
  expect((await readSpan(first)).tags?.sort()).toEqual(["checked", "golden"]);

  // The form closed on success; the selection stays for the next action.
  await bulk.getByRole("button", { name: "Edit tags" }).click();
  await tags.getByLabel("Tags to remove (comma-separated)").fill("checked");
  await tags.getByRole("button", { name: "Apply tags" }).click();
  await expect.poll(async () => (await readSpan(first)).tags).toEqual(["golden"]);
});

test("deletes the selected spans (the embedded server can)", async ({ page }) => {
  const seeded = await seedSpans(uniqueName("table-delete"), numbered(3));
  await page.goto(`/projects/${seeded.projectId}/spans?sort=name%3Aasc`);
  await page.getByRole("checkbox", { name: "Select row 1" }).click();
  const bulk = page.getByRole("region", { name: "Bulk actions" });
  await bulk.getByRole("button", { name: "Delete selected" }).click();
  await bulk.getByRole("button", { name: "Yes, delete" }).click();
  await expect(page.getByText("Deleted 1 span.")).toBeVisible();
  await expect(bodyRows(page)).toHaveCount(2);
  await expect(page.getByRole("navigation", { name: "Pagination" })).toContainText("of 2");
});

test("exports the filtered result and the selection as JSONL and CSV through the stream", async ({ page }) => {
  const seeded = await seedSpans(uniqueName("table-export"), numbered(4, (i) => ({ type: i % 2 ? "llm" : "tool" })));
  await page.goto(`/projects/${seeded.projectId}/spans?type=llm`);
  await expect(bodyRows(page)).toHaveCount(2);

  await page.getByRole("button", { name: "Export" }).click();
  let dialog = page.getByRole("dialog", { name: "Export spans" });
  await expect(dialog.getByLabel("Selected spans (0)")).toBeDisabled();
  let download = page.waitForEvent("download");
  await dialog.getByRole("button", { name: "Download" }).click();
  const jsonl = await (await download).createReadStream();
  const text = (await streamText(jsonl)).trim().split("\n");
  expect(text).toHaveLength(2);
  expect(text.map((l) => (JSON.parse(l) as { type: string }).type)).toEqual(["llm", "llm"]);
  await expect(dialog.getByRole("status")).toHaveText("Exported 2 spans.");
  await dialog.getByRole("button", { name: "Close" }).click();

  await page.getByRole("checkbox", { name: "Select row 1" }).click();
  await page.getByRole("button", { name: "Export" }).click();
  dialog = page.getByRole("dialog", { name: "Export spans" });
  await dialog.getByLabel("CSV").check();
  await expect(dialog.getByLabel("Selected spans (1)")).toBeChecked();
  download = page.waitForEvent("download");
  await dialog.getByRole("button", { name: "Download" }).click();
  const csv = (await streamText(await (await download).createReadStream())).trim().split("\r\n");
  expect(csv).toHaveLength(2);
  expect(csv[0]).toMatch(/^id,trace_id,/);
  await expect(dialog.getByRole("progressbar", { name: "Export progress" })).toHaveAttribute("value", "1");
});

test("imports spans from a JSON Lines file, listing the problems per line", async ({ page }) => {
  const seeded = await seedSpans(uniqueName("table-import"), numbered(1));
  await page.goto(`/projects/${seeded.projectId}/spans`);
  await expect(bodyRows(page)).toHaveCount(1);
  const now = new Date().toISOString();
  const lines = [
    JSON.stringify({ name: "imported-one", type: "llm", start_time: now }),
    "{not json",
    JSON.stringify({ name: "no-start" }),
    JSON.stringify({ name: "imported-two", type: "tool", start_time: now }),
  ].join("\n");
  await page.getByRole("button", { name: "Import" }).click();
  const dialog = page.getByRole("dialog", { name: "Import spans" });
  await dialog.getByLabel("Spans file").setInputFiles({ name: "spans.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(lines) });
  const problems = dialog.getByRole("list", { name: "Problems in the file" });
  await expect(problems.getByRole("listitem")).toHaveCount(2);
  await expect(problems).toContainText("Line 2: not valid JSON");
  await expect(problems).toContainText("Line 3: start_time");
  await dialog.getByRole("button", { name: "Import the 2 valid spans" }).click();
  await expect(dialog.getByText("Imported 2 spans.")).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(bodyRows(page)).toHaveCount(3);
  await expect(spansTable(page).getByRole("cell", { name: "imported-two" })).toBeVisible();
});

test("live mode announces new spans without moving the rows until asked", async ({ page }) => {
  const name = uniqueName("table-live");
  const seeded = await seedSpans(name, numbered(2));
  await page.goto(`/projects/${seeded.projectId}/spans?live=5s`);
  await expect(bodyRows(page)).toHaveCount(2);
  await expect(page.getByText(/Live: checking for new spans every 5 seconds/)).toBeVisible();

  await seedSpans(name, [{ name: "fresh-one" }, { name: "fresh-two" }], Date.now());
  await expect(page.getByText("2 new spans")).toBeVisible({ timeout: 15_000 });
  await expect(bodyRows(page)).toHaveCount(2);
  await page.getByRole("button", { name: "Show" }).click();
  await expect(bodyRows(page)).toHaveCount(4);
});

test("keyboard alone: rows take focus, Enter opens the span in the side panel, columns can be hidden and remembered", async ({ page }) => {
  const seeded = await seedSpans(uniqueName("table-keys"), numbered(3));
  await page.goto(`/projects/${seeded.projectId}/spans?sort=name%3Aasc`);
  await expect(bodyRows(page)).toHaveCount(3);
  await bodyRows(page).first().focus();
  await page.keyboard.press("ArrowDown");
  await expect(bodyRows(page).nth(1)).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`span=${seeded.ids[1]}`));
  await expect(bodyRows(page).nth(1)).toHaveAttribute("aria-current", "true");
  await page.keyboard.press("Space");
  await expect(page.getByRole("region", { name: "Bulk actions" })).toContainText("1 span selected");

  await page.getByRole("button", { name: "Columns" }).click();
  const chooser = page.getByRole("region", { name: "Column chooser" });
  await chooser.getByRole("checkbox", { name: "Model" }).uncheck();
  await expect(spansTable(page).getByRole("columnheader", { name: "Model" })).toHaveCount(0);
  await chooser.getByRole("checkbox", { name: "Trace ID" }).check();
  await expect(spansTable(page).getByRole("columnheader", { name: "Trace ID" })).toBeVisible();
  await page.reload();
  await expect(bodyRows(page)).toHaveCount(3);
  await expect(spansTable(page).getByRole("columnheader", { name: "Trace ID" })).toBeVisible();
  await expect(spansTable(page).getByRole("columnheader", { name: "Model" })).toHaveCount(0);
});

test("the project page opens the spans, and Spans | Stats keeps the filters", async ({ page }) => {
  const seeded = await seedSpans(uniqueName("table-tabs"), numbered(2, () => ({ type: "llm" })));
  await page.goto(`/projects/${seeded.projectId}`);
  await expect(page).toHaveURL(`/projects/${seeded.projectId}/spans`);
  await page.goto(`/projects/${seeded.projectId}/spans?type=llm&q=span&page=1&size=10`);
  const tabs = page.getByRole("navigation", { name: "Project views" });
  await expect(tabs.getByRole("link", { name: "Spans" })).toHaveAttribute("aria-current", "page");
  await expect(tabs.getByRole("link", { name: "Stats" })).toHaveAttribute("href", `/projects/${seeded.projectId}/stats?q=span&type=llm`);
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
