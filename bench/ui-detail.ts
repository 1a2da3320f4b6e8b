/**
 * Browser figures of the span detail page, against a running production server:
 *
 *   tsx bench/ui-detail.ts <baseUrl> [samples]
 *
 * or `benchUiDetail({ baseUrl })` from bench/run.ts. It creates its own data through the server's
 * Opik REST API (a project `bench-detail-<time>`: one trace of 10,000 spans, one span with a 5 MB
 * input), then measures in headless Debian Chromium, median of `samples` runs after one warm-up:
 *
 *   ui.detail.tree_10k_ms             navigation → the selected span's row shown in the 10,000-span tree
 *   ui.detail.tree_scroll_long_task_ms the longest main-thread task while the tree scrolls top to bottom
 *   ui.detail.payload_5mb_interactive_ms navigation → the 5 MB input's JSON view answers a click
 *   ui.detail.payload_5mb_full_ms     "Load the full input" clicked → the whole 5 MB value's JSON view answers a click
 *
 * What "interactive" shows: the server sends payloads over 256 KB as a structural preview (the
 * same keys, the first items and characters, the real sizes) with a "Load the full input" control
 * (lib/span-detail/payload-preview.ts). So `payload_5mb_interactive_ms` times the page with the
 * preview — the root toggle clicked is the real root of the input — and `payload_5mb_full_ms`
 * times loading, parsing and showing all 5 MB once asked for; both count until the view answers
 * a click.
 *
 * How it is timed: by the page's own clock (performance.now(), from navigation start), watched by a
 * script the bench injects before the page's own scripts (WATCH): the tree figure is when the
 * selected span's row is in the tree and visible; the input figure is when a click on the Input
 * JSON's root toggle first gets an answer — the script clicks every frame from the moment the
 * toggle exists (clicks before hydration are lost, as a person's would be) until the toggle says
 * "Expand root". Playwright's own waits poll at growing intervals (up to 500 ms between looks), so
 * timing them added up to half a second of the harness to a figure; the log line still prints the
 * harness-observed time ("seen by the harness") beside each figure.
 */
import { randomUUID } from "node:crypto";
import { chromium, type Page } from "@playwright/test";
import { v7 } from "uuid";
import type { Figure } from "./report";

type Options = { baseUrl: string; samples?: number; spans?: number; log?: (line: string) => void };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function api(baseUrl: string, path: string, body: unknown) {
  const res = await fetch(`${baseUrl}/api/v1/private${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
}

/** A 10,000-span trace shaped like an agent: 100 steps of 99 children (some nested), all light. */
async function seed(baseUrl: string, count: number) {
  const project = `bench-detail-${Date.now()}-${randomUUID().slice(0, 4)}`;
  const traceId = v7();
  const t0 = Date.now() - 3_600_000;
  const at = (ms: number) => new Date(t0 + ms).toISOString();
  await api(baseUrl, "/traces/batch", { traces: [{ id: traceId, project_name: project, name: "bench-trace", start_time: at(0), end_time: at(count * 2 + 10) }] });
  const rootId = v7();
  const spans: Record<string, unknown>[] = [{ id: rootId, trace_id: traceId, project_name: project, name: "root", type: "general", start_time: at(0), end_time: at(count * 2 + 10) }];
  let step = rootId;
  for (let i = 1; i < count; i++) {
    const id = v7();
    const isStep = i % 100 === 1;
    spans.push({
      id,
      trace_id: traceId,
      project_name: project,
      parent_span_id: isStep ? rootId : step,
      name: isStep ? `step-${i}` : `call-${i}`,
      type: i % 3 ? "llm" : "tool",
      start_time: at(i * 2),
      end_time: at(i * 2 + (isStep ? 200 : 1)),
      usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
    });
    if (isStep) step = id;
  }
  const selected = spans[Math.floor(count / 2)]!.id as string;
  for (let i = 0; i < spans.length; i += 1000) await api(baseUrl, "/spans/batch", { spans: spans.slice(i, i + 1000) });
  // 5 MB of input: 22,000 records of ~250 bytes.
  const bigId = v7();
  const records = Array.from({ length: 22_000 }, (_, i) => ({ i, id: randomUUID(), text: `record ${i} `.padEnd(180, "lorem ipsum ") }));
  await api(baseUrl, "/spans/batch", {
    spans: [{ id: bigId, trace_id: v7(), project_name: project, name: "big-input", type: "llm", start_time: at(0), end_time: at(5), input: { records }, output: { ok: true } }],
  });
  const found = await fetch(`${baseUrl}/api/v1/private/projects?${new URLSearchParams({ name: project, size: "5" })}`);
  const projectId = ((await found.json()) as { content: { id: string; name: string }[] }).content.find((p) => p.name === project)!.id;
  return { projectId, selected, bigId, inputBytes: JSON.stringify({ records }).length };
}

const SCROLL_AND_MEASURE = `(async () => {
  const tree = document.querySelector('[role="tree"]');
  let max = 0;
  const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) max = Math.max(max, e.duration); });
  observer.observe({ type: "longtask", buffered: false });
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
  for (let top = 0; top < tree.scrollHeight; top += tree.clientHeight) {
    tree.scrollTop = top;
    await frame();
  }
  await frame();
  await frame();
  observer.disconnect();
  return max;
})()`;

/** Runs in every page before its scripts: records the two moments the figures are about. */
const WATCH = `(() => {
  const w = (window.__detailBench = { clicks: 0 });
  const q = (s) => document.querySelector(s);
  const shown = (el) => !!el && el.checkVisibility() && el.getBoundingClientRect().height > 0;
  const look = () => {
    const now = performance.now();
    if (w.tree === undefined && shown(q('[role="tree"][aria-label="Spans of the trace"] [role="treeitem"][aria-selected="true"]'))) w.tree = now;
    if (w.input !== undefined) return;
    if (w.clicks > 0 && q('[aria-label="Input"] button[aria-label="Expand root"]')) w.input = now;
  };
  const click = () => {
    look();
    const toggle = w.input === undefined && q('[aria-label="Input"] button[aria-label="Collapse root"]');
    if (toggle) { w.clicks++; toggle.click(); look(); }
    // Until both moments are seen; a page without an Input JSON view stops once its tree shows.
    const inputPending = w.input === undefined && q('[aria-label="Input JSON"]');
    if (w.tree === undefined || inputPending) requestAnimationFrame(click);
  };
  new MutationObserver(look).observe(document, { childList: true, subtree: true, attributes: true });
  requestAnimationFrame(click);
})()`;

/** Resolves, in the page, with the moment WATCH saw the input answer a click (no eval: the app's CSP forbids it). */
const INPUT_ANSWERED = `new Promise((resolve) => {
  const check = () => (window.__detailBench.input !== undefined ? resolve(window.__detailBench.input) : requestAnimationFrame(check));
  check();
})`;

/** In the 5 MB span's page: "Load the full input", then the time until the whole value's root toggle answers a click. */
const LOAD_FULL = `(async () => {
  const region = document.querySelector('[aria-label="Input"]');
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  const button = (text) => [...region.querySelectorAll("button")].find((b) => b.textContent.startsWith(text));
  // A build that sends the input whole has nothing to load (then -1).
  if (!button("Load the full input")) return -1;
  const t0 = performance.now();
  button("Load the full input").click();
  while (button("Load")) await frame();
  for (;;) {
    if (region.querySelector('button[aria-label="Expand root"]')) return performance.now() - t0;
    region.querySelector('button[aria-label="Collapse root"]')?.click();
    await frame();
  }
})()`;

const treeItem = (page: Page, name: string) => page.getByRole("tree", { name: "Spans of the trace" }).getByRole("treeitem", { name, exact: true });

export async function benchUiDetail({ baseUrl, samples = 5, spans = 10_000, log = () => undefined }: Options): Promise<Figure[]> {
  const data = await seed(baseUrl, spans);
  log(`seeded ${spans} spans and a ${(data.inputBytes / 1e6).toFixed(1)} MB input in project ${data.projectId}`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addInitScript(WATCH);
    const page = await context.newPage();
    const treeMs: number[] = [];
    const scrollMs: number[] = [];
    const bigMs: number[] = [];
    const fullMs: number[] = [];
    const selectedName = `call-${Math.floor(spans / 2)}`;
    for (let i = 0; i <= samples; i++) {
      let t0 = Date.now();
      await page.goto(`${baseUrl}/projects/${data.projectId}/spans/${data.selected}`, { waitUntil: "commit" });
      await treeItem(page, selectedName).waitFor({ state: "visible", timeout: 60_000 });
      const seenTree = Date.now() - t0;
      const tTree = Math.round((await page.evaluate("window.__detailBench.tree")) as number);

      // Scroll the tree from top to bottom, a viewport per frame, recording long tasks.
      // A string, not a function: tsx's name-keeping helpers do not exist in the page.
      const longest = (await page.evaluate(SCROLL_AND_MEASURE)) as number;

      t0 = Date.now();
      await page.goto(`${baseUrl}/projects/${data.projectId}/spans/${data.bigId}`, { waitUntil: "commit" });
      const tBig = Math.round((await page.evaluate(INPUT_ANSWERED)) as number);
      const seenBig = Date.now() - t0;
      const input = page.getByRole("region", { name: "Input" });
      await input.getByRole("button", { name: "Expand root" }).waitFor({ state: "visible" });

      const tFull = Math.round((await page.evaluate(LOAD_FULL)) as number);
      if (i > 0) {
        treeMs.push(tTree);
        scrollMs.push(longest);
        bigMs.push(tBig);
        if (tFull >= 0) fullMs.push(tFull);
      }
      log(
        `sample ${i}${i === 0 ? " (warm-up)" : ""}: tree ${tTree} ms (seen by the harness ${seenTree}), longest scroll task ${longest.toFixed(0)} ms, ` +
          `5 MB input interactive ${tBig} ms (preview; seen by the harness ${seenBig}), whole 5 MB loaded and interactive ${tFull} ms`,
      );
    }
    await context.close();
    return [
      { name: "ui.detail.tree_10k_ms", value: median(treeMs), unit: "ms", target: 1000, better: "lower" },
      { name: "ui.detail.tree_scroll_long_task_ms", value: Math.round(median(scrollMs)), unit: "ms", target: 100, better: "lower" },
      { name: "ui.detail.payload_5mb_interactive_ms", value: median(bigMs), unit: "ms", target: 1000, better: "lower" },
      ...(fullMs.length ? [{ name: "ui.detail.payload_5mb_full_ms", value: median(fullMs), unit: "ms", target: null, better: "lower" as const }] : []),
    ];
  } finally {
    await browser.close();
  }
}

if (process.argv[1]?.endsWith("ui-detail.ts")) {
  const [baseUrl, samples] = process.argv.slice(2);
  if (!baseUrl) {
    console.error("usage: tsx bench/ui-detail.ts <baseUrl> [samples]");
    process.exit(2);
  }
  benchUiDetail({ baseUrl: baseUrl.replace(/\/$/, ""), samples: samples ? Number(samples) : undefined, log: console.log })
    .then((figures) => console.log(JSON.stringify(figures, null, 2)))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
