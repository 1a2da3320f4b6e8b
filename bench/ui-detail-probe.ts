/**
 * Where the time of the span detail page goes (a diagnostic beside bench/ui-detail.ts, not a figure):
 *
 *   tsx bench/ui-detail-probe.ts <baseUrl> <projectId> [runs]
 *
 * Uses a project seeded by ui-detail.ts (its `call-5000` span and its `big-input` span). For each
 * page it prints the requests (document, server actions, chunks) with their start/end relative to
 * navigation and their sizes, the main thread's long tasks, and when the measured outcome happened.
 */
import { chromium, type Page } from "@playwright/test";

async function findSpan(baseUrl: string, projectId: string, name: string): Promise<string> {
  const filters = JSON.stringify([{ field: "name", operator: "=", value: name }]);
  const res = await fetch(`${baseUrl}/api/v1/private/spans?${new URLSearchParams({ project_id: projectId, filters, size: "1", exclude: '["input","output"]' })}`);
  const body = (await res.json()) as { content: { id: string }[] };
  if (!body.content[0]) throw new Error(`no span named ${name}`);
  return body.content[0].id;
}

const LONG_TASKS = `(() => { window.__long = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: "longtask", buffered: true }); })()`;

async function probe(page: Page, url: string, outcome: (page: Page) => Promise<void>, label: string) {
  const rows: string[] = [];
  const t0 = Date.now();
  const onFinished = async (req: import("@playwright/test").Request) => {
    const t = req.timing();
    const res = await req.response();
    const size = res ? (await res.body().catch(() => Buffer.alloc(0))).length : 0;
    const action = req.headers()["next-action"] ? " [action]" : "";
    if (req.resourceType() === "document" || action || req.url().includes("_rsc"))
      rows.push(`${req.method()} ${req.url().slice(0, 90)}${action} start ${Math.round(t.startTime - t0)} ttfb ${Math.round(t.responseStart)} end ${Math.round(t.responseEnd)} ms, ${(size / 1024).toFixed(0)} KB`);
  };
  page.on("requestfinished", onFinished);
  await page.goto(url, { waitUntil: "commit" });
  await page.evaluate(LONG_TASKS).catch(() => undefined);
  await outcome(page);
  const total = Date.now() - t0;
  const long = (await page.evaluate("window.__long").catch(() => [])) as [number, number][];
  const nav = (await page.evaluate("JSON.stringify(performance.getEntriesByType('navigation')[0])")) as string;
  const n = JSON.parse(nav) as Record<string, number>;
  page.off("requestfinished", onFinished);
  console.log(`--- ${label}: ${total} ms`);
  console.log(`  navigation: ttfb ${Math.round(n.responseStart!)} responseEnd ${Math.round(n.responseEnd!)} domInteractive ${Math.round(n.domInteractive!)} DCL ${Math.round(n.domContentLoadedEventEnd!)} size ${Math.round(n.transferSize! / 1024)} KB`);
  for (const r of rows) console.log(`  ${r}`);
  console.log(`  long tasks [start, duration]: ${JSON.stringify(long)} (sum ${long.reduce((a, [, d]) => a + d, 0)} ms)`);
}

async function main() {
  const [baseUrl, projectId, runs = "3"] = process.argv.slice(2);
  if (!baseUrl || !projectId) throw new Error("usage: tsx bench/ui-detail-probe.ts <baseUrl> <projectId> [runs]");
  const selected = await findSpan(baseUrl, projectId, "call-5000");
  const big = await findSpan(baseUrl, projectId, "big-input");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  for (let i = 0; i < Number(runs); i++) {
    await probe(
      page,
      `${baseUrl}/projects/${projectId}/spans/${selected}`,
      (p) => p.getByRole("tree", { name: "Spans of the trace" }).getByRole("treeitem", { name: "call-5000", exact: true }).waitFor({ timeout: 60_000 }),
      "tree 10k",
    );
    await probe(
      page,
      `${baseUrl}/projects/${projectId}/spans/${big}`,
      async (p) => {
        const input = p.getByRole("region", { name: "Input" });
        await input.getByRole("button", { name: "Collapse root" }).click({ timeout: 60_000 });
        await input.getByRole("button", { name: "Expand root" }).waitFor();
      },
      "5 MB input",
    );
  }
  await browser.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
