/**
 * npm run bench:load [-- --spans N] [--duration S] [--connections C] [--batch N] [--rate R] [--db FILE] [--read-workers N]
 *
 * Concurrent load on the production server (`next start`, needs `npm run build`) on 127.0.0.1:
 * C readers (autocannon, default 50) for S seconds (30) over a mix of embedded API reads and
 * dashboard pages, while one writer posts N-span batches (1,000) without pause. The database is
 * seeded with `--spans` generated spans (50,000) before the server starts. Prints errors, non-2xx,
 * read latency per kind and overall, writer throughput; merges `load.*` figures into
 * bench/results/latest.json. `--db FILE` keeps the seeded database there and reuses it on later
 * runs (the writer's spans accumulate in their own project); by default it is temporary.
 *
 * By default each reader sends its next request as soon as the last one is answered (closed loop,
 * no think time): that measures the server saturated, and latency is then mostly queueing
 * (connections ÷ throughput). `--rate R` gives each reader a think time instead (exponential, mean
 * 1/R s, `load-readers.ts`), like people clicking through the dashboard; its figures are `load.paced.*`.
 *
 * `--read-workers N` sets the server's SPANBOARD_READ_WORKERS (reader threads of the embedded API;
 * 0 = the API inline on the main thread, as before the workers). SPANBOARD_DIST_DIR picks the build.
 * The server's answer cache is on, as `npm start` has it (lib/backend/http-cache.ts): the readers
 * ask the same pages and lists again and again, and between the writer's commits the cache answers
 * repeats. How many answers came from it is reported (`from memory`, from its response header);
 * SPANBOARD_RESPONSE_CACHE=0 measures every read done afresh.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { openDatabase } from "@/lib/embedded/db";
import { seedProject } from "@/lib/embedded/seed";
import { env } from "@/lib/env";
import { intFlag } from "./flags";
import { httpRequest, reusedSocketRetries } from "./http-client";
import { runPacedReaders, type PacedRequest } from "./load-readers";
import { printTable, writeResults, type Figure } from "./report";
import { ROOT, assertBuilt, residentMb, staleSources, startServer, threadCpuMs } from "./server";
import type { WriterResult } from "./load-writer";

const PROJECT = "load";
const WRITER_PROJECT = "load-writer";
const TIMEOUT_S = 20;
const WARMUP_S = 5;
const log = (line: string) => console.log(line);


const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0);
const round = (v: number) => Math.round(v * 100) / 100;
const pctOf = (part: number, whole: number) => (whole ? Math.round((part / whole) * 100) : 0).toString();

type Kind = { name: string; share: number; requests: PacedRequest[] };

/** The read mix: list pages (plain, sorted, filtered, by type), single spans, search and stats, and pages. */
function readMix(projectId: string, spanIds: string[], pages: string[]): Kind[] {
  // Pages of 50 truncated spans, as the dashboard's span table asks for them.
  const q = (params: Record<string, string>) => `/api/v1/private/spans?${new URLSearchParams({ project_name: PROJECT, size: "50", truncate: "true", ...params })}`;
  const filters = JSON.stringify([
    { field: "metadata", operator: "=", key: "environment", value: "production" },
    { field: "feedback_scores", operator: ">=", key: "relevance", value: "0.7" },
  ]);
  const lists = [1, 2, 3, 4, 5].flatMap((page) => [
    q({ page: String(page) }),
    q({ page: String(page), sorting: JSON.stringify([{ field: "duration", direction: "DESC" }]) }),
    q({ page: String(page), filters }),
    q({ page: String(page), type: "llm", exclude: JSON.stringify(["input", "output"]) }),
  ]);
  const heavy = [
    q({ search: "refund", size: "25" }),
    `/api/v1/private/spans/stats?${new URLSearchParams({ project_name: PROJECT })}`,
    `/api/v1/private/spans/stats?${new URLSearchParams({ project_id: projectId, filters })}`,
  ];
  const get = (p: string): PacedRequest => ({ method: "GET", path: p });
  return [
    { name: "api_list", share: 0.4, requests: lists.map(get) },
    { name: "api_get", share: 0.2, requests: spanIds.map((id) => get(`/api/v1/private/spans/${id}`)) },
    { name: "api_search_stats", share: 0.1, requests: heavy.map(get) },
    { name: "page", share: 0.3, requests: pages.map(get) },
  ];
}

type KindResult = { name: string; connections: number; latencies: number[]; errors: number; timeouts: number; non2xx: number; total: number; fromMemory: number; firstBad?: string };

async function runKind(origin: string, kind: Kind, connections: number, duration: number, rate: number | undefined): Promise<KindResult> {
  if (rate !== undefined) {
    const paced = await runPacedReaders(origin, kind.requests, connections, duration, rate, TIMEOUT_S);
    return { name: kind.name, connections, ...paced };
  }
  const out: KindResult = { name: kind.name, connections, latencies: [], errors: 0, timeouts: 0, non2xx: 0, total: 0, fromMemory: 0 };
  // Answers from the server's answer cache say so in a header (lib/backend/http-cache.ts).
  const setupClient = (client: import("node:events").EventEmitter) =>
    client.on("headers", (info: { headers?: string[] }) => {
      const raw = info.headers ?? [];
      for (let i = 0; i + 1 < raw.length; i += 2) if (raw[i]!.toLowerCase() === "x-spanboard-cache" && raw[i + 1] === "hit") out.fromMemory++;
    });
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url: origin, connections, duration, timeout: TIMEOUT_S, requests: kind.requests, setupClient }, (error, result) => {
      if (error) return reject(error);
      Object.assign(out, { errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, total: result.requests.total });
      // A timed-out request took at least the timeout: counted so, it cannot flatter the percentiles.
      for (let i = 0; i < result.timeouts; i++) out.latencies.push(TIMEOUT_S * 1000);
      resolve(out);
    });
    instance.on("response", (_client, status, _bytes, ms) => {
      out.latencies.push(ms);
      if (status >= 300) out.firstBad ??= `HTTP ${status}`;
    });
    instance.on("reqError", (error) => (out.firstBad ??= error.message));
  });
}

/** Starts the writer process and resolves once it has its first batch ready. */
async function startWriter(apiUrl: string, durationMs: number, batch: number) {
  const child = spawn(process.execPath, [...process.execArgv, path.join(ROOT, "bench", "load-writer.ts"), apiUrl, String(durationMs), WRITER_PROJECT, String(batch)], {
    cwd: ROOT,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.value !== "ready") throw new Error(`the writer did not start: ${String(first.value)}`);
  return {
    go: () => child.stdin!.end("go\n"),
    result: async (): Promise<WriterResult> => {
      const last = await iterator.next();
      if (last.done) throw new Error("the writer exited without a result");
      return JSON.parse(last.value) as WriterResult;
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      spans: { type: "string" },
      duration: { type: "string" },
      connections: { type: "string" },
      batch: { type: "string" },
      db: { type: "string" },
      rate: { type: "string" },
      "read-workers": { type: "string" },
    },
  });
  const readWorkers = values["read-workers"];
  if (readWorkers !== undefined) {
    if (!/^\d+$/.test(readWorkers)) throw new Error(`--read-workers must be 0 or a positive integer, got "${readWorkers}"`);
    process.env.SPANBOARD_READ_WORKERS = readWorkers; // the server inherits this environment
  }
  const workers = process.env.SPANBOARD_READ_WORKERS ?? String(Math.max(1, os.availableParallelism() - 1));
  const spans = intFlag("spans", values.spans, 50_000);
  const duration = intFlag("duration", values.duration, 30);
  const connections = intFlag("connections", values.connections, 50);
  const batch = intFlag("batch", values.batch, 1000);
  const rate = values.rate === undefined ? undefined : Number(values.rate);
  if (rate !== undefined && !(rate > 0)) throw new Error(`--rate must be a positive number of requests/s per reader, got "${values.rate}"`);
  const prefix = rate === undefined ? "load." : "load.paced.";
  assertBuilt();
  const stale = staleSources();
  if (stale.length) log(`WARNING: ${stale.length} source file(s) changed since the build (e.g. ${stale[0]}); run npm run build for current figures.`);

  const dir = values.db ? null : fs.mkdtempSync(path.join(os.tmpdir(), "spanboard-load-"));
  const dbPath = values.db ? path.resolve(values.db) : path.join(dir!, "load.sqlite");
  const pacing = rate === undefined ? "no think time" : `${rate} req/s each`;
  log(`Spanboard load: ${connections} readers (${pacing}) + 1 writer (${batch}-span batches) for ${duration} s on ${spans.toLocaleString("en-US")} spans`);
  log(`Machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} before the run`);
  // Read as the server reads it (lib/env.ts), so a value it would refuse is refused here too.
  const answerCache = env().SPANBOARD_RESPONSE_CACHE;
  log(`Server: ${workers === "0" ? "embedded API inline on the main thread" : `embedded API on 1 writer + ${workers} reader worker thread(s)`}, answer cache ${answerCache ? "on" : "off (SPANBOARD_RESPONSE_CACHE)"}`);
  const db = openDatabase(dbPath);
  const seededAlready = db.prepare("SELECT span_count FROM projects WHERE name = ?").pluck().get(PROJECT) as number | undefined;
  if (seededAlready === undefined) {
    const seeded = seedProject(db, { projectName: PROJECT, spans });
    log(`Seeded ${seeded.spans.toLocaleString("en-US")} spans in ${(seeded.elapsedMs / 1000).toFixed(1)} s`);
  } else if (seededAlready !== spans) {
    throw new Error(`${dbPath} holds ${seededAlready} spans in "${PROJECT}", not ${spans}: delete it or pass --spans ${seededAlready}`);
  } else log(`Reusing ${dbPath}`);
  const projectId = db.prepare("SELECT id FROM projects WHERE name = ?").pluck().get(PROJECT) as string;
  const spanIds = db.prepare("SELECT id FROM spans WHERE project_pk = (SELECT pk FROM projects WHERE name = ?) ORDER BY random() LIMIT 200").pluck().all(PROJECT) as string[];
  db.close();

  const server = await startServer(dbPath, "next", { answerCache });
  const origin = server.apiUrl.replace(/\/api$/, "");
  const figures: Figure[] = [];
  try {
    const pages = [];
    for (const page of ["/", `/projects/${projectId}/spans`]) {
      // Without following redirects, as the readers ask.
      const res = await httpRequest(origin + page);
      if (res.status === 200) pages.push(page);
      else log(`  (page ${page} answered ${res.status}; left out of the mix)`);
    }
    const kinds = readMix(projectId, spanIds, pages).filter((k) => k.requests.length > 0);
    const shareSum = kinds.reduce((s, k) => s + k.share, 0);
    let left = connections;
    const split = kinds.map((k, i) => {
      const n = i === kinds.length - 1 ? left : Math.max(1, Math.round((k.share / shareSum) * connections));
      left -= n;
      return n;
    });

    // A fresh server compiles each route's code on its first requests: a few seconds of the same
    // mix first, not recorded, so the figures are the server's steady state rather than its start.
    log(`Warming up for ${WARMUP_S} s…`);
    await Promise.all(kinds.map((k, i) => runPacedReaders(origin, k.requests, split[i]!, WARMUP_S, rate ?? 2, TIMEOUT_S)));
    const resentBefore = reusedSocketRetries();
    const writer = await startWriter(server.apiUrl, duration * 1000, batch);
    const load1 = os.loadavg()[0]!;
    const cpuBefore = threadCpuMs(server.pid);
    const t0 = performance.now();
    writer.go();
    const results = await Promise.all(kinds.map((k, i) => runKind(origin, k, split[i]!, duration, rate)));
    const cpu = cpuUse(cpuBefore, threadCpuMs(server.pid), performance.now() - t0);
    log(`Readers done; waiting for the writer's last batch…`);
    const written = await writer.result();
    const loadAfter = os.loadavg()[0]!;
    const rss = residentMb(server.pid);
    const peak = residentMb(server.pid, "VmHWM");
    const fileBacked = residentMb(server.pid, "RssFile");

    figures.push(...report(results, written, duration, prefix));
    if (rate !== undefined) {
      // The paced readers' client sends a GET again when the server closed its idle socket under it.
      const resent = reusedSocketRetries() - resentBefore;
      log(`Paced readers' GETs sent again on a kept-alive socket closed under them: ${resent}`);
      figures.push({ name: `${prefix}read_resent_on_closed_socket`, value: resent, unit: "req", target: null, better: "lower" });
    }
    if (cpu) {
      log(`Server CPU: ${cpu.totalPct}% of one core in all, busiest thread ${cpu.busiestPct}% (the main thread renders pages and parses HTTP)`);
      figures.push(
        { name: `${prefix}server_cpu_pct`, value: cpu.totalPct, unit: "% core", target: null, better: "lower" },
        { name: `${prefix}server_busiest_thread_pct`, value: cpu.busiestPct, unit: "% core", target: null, better: "lower" },
      );
    }
    figures.push(
      { name: `${prefix}readers`, value: connections, unit: "conns", target: null, better: "higher" },
      { name: `${prefix}duration_s`, value: duration, unit: "s", target: null, better: "higher" },
      { name: `${prefix}dataset_spans`, value: spans, unit: "spans", target: null, better: "higher" },
      { name: `${prefix}loadavg_1m_start`, value: round(load1), unit: "", target: null, better: "lower" },
      { name: `${prefix}loadavg_1m_end`, value: round(loadAfter), unit: "", target: null, better: "lower" },
      { name: `${prefix}read_workers`, value: Number(workers), unit: "threads", target: null, better: "higher" },
    );
    if (peak !== null) figures.push({ name: `${prefix}server_peak_rss_mb`, value: peak, unit: "MB", target: null, better: "lower" });
    if (fileBacked !== null) figures.push({ name: `${prefix}server_rss_file_mb`, value: fileBacked, unit: "MB", target: null, better: "lower" });
    if (rss !== null) figures.push({ name: `${prefix}server_rss_mb`, value: rss, unit: "MB", target: 500, better: "lower" });
  } finally {
    log("Stopping the server…");
    await server.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }

  printTable(figures, log);
  const out = path.join(ROOT, "bench", "results", "latest.json");
  const previous = fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, "utf8")) as Figure[]) : [];
  const replaced = new Set(figures.map((f) => f.name));
  writeResults(out, [...previous.filter((f) => !replaced.has(f.name)), ...figures]);
  log(`\nMerged ${figures.length} ${prefix}* figures into ${path.relative(ROOT, out)}`);
}

/** Server CPU over the readers' run, in % of one core: in all, and of its busiest thread. */
function cpuUse(before: Map<string, number>, after: Map<string, number>, wallMs: number) {
  if (after.size === 0) return null;
  const used = [...after].map(([tid, ms]) => ms - (before.get(tid) ?? 0));
  const pct = (ms: number) => Math.round((ms / wallMs) * 100);
  return { totalPct: pct(used.reduce((a, b) => a + b, 0)), busiestPct: pct(Math.max(...used)) };
}

function report(results: KindResult[], written: WriterResult, duration: number, prefix: string): Figure[] {
  const ms = (name: string, value: number, target: number | null): Figure => ({ name, value: round(value), unit: "ms", target, better: "lower" });
  const count = (name: string, value: number, unit: string, target: number | null, better: Figure["better"] = "lower"): Figure => ({ name, value, unit, target, better });
  const figures: Figure[] = [];
  log("\nReaders:");
  for (const r of results) {
    const sorted = [...r.latencies].sort((a, b) => a - b);
    log(`  ${r.name.padEnd(18)} ${String(r.connections).padStart(3)} conns  ${String(r.total).padStart(7)} req  ${pctOf(r.fromMemory, r.total).padStart(3)}% from memory  p50 ${percentile(sorted, 50).toFixed(1).padStart(7)} ms  p99 ${percentile(sorted, 99).toFixed(1).padStart(7)} ms  max ${(sorted.at(-1) ?? 0).toFixed(0).padStart(6)} ms  errors ${r.errors}  timeouts ${r.timeouts}  non-2xx ${r.non2xx}${r.firstBad ? `  (first: ${r.firstBad})` : ""}`);
    figures.push(ms(`${prefix}${r.name}_p50_ms`, percentile(sorted, 50), null), ms(`${prefix}${r.name}_p99_ms`, percentile(sorted, 99), null));
  }
  const all = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const total = results.reduce((s, r) => s + r.total, 0);
  const errors = results.reduce((s, r) => s + r.errors, 0); // autocannon counts timeouts among errors
  const non2xx = results.reduce((s, r) => s + r.non2xx, 0);
  const wl = [...written.latenciesMs].sort((a, b) => a - b);
  const spansPerS = written.spans / (written.elapsedMs / 1000);
  const fromMemory = results.reduce((s, r) => s + r.fromMemory, 0);
  log(`  ${"all reads".padEnd(18)} ${String(total).padStart(17)} req  ${pctOf(fromMemory, total).padStart(3)}% from memory  p50 ${percentile(all, 50).toFixed(1).padStart(7)} ms  p99 ${percentile(all, 99).toFixed(1).padStart(7)} ms  (${Math.round(total / duration)} req/s)`);
  log(`Writer: ${written.batches} batches, ${written.spans.toLocaleString("en-US")} spans, ${Math.round(spansPerS).toLocaleString("en-US")} spans/s, batch p50 ${percentile(wl, 50).toFixed(0)} ms p99 ${percentile(wl, 99).toFixed(0)} ms, its client ${Math.round((written.clientCpuMs / written.elapsedMs) * 100)}% of a core, errors ${written.errors}${written.firstError ? ` (first: ${written.firstError})` : ""}`);
  figures.push(
    ms(`${prefix}read_p50_ms`, percentile(all, 50), null),
    ms(`${prefix}read_p99_ms`, percentile(all, 99), 300),
    count(`${prefix}read_requests_per_s`, Math.round(total / duration), "req/s", null, "higher"),
    count(`${prefix}read_from_memory_pct`, Number(pctOf(fromMemory, total)), "%", null, "higher"),
    count(`${prefix}read_errors`, errors, "req", 0),
    count(`${prefix}read_non_2xx`, non2xx, "req", 0),
    count(`${prefix}writer_spans_per_s`, Math.round(spansPerS), "spans/s", null, "higher"),
    ms(`${prefix}writer_batch_p99_ms`, percentile(wl, 99), null),
    count(`${prefix}writer_errors`, written.errors, "batches", 0),
  );
  return figures;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
