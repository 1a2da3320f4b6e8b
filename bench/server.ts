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

export function assertBuilt(): void {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    throw new Error("No production build (.next/BUILD_ID is missing): run npm run build first");
  }
}

/**
 * Source files changed after the build: the server then runs older code than the in-process SQL
 * timings use, and the http/sql ratios compare two versions.
 */
export function staleSources(): string[] {
  const built = fs.statSync(path.join(ROOT, ".next", "BUILD_ID")).mtimeMs;
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

export async function startServer(dbPath: string, kind: "next" | "inproc"): Promise<BenchServer> {
  const env = { SPANBOARD_DB_PATH: dbPath, SPANBOARD_SEED_DEMO: "0" };
  return kind === "next" ? startNext(env) : startInproc(env);
}

/** The production server, started the way the integration tests start it (ready when Next says so). */
async function startNext(env: Record<string, string>): Promise<BenchServer> {
  assertBuilt();
  const server = await startNextServer(env);
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

/** Resident memory (MB) of a process and all its descendants, from /proc (Linux only). */
export function residentMb(pid: number, field: "VmRSS" | "VmHWM" = "VmRSS"): number | null {
  if (!fs.existsSync("/proc")) return null;
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
  let kb = 0;
  const visit = (p: number) => {
    try {
      const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${p}/status`, "utf8"));
      if (m) kb += Number(m[1]);
    } catch {
      return;
    }
    for (const c of children.get(p) ?? []) visit(c);
  };
  visit(pid);
  return Math.round(kb / 1024);
}
