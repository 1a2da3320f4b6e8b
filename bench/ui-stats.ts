/**
 * Browser figures of the stats view (issue 6), for `npm run bench`:
 *   ui_stats_drawn_ms      navigation → every tile and chart of /projects/:id/stats settled
 *                          (`data-stats-state="complete"`) and every chart's SVG drawn (no chart
 *                          skeleton left), headless Chromium, production build;
 *                          median of `samples` cold loads (fresh browser context each: no cache).
 *   ui_stats_first_ms      the first of those loads (the server's caches cold for this view).
 *   ui_stats_requests      stats data requests the browser makes for one view. The page starts the
 *                          view's calls on the server and streams them in (lib/stats/prefetch.ts),
 *                          so this is 0 normally; the server made 32 at 1M spans (totals, range,
 *                          4 types, sample, 15 daily buckets, 5 models, 5 providers).
 *   ui_table_chart_js_kb   JavaScript the span table route loads that contains chart code
 *                          (Recharts); must stay 0 — the charts are only loaded by the stats view.
 *   ui_table_js_kb         all JavaScript the table route loads (context for the figure above).
 *
 * Use: `uiStatsBench({ baseUrl, project })` from bench/run.ts with the bench server running, or
 * alone: `npx tsx bench/ui-stats.ts [--scale 1000000] [--samples 3] [--db file.sqlite] [--verbose]`
 * (starts its own `next start` on `.data/bench/bench-<scale>.sqlite`, which `npm run bench -- --scale N`
 * creates, or on `--db`; `--verbose` logs each stats request's latency as the browser saw it).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Browser } from "@playwright/test";
import type { Figure } from "./report";

export type UiStatsOptions = { baseUrl: string; project: string; samples?: number; log?: (line: string) => void; verbose?: boolean };

const LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
};
const TARGET_MS = 2000;
const DRAW_TIMEOUT_MS = 180_000;

async function projectId(baseUrl: string, name: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/private/projects?${new URLSearchParams({ name, size: "100" })}`);
  const page = (await res.json()) as { content?: { id: string; name: string }[] };
  const found = page.content?.find((p) => p.name === name);
  if (!found) throw new Error(`ui-stats: project "${name}" not found at ${baseUrl}`);
  return found.id;
}

async function drawOnce(browser: Browser, url: string, log?: (line: string) => void): Promise<{ ms: number; requests: number }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  let requests = 0;
  const t0 = performance.now();
  const sent = new Map<unknown, number>();
  page.on("request", (r) => {
    if (!r.url().includes("/stats/data?")) return;
    requests++;
    sent.set(r, performance.now());
  });
  if (log) {
    page.on("requestfinished", (r) => {
      const start = sent.get(r);
      if (start === undefined) return;
      const q = new URL(r.url()).searchParams;
      log(`    ${Math.round(start - t0)}→${Math.round(performance.now() - t0)} ms ${q.get("op")} ${q.get("c")}`);
    });
  }
  await page.goto(url, { waitUntil: "commit" });
  // One check per animation frame. Not `locator.waitFor` first: its retries back off to 500 ms
  // apart, which added up to half a second (≈300 ms on average, measured) after the view was drawn.
  await page.waitForFunction(everyChartDrawn, undefined, { timeout: DRAW_TIMEOUT_MS, polling: "raf" });
  const ms = performance.now() - t0;
  await context.close();
  return { ms, requests };
}

/**
 * Every chart of the settled view is drawn: no chart skeleton left (the charts render in the
 * browser only, after hydration) and each chart's SVG is in the DOM. Runs in the page.
 */
function everyChartDrawn(): boolean {
  // `data-stats-state="complete"` is set in the same render as the last answer's data (charts included).
  const view = document.querySelector('[data-stats-state="complete"]');
  if (!view || view.querySelector("[data-chart-skeleton]")) return false;
  const charts = [...view.querySelectorAll("[data-chart]")];
  return charts.length > 0 && charts.every((c) => c.querySelector(".recharts-surface"));
}

/** Script bytes the table route loads, and how many of them carry Recharts. */
async function tableScripts(browser: Browser, url: string): Promise<{ total: number; charts: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts: Promise<{ size: number; charts: boolean }>[] = [];
  page.on("response", (res) => {
    if (res.request().resourceType() !== "script") return;
    scripts.push(res.body().then((b) => ({ size: b.length, charts: /recharts/.test(b.toString("utf8")) }), () => ({ size: 0, charts: false })));
  });
  await page.goto(url, { waitUntil: "networkidle" });
  const all = await Promise.all(scripts);
  await context.close();
  return { total: all.reduce((s, x) => s + x.size, 0), charts: all.filter((x) => x.charts).reduce((s, x) => s + x.size, 0) };
}

export async function uiStatsBench({ baseUrl, project, samples = 3, log = console.log, verbose = false }: UiStatsOptions): Promise<Figure[]> {
  const id = await projectId(baseUrl, project);
  const browser = await chromium.launch(LAUNCH);
  try {
    const times: number[] = [];
    let requests = 0;
    for (let i = 0; i < samples; i++) {
      const r = await drawOnce(browser, `${baseUrl}/projects/${id}/stats`, verbose ? log : undefined);
      times.push(r.ms);
      requests = r.requests;
      log(`  stats view drawn in ${Math.round(r.ms)} ms (${r.requests} stats requests)`);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const table = await tableScripts(browser, `${baseUrl}/projects/${id}/spans`);
    const kb = (n: number) => Math.round((n / 1024) * 10) / 10;
    return [
      { name: "ui_stats_drawn_ms", value: Math.round(sorted[Math.floor(sorted.length / 2)]!), unit: "ms", target: TARGET_MS, better: "lower" },
      { name: "ui_stats_first_ms", value: Math.round(times[0]!), unit: "ms", target: null, better: "lower" },
      { name: "ui_stats_requests", value: requests, unit: "req", target: null, better: "lower" },
      { name: "ui_table_chart_js_kb", value: kb(table.charts), unit: "kB", target: 0, better: "lower" },
      { name: "ui_table_js_kb", value: kb(table.total), unit: "kB", target: null, better: "lower" },
    ];
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    scale: { type: "string" }, samples: { type: "string" }, url: { type: "string" }, project: { type: "string" }, db: { type: "string" },
    verbose: { type: "boolean" },
  } });
  const { printTable } = await import("./report");
  let stop = async () => {};
  let baseUrl = values.url;
  if (!baseUrl) {
    const { ROOT, startServer } = await import("./server");
    const scale = Number(values.scale ?? 1_000_000);
    const server = await startServer(values.db ? path.resolve(values.db) : path.join(ROOT, ".data", "bench", `bench-${scale}.sqlite`), "next");
    baseUrl = server.apiUrl.replace(/\/api$/, "");
    stop = () => server.stop();
  }
  try {
    const figures = await uiStatsBench({ baseUrl, project: values.project ?? "bench", samples: Number(values.samples ?? 3), verbose: values.verbose });
    printTable(figures, console.log);
  } finally {
    await stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
