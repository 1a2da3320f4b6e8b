import { expect, test, type Page } from "@playwright/test";
import { v7 } from "uuid";
import { EMBEDDED_URL } from "./fixtures/env";
import { uniqueName } from "./fixtures/opik";
import { bucketFilters, bucketTitle, HOUR } from "../lib/stats/buckets";
import { formatCount, formatMs, formatNumber, formatPercent, formatUsd } from "../lib/stats/format";

/**
 * The stats view draws what Opik's stats endpoint answers: spans with known durations, costs,
 * errors, usage, tags and scores go in through the REST API; each tile is read by its accessible
 * name and compared with GET /spans/stats for the same project.
 */
const API = `${EMBEDDED_URL}/api/v1/private`;
const json = { "content-type": "application/json" };

type Known = { id: string; name: string };

async function seed(): Promise<Known & { start: number }> {
  const name = uniqueName("stats");
  const trace = v7();
  const start = Date.now() - 3 * 3_600_000;
  const durations = [100, 200, 300, 400, 1500];
  const spans = durations.map((ms, i) => ({
    id: v7(),
    trace_id: trace,
    project_name: name,
    name: `call-${i}`,
    type: i < 3 ? "llm" : "tool",
    model: i < 3 ? (i === 2 ? "claude-x" : "gpt-x") : undefined,
    provider: i < 3 ? "acme" : undefined,
    start_time: new Date(start + i * 3_600_000).toISOString(),
    end_time: new Date(start + i * 3_600_000 + ms).toISOString(),
    input: i === 4 ? undefined : { q: `question ${i}` },
    output: i < 2 ? { a: "answer" } : undefined,
    tags: i === 0 ? ["a", "b"] : ["a"],
    total_estimated_cost: i < 2 ? 0.01 * (i + 1) : undefined,
    usage: i < 3 ? { prompt_tokens: 10 * (i + 1), completion_tokens: 5, total_tokens: 10 * (i + 1) + 5 } : undefined,
    error_info: i === 3 ? { exception_type: "Timeout", message: "too slow", traceback: "…" } : undefined,
  }));
  const created = await fetch(`${API}/spans/batch`, { method: "POST", headers: json, body: JSON.stringify({ spans }) });
  expect(created.status, await created.clone().text()).toBe(204);
  const scores = [0.5, 1].map((value, i) => ({ id: spans[i]!.id, name: "relevance", value, source: "sdk", project_name: name }));
  const scored = await fetch(`${API}/spans/feedback-scores`, { method: "PUT", headers: json, body: JSON.stringify({ scores }) });
  expect(scored.status).toBe(204);
  const page = (await (await fetch(`${API}/projects?${new URLSearchParams({ name, size: "10" })}`)).json()) as { content: Known[] };
  return { ...page.content.find((p) => p.name === name)!, start };
}

type Item = { name: string; value: number | Record<string, number> };

async function apiStats(projectId: string, extra: Record<string, string> = {}): Promise<Map<string, Item["value"]>> {
  const res = await fetch(`${API}/spans/stats?${new URLSearchParams({ project_id: projectId, ...extra })}`);
  const body = (await res.json()) as { stats: Item[] };
  return new Map(body.stats.map((i) => [i.name, i.value]));
}

const tile = (page: Page, name: string) => page.getByRole("group", { name, exact: true }).getByRole("definition").first();

test("the tiles show the numbers GET /spans/stats returns", async ({ page }) => {
  const project = await seed();
  const api = await apiStats(project.id);
  const count = api.get("span_count") as number;
  const errors = api.get("error_count") as number;
  const duration = api.get("duration") as Record<string, number>;
  expect(count).toBe(5);
  expect(errors).toBe(1);

  await page.goto(`/projects/${project.id}/stats`);
  await expect(tile(page, "Spans")).toHaveText(formatCount(count));
  await expect(tile(page, "Errors")).toHaveText(formatCount(errors));
  await expect(tile(page, "Error rate")).toHaveText(formatPercent(errors / count));
  await expect(tile(page, "Duration p50")).toHaveText(formatMs(duration.p50));
  await expect(tile(page, "Duration p90")).toHaveText(formatMs(duration.p90));
  await expect(tile(page, "Duration p99")).toHaveText(formatMs(duration.p99));
  await expect(tile(page, "Average cost")).toHaveText(formatUsd(api.get("total_estimated_cost") as number));
  await expect(tile(page, "Total cost")).toHaveText(formatUsd(api.get("total_estimated_cost_sum") as number));
  await expect(tile(page, "Tags per span")).toHaveText(formatNumber(api.get("tags") as number));
  await expect(tile(page, "With input")).toHaveText(formatPercent((api.get("input") as number) / count));
  await expect(tile(page, "With output")).toHaveText(formatPercent((api.get("output") as number) / count));
  await expect(tile(page, "Average prompt_tokens")).toHaveText(formatNumber(api.get("usage.prompt_tokens") as number));
  await expect(tile(page, "Average score relevance")).toHaveText(formatNumber(api.get("feedback_scores.relevance") as number));
  // Known data, so also the literal values: a formatter that drops numbers cannot pass.
  await expect(tile(page, "Duration p50")).toHaveText("300 ms");
  await expect(tile(page, "Total cost")).toHaveText("$0.03");
  await expect(tile(page, "Average score relevance")).toHaveText("0.75");

  // Over time: the span chart's table has one row per hour, and the hourly counts add up.
  const spansChart = page.getByRole("region", { name: "Spans and errors" });
  await expect(spansChart.getByRole("status")).toHaveCount(0, { timeout: 20_000 });
  await spansChart.getByText("Show as table").click();
  const cells = spansChart.getByRole("table").getByRole("row");
  await expect(cells).not.toHaveCount(0);
  const counts = await spansChart.getByRole("table").locator("tbody tr td:nth-child(2)").allTextContents();
  expect(counts.reduce((sum, text) => sum + Number(text.replace(/,/g, "")), 0)).toBe(count);

  // Breakdown by type matches a per-type stats call.
  const llm = await apiStats(project.id, { type: "llm" });
  const byType = page.getByRole("region", { name: "By type" });
  await byType.getByText("Show as table").click();
  const llmRow = byType.getByRole("row", { name: /llm/ });
  await expect(llmRow.getByRole("cell").first()).toHaveText(formatCount(llm.get("span_count") as number));
});

test("each hour of the duration chart and each model row show what a stats call for them returns", async ({ page }) => {
  const project = await seed();
  await page.goto(`/projects/${project.id}/stats`);
  const chart = page.getByRole("region", { name: "Duration percentiles" });
  await expect(chart.getByRole("status")).toHaveCount(0, { timeout: 20_000 });
  await chart.getByText("Show as table").click();
  // One span per hour (durations 100…1500 ms): each hour's bucket call, as the view makes it.
  for (let i = 0; i < 5; i++) {
    const startMs = Math.floor((project.start + i * HOUR) / HOUR) * HOUR;
    const b = { startMs, endMs: startMs + HOUR, start: new Date(startMs).toISOString(), end: new Date(startMs + HOUR).toISOString() };
    const api = await apiStats(project.id, { filters: JSON.stringify(bucketFilters(b)) });
    const duration = api.get("duration") as Record<string, number>;
    expect(duration.p50).toBe([100, 200, 300, 400, 1500][i]);
    const cells = chart.getByRole("row", { name: new RegExp(bucketTitle(b, "hour").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) }).getByRole("cell");
    await expect(cells.nth(0)).toHaveText(formatMs(duration.p50));
    await expect(cells.nth(2)).toHaveText(formatMs(duration.p99));
  }
  const byModel = page.getByRole("region", { name: "By model" });
  await byModel.getByText("Show as table").click();
  const gpt = await apiStats(project.id, { filters: JSON.stringify([{ field: "model", operator: "=", value: "gpt-x" }]) });
  expect(gpt.get("span_count")).toBe(2);
  const row = byModel.getByRole("row", { name: /gpt-x/ }).getByRole("cell");
  await expect(row.nth(0)).toHaveText(formatCount(gpt.get("span_count") as number));
  await expect(row.nth(2)).toHaveText(formatMs((gpt.get("duration") as Record<string, number>).p50));
  await expect(row.nth(2)).toHaveText("150 ms");
});

test("a click in a breakdown opens the span table filtered to it, keeping the view's search", async ({ page }) => {
  const project = await seed();
  await page.goto(`/projects/${project.id}/stats?q=question`);
  const byModel = page.getByRole("region", { name: "By model" });
  await byModel.getByText("Show as table").click();
  await byModel.getByRole("button", { name: "gpt-x" }).click();
  await expect(page).toHaveURL(/\/spans\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get("q")).toBe("question");
  expect(JSON.parse(url.searchParams.get("filters") ?? "[]")).toEqual([{ field: "model", operator: "=", value: "gpt-x" }]);
});

test("a view that matches nothing says so instead of drawing empty charts", async ({ page }) => {
  const project = await seed();
  await page.goto(`/projects/${project.id}/stats?q=${encodeURIComponent("zzznomatchzzz")}`);
  await expect(page.getByText("No spans match this view")).toBeVisible();
  await expect(page.getByRole("link", { name: "Open the span table" })).toHaveAttribute("href", /q=zzznomatchzzz/);
});
