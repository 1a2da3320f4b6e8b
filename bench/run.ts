/**
 * npm run bench [-- --scale N] [--seed S] [--samples N] [--ingest N] [--fresh] [--inproc] [--no-ui] [--db FILE]
 *
 * Benchmarks the production server (scripts/serve.mjs, needs `npm run build`) on a database of
 * `scale` generated spans in one project. See bench/README.md for what each figure means.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "@/lib/embedded/db";
import { DEFAULT_SEED } from "@/lib/embedded/seed";
import { ingest } from "./ingest";
import { intFlag } from "./flags";
import { printTable, writeResults, type Figure } from "./report";
import { runScenario, scenarios } from "./scenarios";
import { ROOT, assertBuilt, residentMb, staleSources, startServer, type BenchServer } from "./server";
import { benchUiDetail } from "./ui-detail";
import { uiStatsBench } from "./ui-stats";
import { benchUiTable } from "./ui-table";

const PROJECT = "bench";
const log = (line: string) => console.log(line);


type Marker = { scale: number; seed: number; endMs: number; project: string };

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: "string" }, seed: { type: "string" }, samples: { type: "string" }, ingest: { type: "string" },
      fresh: { type: "boolean" }, inproc: { type: "boolean" }, "no-ui": { type: "boolean" }, db: { type: "string" },
    },
  });
  const scale = intFlag("scale", values.scale, 20_000);
  const seed = intFlag("seed", values.seed, DEFAULT_SEED);
  const samples = intFlag("samples", values.samples, 50);
  const freshIngest = intFlag("ingest", values.ingest, 50_000);
  const kind = values.inproc ? "inproc" : "next";
  if (kind === "next") {
    assertBuilt();
    const stale = staleSources();
    if (stale.length) log(`WARNING: ${stale.length} source file(s) changed since the build (e.g. ${stale[0]}); run npm run build for current figures.`);
  }

  const dir = path.join(ROOT, ".data", "bench");
  // --db: a copy of a benchmark database (with its marker copied beside it as <file>.json), so
  // experiments never write to the shared one.
  const dbPath = values.db ? path.resolve(values.db) : path.join(dir, `bench-${scale}.sqlite`);
  const markerPath = values.db ? `${dbPath.replace(/\.sqlite$/, "")}.json` : path.join(dir, `bench-${scale}.json`);
  const marker: Marker | null = fs.existsSync(markerPath) && fs.existsSync(dbPath) && !values.fresh
    ? (JSON.parse(fs.readFileSync(markerPath, "utf8")) as Marker)
    : null;
  if (!marker && values.db) throw new Error(`--db ${values.db}: needs its marker ${markerPath} (copy bench-<scale>.json beside it); refusing to rebuild it`);
  if (!marker) {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(dbPath + suffix, { force: true });
    fs.rmSync(markerPath, { force: true });
  }

  log(`Spanboard bench: ${scale.toLocaleString("en-US")} spans, ${kind === "next" ? "production server (scripts/serve.mjs)" : "IN-PROCESS handler (development only)"}`);
  log(`Database: ${path.relative(ROOT, dbPath)} (${marker ? "reused" : "fresh"})`);
  let server = await startServer(dbPath, kind);
  const figures: Figure[] = [];
  try {
    figures.push(...(await ingestPhase(server, scale, seed, marker, freshIngest, markerPath)));
    const db = openDatabase(dbPath, { readonly: true });
    log("\nRead latency (page of 100 with total; pages 1–5 rotate):");
    for (const s of scenarios(PROJECT, samples, Math.max(10, Math.round(samples / 2)))) {
      const result = await runScenario(server.apiUrl, db, s, log);
      figures.push(...result.figures);
      if (result.timedOut) {
        // The server is still running the slow query; a fresh one serves the next scenario.
        await server.stop(true);
        server = await startServer(dbPath, kind);
      }
    }
    db.close();
    if (kind === "next" && !values["no-ui"]) figures.push(...(await uiPhase(server)));
    const rss = residentMb(server.pid);
    const peak = residentMb(server.pid, "VmHWM");
    if (rss !== null) figures.push({ name: "server_rss_mb", value: rss, unit: "MB", target: 500, better: "lower" });
    if (peak !== null) figures.push({ name: "server_peak_rss_mb", value: peak, unit: "MB", target: null, better: "lower" });
  } finally {
    await server.stop();
  }
  figures.push({ name: "dataset_spans", value: scale, unit: "spans", target: null, better: "higher" });

  printTable(figures, log);
  const out = values.db
    ? path.join(ROOT, "bench", "results", `${path.basename(dbPath, ".sqlite")}-${kind}.json`)
    : path.join(ROOT, "bench", "results", kind === "next" ? "latest.json" : "inproc.json");
  writeResults(out, figures);
  log(`\nWrote ${path.relative(ROOT, out)}`);
}

/**
 * A fresh database is filled over HTTP and that ingest is the figure. A reused one (same scale,
 * from an earlier run) gets a smaller fresh ingest into a new project instead, so a million-span
 * ingest is not repeated on every run. The sample project stays (deleting 50,000 spans costs more
 * than the run); it does not touch the benchmark project the reads are measured on.
 */
async function ingestPhase(server: BenchServer, scale: number, seed: number, marker: Marker | null, freshIngest: number, markerPath: string): Promise<Figure[]> {
  const progress = (total: number) => {
    let next = 0;
    return (done: number) => {
      if (done < next && done < total) return;
      next = done + Math.max(10_000, Math.round(total / 10));
      const line = `  ${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} spans`;
      if (process.stdout.isTTY) process.stdout.write(`\r${line}`);
      else log(line);
    };
  };
  let spans: number;
  let result;
  if (!marker) {
    const endMs = Date.now();
    log(`\nIngesting ${scale.toLocaleString("en-US")} spans into "${PROJECT}" over HTTP…`);
    result = await ingest(server.apiUrl, { projectName: PROJECT, spans: scale, seed, endMs }, progress(scale));
    spans = scale;
    fs.writeFileSync(markerPath, JSON.stringify({ scale, seed, endMs, project: PROJECT } satisfies Marker, null, 2));
  } else {
    spans = Math.min(freshIngest, scale);
    const project = `bench-ingest-${Date.now()}`;
    log(`\nReusing the ${scale.toLocaleString("en-US")}-span database; ingest figure from ${spans.toLocaleString("en-US")} spans into a fresh project "${project}"…`);
    result = await ingest(server.apiUrl, { projectName: project, spans, seed: seed + 1 }, progress(spans));
  }
  const rate = result.spans / (result.spanMs / 1000);
  const scoreRate = result.scores / Math.max(result.scoreMs / 1000, 1e-9);
  log(`${process.stdout.isTTY ? "\r" : ""}  spans: ${Math.round(rate).toLocaleString("en-US")}/s (${(result.spanMs / 1000).toFixed(1)} s); scores: ${Math.round(scoreRate).toLocaleString("en-US")}/s; ${result.traces} traces, ${result.comments} comments`);
  return [
    { name: "ingest_spans_per_s", value: Math.round(rate), unit: "spans/s", target: 10_000, better: "higher" },
    { name: "ingest_scores_per_s", value: Math.round(scoreRate), unit: "scores/s", target: null, better: "higher" },
    { name: "ingest_sample_spans", value: spans, unit: "spans", target: null, better: "higher" },
  ];
}

/**
 * The browser figures of the table, detail and stats views (headless Chromium, production build).
 * One view failing is reported and the others still run, so the table of figures is always printed.
 */
async function uiPhase(server: BenchServer): Promise<Figure[]> {
  const baseUrl = server.apiUrl.replace(/\/api$/, "");
  const figures: Figure[] = [];
  const attempt = async (label: string, run: () => Promise<Figure[]>) => {
    log(`Browser: ${label}…`);
    try {
      figures.push(...(await run()));
    } catch (error) {
      log(`  ${label} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  await attempt("span table", async () => benchUiTable({ baseUrl, projectId: await projectId(server), log }));
  await attempt("stats view", () => uiStatsBench({ baseUrl, project: PROJECT, log }));
  await attempt("span detail (10,000-span trace, 5 MB input)", () => benchUiDetail({ baseUrl, log }));
  return figures;
}

async function projectId(server: BenchServer): Promise<string> {
  const retrieve = () =>
    fetch(`${server.apiUrl}/v1/private/projects/retrieve`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: PROJECT }),
    });
  // Once more on a socket error: a pooled connection may have hit the server's keep-alive timeout.
  const res = await retrieve().catch(retrieve);
  return ((await res.json()) as { id: string }).id;
}

main().catch((error: unknown) => {
  const cause = error instanceof Error && error.cause ? ` (${String(error.cause)})` : "";
  console.error(error instanceof Error ? error.message + cause : error);
  process.exit(1);
});
