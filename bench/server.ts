import fs from "node:fs";
import path from "node:path";
import { startNextServer } from "../tests/support/next-server";

/**
 * The server under test: the production build (`next start`) on a free local port, pointed at the
 * bench database with demo seeding off. `inproc` serves the same handler inside this process; it is
 * only for developing the bench before a build exists and its figures are not the record.
 */

export type BenchServer = { apiUrl: string; pid: number; kind: "next" | "inproc"; stop(kill?: boolean): Promise<void> };

export const ROOT = path.resolve(__dirname, "..");
/** The build `next start` serves: SPANBOARD_DIST_DIR (as in next.config), `.next` by default. */
const DIST_DIR = process.env.SPANBOARD_DIST_DIR || ".next";

export function assertBuilt(): void {
  if (!fs.existsSync(path.join(ROOT, DIST_DIR, "BUILD_ID"))) {
    throw new Error(`No production build (${DIST_DIR}/BUILD_ID is missing): run npm run build first`);
  }
}

/**
 * Source files changed after the build: the server then runs older code than the in-process SQL
 * timings use, and the http/sql ratios compare two versions.
 */
export function staleSources(): string[] {
  const built = fs.statSync(path.join(ROOT, DIST_DIR, "BUILD_ID")).mtimeMs;
  const stale: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(entry.name) && fs.statSync(full).mtimeMs > built) stale.push(path.relative(ROOT, full));
    }
  };
  for (const dir of ["lib", "app"]) if (fs.existsSync(path.join(ROOT, dir))) walk(path.join(ROOT, dir));
  return stale;
}

/**
 * The server the benchmark measures. Its answer cache (lib/backend/http-cache.ts) is off unless
 * `answerCache` is set: the latency figures sample the same few URLs again and again with nothing
 * written between them, so with it on they would time answers from memory, not the work of a read.
 * `bench:load` turns it on, as `npm start` has it, and reports how many answers came from it.
 */
export async function startServer(dbPath: string, kind: "next" | "inproc", options: { answerCache?: boolean } = {}): Promise<BenchServer> {
  const env = { SPANBOARD_DB_PATH: dbPath, SPANBOARD_SEED_DEMO: "0", SPANBOARD_RESPONSE_CACHE: options.answerCache ? "1" : "0" };
  return kind === "next" ? startNext(env) : startInproc(env);
}

/**
 * The production server, started the way the integration tests start it (ready when Next says so),
 * but in a session of its own, so the load this process generates competes with the server as a
 * separate program's would (tests/support/next-server.ts `ownSession`).
 */
async function startNext(env: Record<string, string>): Promise<BenchServer> {
  assertBuilt();
  const server = await startNextServer(env, { ownSession: true });
  return {
    apiUrl: `${server.origin}/api`,
    pid: server.pid,
    kind: "next",
    stop: async (kill = false) => {
      if (kill) process.kill(server.pid, "SIGKILL");
      await server.close();
    },
  };
}

async function startInproc(env: Record<string, string>): Promise<BenchServer> {
  Object.assign(process.env, env);
  const { startInprocServer } = await import("../tests/support/inproc-server");
  const server = await startInprocServer();
  return { apiUrl: `${server.origin}/api`, pid: process.pid, kind: "inproc", stop: () => server.close() };
}

/**
 * CPU time (ms) of every thread of a process and its descendants, keyed by `pid/tid`, from /proc
 * (Linux only; empty elsewhere). Two snapshots tell which thread was the bottleneck.
 */
export function threadCpuMs(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  if (!fs.existsSync("/proc")) return out;
  const tick = 10; // USER_HZ is 100 on Linux
  for (const p of processTree(pid)) {
    let tids: string[] = [];
    try {
      tids = fs.readdirSync(`/proc/${p}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const stat = fs.readFileSync(`/proc/${p}/task/${tid}/stat`, "utf8");
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        out.set(`${p}/${tid}`, (Number(f[11]) + Number(f[12])) * tick);
      } catch {
        // the thread ended while we looked
      }
    }
  }
  return out;
}

function processTree(pid: number): number[] {
  const children = childMap();
  const all: number[] = [];
  const visit = (p: number) => {
    all.push(p);
    for (const c of children.get(p) ?? []) visit(c);
  };
  visit(pid);
  return all;
}

function childMap(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // the process exited while we looked
    }
  }
  return children;
}

/**
 * Resident memory (MB) of a process and all its descendants, from /proc (Linux only). `RssFile` is
 * the part backed by files (code, the database's memory maps).
 */
export function residentMb(pid: number, field: "VmRSS" | "VmHWM" | "RssFile" = "VmRSS"): number | null {
  if (!fs.existsSync("/proc")) return null;
  let kb = 0;
  for (const p of processTree(pid)) {
    try {
      const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${p}/status`, "utf8"));
      if (m) kb += Number(m[1]);
    } catch {
      // the process exited while we looked
    }
  }
  return Math.round(kb / 1024);
}
