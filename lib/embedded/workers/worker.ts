import os from "node:os";
import v8 from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import { env } from "@/lib/env";
import { configureDb, db } from "../db";
import { Prepared, routeOpikRequest, type Step } from "../router";
import { startCheckpointer, type Checkpointer } from "./checkpointer";
import { commitGroup, MAX_GROUP } from "./commit-group";
import type { FromWorker, ToWorker, WorkerConfig, WorkerRequest } from "./protocol";

/**
 * An embedded-API worker thread: the same router as the inline server, on its own SQLite
 * connection. The writer migrates and writes; readers open the file read-only with a smaller page
 * cache (each connection's cache and mmap count against the server's memory), so a request sent
 * to the wrong kind of worker fails loudly instead of contending for the write lock.
 */
const config = workerData as WorkerConfig;
const port = parentPort!;
// The writer's 32 MB cache and no memory map (not db.ts's 64 / 256 MB): the same ingest speed at
// 200,000 spans (6,900/s either way), 200 MB less resident after it (measured in session 3). Its
// 64 MB map went in session 5: the pages it maps count as resident too, ~64 MB after an ingest,
// and the writer reads into its cache the pages it is about to change anyway (7,700–8,700 spans/s
// at 200,000 with or without it).
// The writer checkpoints on its own only once the WAL holds 100,000 pages (~400 MB), not 10,000:
// the checkpoint thread copies it meanwhile, every 2 s (checkpointer.ts), and the writer's own
// checkpoint is what lets the WAL start over. Batches sent without pause past the millionth span
// went from ~4,200 to ~5,600 spans/s (session 7).
// The preparer never reads: it opens the file read-only like a reader, so a request sent to it by
// mistake fails instead of writing.
configureDb(config.role === "writer" ? { cacheMb: 32, mmapMb: 0, checkpointPages: 100_000 } : { readonly: true, cacheMb: 16, mmapMb: 64 });
// Bulk ingest must not slow what people wait for: on Linux a thread's nice value is its own, so when
// the cores are busy the writer and the preparer yield to page renders and reads (about a tenth of a
// core's share).
if (config.role !== "reader") lowerPriority(10);
db(); // open now: a file that cannot be opened fails the worker before it takes requests
// The writer's WAL is copied into the database file beside it, not in its request time.
const checkpointer: Checkpointer | null = config.role === "writer" ? startCheckpointer(env().dbPath) : null;

type Streaming = { reader: ReadableStreamDefaultReader<Uint8Array>; ahead: Uint8Array };
const streams = new Map<number, Streaming>();

function post(message: FromWorker): void {
  const chunk = message.type === "failed" || message.type === "ready" ? null : message.chunk;
  // Big bodies move instead of being copied; a view on a shared pool buffer cannot move.
  if (chunk && chunk.byteLength >= 64 * 1024 && chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength) {
    try {
      return port.postMessage(message, [chunk.buffer as ArrayBuffer]);
    } catch {
      // untransferable: fall through to a copy
    }
  }
  port.postMessage(message);
}

function requestOf(msg: WorkerRequest, withBody: boolean): Request {
  const hasBody = withBody && msg.body !== null && msg.method !== "GET" && msg.method !== "HEAD";
  return new Request(msg.url, { method: msg.method, headers: msg.headers, body: hasBody ? msg.body : undefined, duplex: "half" } as RequestInit);
}

async function serve(msg: WorkerRequest): Promise<void> {
  const step: Step = msg.step === "prepare" ? "prepare" : "handle";
  const res = await routeOpikRequest(requestOf(msg, true), config.prefix, step);
  void checkpointer?.nudge();
  if (res instanceof Prepared) {
    const bytes = v8.serialize(res.value);
    return post({ type: "prepared", id: msg.id, chunk: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  }
  return answer(msg.id, res);
}

/**
 * Commits of prepared batches wait for the writer's next turn of the event loop, so that those
 * arriving while it writes are committed together (commit-group.ts).
 */
const commits: WorkerRequest[] = [];

function queueCommit(msg: WorkerRequest): void {
  commits.push(msg);
  if (commits.length === 1) setImmediate(commitQueued);
}

function commitQueued(): void {
  while (commits.length > 0) {
    const group = commits.splice(0, MAX_GROUP);
    let answers: Response[];
    try {
      answers = commitGroup(db(), config.prefix, group.map((msg) => ({ req: requestOf(msg, false), prepared: v8.deserialize(msg.body!) })));
    } catch (error) {
      for (const msg of group) fail(msg.id, error);
      continue;
    }
    void checkpointer?.nudge();
    group.forEach((msg, i) => answer(msg.id, answers[i]!).catch((error: unknown) => fail(msg.id, error)));
  }
}

async function answer(id: number, res: Response): Promise<void> {
  const head = { type: "head" as const, id, status: res.status, headers: [...res.headers] as [string, string][] };
  const reader = res.body?.getReader();
  if (!reader) return post({ ...head, chunk: null, done: true });
  const first = await reader.read();
  if (first.done) return post({ ...head, chunk: null, done: true });
  // One chunk ahead tells whether this is the whole body (a JSON answer) or a stream that goes on.
  const second = await reader.read();
  post({ ...head, chunk: first.value, done: second.done });
  if (!second.done) streams.set(id, { reader, ahead: second.value });
}

async function pull(id: number): Promise<void> {
  const s = streams.get(id);
  if (!s) return;
  const next = await s.reader.read();
  if (next.done) streams.delete(id);
  post({ type: "chunk", id, chunk: s.ahead, done: next.done });
  if (!next.done) s.ahead = next.value;
}

function fail(id: number, error: unknown): void {
  streams.delete(id);
  console.error("embedded Opik worker: request failed", error);
  post({ type: "failed", id, message: error instanceof Error ? error.message : String(error) });
}

port.on("message", (msg: ToWorker) => {
  if (msg.type === "request" && msg.step === "commit") return queueCommit(msg);
  const work = msg.type === "request" ? serve(msg) : msg.type === "pull" ? pull(msg.id) : cancel(msg.id);
  work.catch((error: unknown) => fail(msg.id, error));
});

async function cancel(id: number): Promise<void> {
  const s = streams.get(id);
  streams.delete(id);
  await s?.reader.cancel();
}

post({ type: "ready", id: 0 });

function lowerPriority(nice: number): void {
  try {
    os.setPriority(nice);
  } catch {
    // not permitted here (some containers): the writer keeps the default priority
  }
}
