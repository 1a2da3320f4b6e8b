import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { env } from "@/lib/env";
import { authorize } from "../context";
import { openDatabase } from "../db";
import { errorResponse, OpikHttpError } from "../http";
import { handleOpikRequest, isStaged, routeParts } from "../router";
import { WorkerPool, type PoolOptions } from "./pool";
import type { WorkerRole } from "./protocol";

/**
 * The embedded API as the app serves it: on the worker pool when there is one, inline on this
 * thread otherwise (SPANBOARD_READ_WORKERS=0, `next dev`, or a build without the worker bundle).
 */
export async function serveEmbedded(req: Request, prefix = "/api"): Promise<Response> {
  const pool = embeddedPool();
  if (!pool) return handleOpikRequest(req, prefix);
  try {
    // Here too, so an unauthenticated caller cannot make the server buffer a body first.
    authorize(req);
  } catch (error) {
    if (error instanceof OpikHttpError) return errorResponse(error);
    throw error;
  }
  const url = new URL(req.url);
  const body = await boundedBody(req, env().SPANBOARD_MAX_BODY_MB * 1024 * 1024);
  const parts = { method: req.method, url: req.url, headers: [...req.headers], body };
  const role = roleOf(req.method, url.pathname, prefix);
  if (role === "writer" && isStaged(req.method, url.pathname, prefix)) {
    // Parsed and built on the preparer, so the one writer thread spends its time writing.
    const prepared = await pool.prepare(parts);
    if (prepared instanceof Response) return prepared;
    return pool.dispatch({ ...parts, body: prepared, step: "commit" }, "writer");
  }
  return pool.dispatch(parts, role);
}

/** POSTs that only read; every other method but GET goes to the writer. */
const READ_ONLY_POSTS = new Set(["/v1/private/spans/search", "/v1/private/projects/retrieve"]);

export function roleOf(method: string, pathname: string, prefix = "/api"): WorkerRole {
  if (method === "GET" || method === "HEAD") return "reader";
  // Split as the router splits it, so `//spans/search/` is the search too.
  const route = `/${routeParts(pathname, prefix).join("/")}`;
  return method === "POST" && READ_ONLY_POSTS.has(route) ? "reader" : "writer";
}

/**
 * The body, but never more than `max + 1` bytes: the worker's body reader then answers 413 with
 * the same message as the inline server. A declared length over the limit is not read at all.
 */
async function boundedBody(req: Request, max: number): Promise<Uint8Array | null> {
  if (!req.body || Number(req.headers.get("content-length") ?? "0") > max) return null;
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      break;
    }
  }
  if (chunks.length === 1 && chunks[0]!.byteOffset === 0) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

const KEY = Symbol.for("spanboard.embeddedWorkerPool");
type Holder = { [KEY]?: WorkerPool | null };

/**
 * The process's pool, created on first use. It lives on globalThis because Next bundles the
 * instrumentation hook and the API route separately, each with its own copy of this module.
 */
export function embeddedPool(): WorkerPool | null {
  const holder = globalThis as Holder;
  if (holder[KEY] === undefined) holder[KEY] = createPool();
  return holder[KEY];
}

/** Replaces the process's pool (tests serve the TypeScript worker under tsx with it). */
export function startEmbeddedPool(options: Partial<PoolOptions> & Pick<PoolOptions, "entry">): WorkerPool {
  const holder = globalThis as Holder;
  void holder[KEY]?.close();
  const pool = newPool(options.entry, options);
  holder[KEY] = pool;
  return pool;
}

export async function stopEmbeddedPool(): Promise<void> {
  const holder = globalThis as Holder;
  const pool = holder[KEY];
  holder[KEY] = undefined;
  await pool?.close();
}

/** The worker bundle `npm run build` writes next to the Next build (scripts/build-worker.mjs). */
export function workerBundlePath(): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), process.env.SPANBOARD_DIST_DIR || ".next", "embedded-worker.cjs");
}

function createPool(): WorkerPool | null {
  // `next dev` recompiles the router on every edit; a bundle left by an earlier build would be stale.
  if (env().SPANBOARD_READ_WORKERS === 0 || process.env.NODE_ENV !== "production") return null;
  const entry = workerBundlePath();
  if (!fs.existsSync(entry)) {
    console.warn(`Spanboard: ${entry} is missing (build with \`npm run build\`); serving the embedded API on the main thread`);
    return null;
  }
  return newPool(entry, {});
}

function newPool(entry: string, options: Partial<PoolOptions>): WorkerPool {
  const e = env();
  // Migrate before any worker opens the file: readers open it read-only and never migrate.
  openDatabase(e.dbPath).close();
  const pool = new WorkerPool({
    entry,
    // One core stays for the main thread, which renders pages and parses every request's HTTP.
    readers: e.SPANBOARD_READ_WORKERS ?? Math.max(1, os.availableParallelism() - 1),
    prefix: "/api",
    timeoutMs: e.SPANBOARD_API_TIMEOUT_S * 1000,
    ...options,
  });
  pool.warm();
  return pool;
}
