/**
 * Browser figures of the span table, against a running production server:
 *
 *   tsx bench/ui-table.ts <baseUrl> <projectId> [samples]
 *
 * or `benchUiTable({ baseUrl, projectId })` from bench/run.ts. Headless Debian Chromium; each figure is
 * the median of `samples` runs after one warm-up (the first request of a fresh server compiles nothing
 * in production, but warms SQLite's page cache and the JIT, as a real server would be).
 *
 *   ui.table.first_rows_ms   navigation start → first body row visible (server-rendered first page)
 *   ui.table.next_page_ms    "Next" click → the next page's first row shown, not stale
 *   ui.table.filter_ms       filter submitted → filtered rows shown, not stale
 *   ui.table.first_load_js_kb  JavaScript of a first visit of the route, gzipped (what it weighs on the
 *                              wire beyond loopback; on loopback the server sends it uncompressed)
 */
import zlib from "node:zlib";
import { chromium, type Page } from "@playwright/test";
import type { Figure } from "./report";

type Options = { baseUrl: string; projectId: string; samples?: number; log?: (line: string) => void };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const table = (page: Page) => page.getByRole("table", { name: "Spans" });
const firstRow = (page: Page) => table(page).locator("tbody tr[data-row]").first();
const settled = (page: Page) => page.locator('table[aria-label="Spans"][aria-busy="false"]');

/**
 * Times an interaction inside the page (click → the DOM shows the settled result), with a
 * MutationObserver: Playwright's own polling and round trips would add tens of milliseconds.
 */
function timeInPage(page: Page, what: "next" | "filter"): Promise<number> {
  // A string, not a function: tsx's name-keeping helper (`__name`) does not exist in the page.
  return page.evaluate(`new Promise((resolve, reject) => {
    const what = ${JSON.stringify(what)};
    const tableEl = () => document.querySelector('table[aria-label="Spans"]');
    const firstId = () => tableEl()?.querySelector("tbody tr[data-row]")?.getAttribute("data-id") ?? null;
    const before = firstId();
    const chips = () => document.querySelector('ul[aria-label="Active filters"]') !== null;
    const done = () => tableEl()?.getAttribute("aria-busy") === "false" && firstId() !== null && firstId() !== before && (what === "next" || chips());
    const t0 = performance.now();
    const observer = new MutationObserver(() => {
      if (!done()) return;
      observer.disconnect();
      resolve(performance.now() - t0);
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    const button = what === "next"
      ? [...document.querySelectorAll('nav[aria-label="Pagination"] button')].find((b) => b.textContent === "Next")
      : document.querySelector('form[aria-label="Add a filter"] button[type=submit]');
    if (!button) return reject(new Error("no " + what + " button"));
    button.click();
    setTimeout(() => reject(new Error(what + " did not settle in 30 s")), 30000);
  })`);
}

export async function benchUiTable({ baseUrl, projectId, samples = 5, log = () => undefined }: Options): Promise<Figure[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  const url = `${baseUrl}/projects/${projectId}/spans`;
  try {
    // First-load JS: a cold browser context, every script's body gzipped at zlib's default level
    // (Next's own when it compresses), so the figure does not depend on SPANBOARD_COMPRESS.
    const cold = await browser.newContext();
    const page = await cold.newPage();
    const scripts: Promise<number>[] = [];
    page.on("requestfinished", (req) => {
      if (req.resourceType() !== "script") return;
      scripts.push(req.response().then(async (res) => (res ? zlib.gzipSync(await res.body()).length : 0)));
    });
    await page.goto(url, { waitUntil: "networkidle" });
    const jsKb = (await Promise.all(scripts)).reduce((a, b) => a + b, 0) / 1024;
    await cold.close();
    log(`first-load JS ${jsKb.toFixed(1)} KB`);

    const context = await browser.newContext();
    const p = await context.newPage();
    const first: number[] = [];
    const next: number[] = [];
    const filter: number[] = [];
    for (let i = 0; i <= samples; i++) {
      const t0 = Date.now();
      await p.goto(url, { waitUntil: "commit" });
      await firstRow(p).waitFor({ state: "visible" });
      const tFirst = Date.now() - t0;
      await settled(p).waitFor();
      // Let the prefetch of page 2 land, as a reader's pause would.
      await p.waitForLoadState("networkidle");

      const tNext = await timeInPage(p, "next");

      await p.getByRole("button", { name: "Add filter" }).click();
      const form = p.getByRole("form", { name: "Add a filter" });
      await form.getByLabel("Field").selectOption("duration");
      await form.getByLabel("Operator").selectOption(">=");
      await form.getByLabel("Value (ms)").fill(String(100 + i));
      const tFilter = await timeInPage(p, "filter");
      if (i > 0) {
        first.push(tFirst);
        next.push(tNext);
        filter.push(tFilter);
      }
      log(`sample ${i}${i === 0 ? " (warm-up)" : ""}: first rows ${tFirst} ms, next page ${tNext.toFixed(0)} ms, filter ${tFilter.toFixed(0)} ms`);
    }
    await context.close();
    return [
      { name: "ui.table.first_rows_ms", value: median(first), unit: "ms", target: 1000, better: "lower" },
      { name: "ui.table.next_page_ms", value: Math.round(median(next)), unit: "ms", target: 300, better: "lower" },
      { name: "ui.table.filter_ms", value: Math.round(median(filter)), unit: "ms", target: 500, better: "lower" },
      { name: "ui.table.first_load_js_kb", value: Math.round(jsKb * 10) / 10, unit: "KB gzip", target: 250, better: "lower" },
    ];
  } finally {
    await browser.close();
  }
}

if (process.argv[1]?.endsWith("ui-table.ts")) {
  const [baseUrl, projectId, samples] = process.argv.slice(2);
  if (!baseUrl || !projectId) {
    console.error("usage: tsx bench/ui-table.ts <baseUrl> <projectId> [samples]");
    process.exit(2);
  }
  benchUiTable({ baseUrl: baseUrl.replace(/\/$/, ""), projectId, samples: samples ? Number(samples) : undefined, log: console.log })
    .then((figures) => console.log(JSON.stringify(figures, null, 2)))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
