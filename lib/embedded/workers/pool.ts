import { Worker } from "node:worker_threads";
import { errorResponse, httpError, internalError } from "../http";
import type { FromWorker, WorkerConfig, WorkerHead, WorkerRequest, WorkerRole } from "./protocol";

/**
 * A writer worker and N reader workers serving the embedded API off the main thread, which then
 * only parses HTTP and renders pages. All writes go to the one writer, so they never wait on
 * SQLite's write lock; reads go to the reader with the fewest requests in hand. A preparer worker,
 * started with the first span batch, runs the `prepare` step of staged writes (stages.ts). A worker that dies
 * (an uncaught error) or does not answer within the timeout is answered for in Opik's 5xx shape,
 * and a fresh one takes the next request.
 */
export type PoolOptions = {
  /** The worker's script: the esbuild bundle in production, the TypeScript source under tsx. */
  entry: string;
  readers: number;
  prefix: string;
  timeoutMs: number;
};

type Pending = {
  /** Bytes: a `prepare` step's result (protocol.ts `WorkerPrepared`). */
  resolve: (res: Response | Uint8Array) => void;
  controller?: ReadableStreamDefaultController<Uint8Array>;
  pulled?: () => void;
  timer?: NodeJS.Timeout;
};

/** `ready`: the worker has opened its database; until then requests queue without a timeout. */
type Live = { worker: Worker; pending: Map<number, Pending>; ready: boolean };
/** `retiring`: a replaced writer until it has exited; its successor waits, as it holds the write lock. */
type Slot = { role: WorkerRole; live: Live | null; retiring?: Promise<void> };

export type RequestParts = Omit<WorkerRequest, "type" | "id">;

/**
 * The preparer is stopped after this long without a batch: its heap, grown by parsing megabytes
 * of JSON, was ~150 MB of the server's memory after a 1M-span ingest, and a new one starts in
 * well under a second when the next batch comes.
 */
const PREPARER_IDLE_MS = 10_000;

/**
 * The preparer's young generation (V8's default is 48 MB, two 16 MB semi-spaces). Parsing one
 * 1,000-span batch allocates objects on the order of a semi-space that stay live until the batch
 * is packed; a scavenge in the middle of a batch copies and promotes them, and a larger young
 * generation makes that rarer (our reading of the figures, not traced). At 64 MB the GC helper
 * threads' CPU fell from ~28 to ~18 µs per span and ingest of a fresh million went from 9,224 to
 * 10,235 spans/s (alternating runs, same hour). The cost is memory while a preparer runs: ~40 MB
 * at the end of a 20,000-span bench (peak 471–479 → 511–512 MB); a fresh million peaked at 439
 * against 440 MB. It goes when the idle preparer stops. 96 and 128 MB gained no more and raised
 * the peak. The writer keeps V8's default: 128 MB for it too ran ~5% faster but held ~100 MB more
 * for as long as the server runs.
 */
const PREPARER_YOUNG_GENERATION_MB = 64;

export class WorkerPool {
  private readonly writer: Slot = { role: "writer", live: null };
  private readonly preparer: Slot = { role: "preparer", live: null };
  private preparerIdle?: NodeJS.Timeout;
  private readonly readers: Slot[];
  private seq = 0;
  private closed = false;

  constructor(private readonly options: PoolOptions) {
    this.readers = Array.from({ length: Math.max(1, options.readers) }, () => ({ role: "reader" as const, live: null }));
  }

  /** Starts the workers now rather than on the first request (the preparer waits for a batch). */
  warm(): void {
    for (const slot of [this.writer, ...this.readers]) this.spawnIn(slot);
  }

  dispatch(parts: RequestParts, role: WorkerRole): Promise<Response> {
    // Only a `prepare` step answers bytes; anything else doing so is a bug, not a client error.
    return this.send(parts, role).then((res) => (res instanceof Response ? res : internalError()));
  }

  /** Runs a staged route's `prepare` step: the bytes to `commit` on the writer, or an error answer. */
  prepare(parts: Omit<RequestParts, "step">): Promise<Response | Uint8Array> {
    clearTimeout(this.preparerIdle);
    return this.send({ ...parts, step: "prepare" }, "preparer").finally(() => this.retireWhenIdle());
  }

  private retireWhenIdle(): void {
    clearTimeout(this.preparerIdle);
    this.preparerIdle = setTimeout(() => {
      const live = this.preparer.live;
      if (!live || live.pending.size > 0) return;
      this.preparer.live = null;
      void live.worker.terminate();
    }, PREPARER_IDLE_MS);
    this.preparerIdle.unref();
  }

  private send(parts: RequestParts, role: WorkerRole): Promise<Response | Uint8Array> {
    if (this.closed) return Promise.resolve(errorResponse(httpError(503, "The embedded server is shutting down")));
    const slot = role === "writer" ? this.writer : role === "preparer" ? this.preparer : this.leastBusyReader();
    if (!slot.live && slot.retiring) return slot.retiring.then(() => this.send(parts, role));
    const live = slot.live ?? this.spawnIn(slot);
    const id = ++this.seq;
    return new Promise<Response | Uint8Array>((resolve) => {
      const pending: Pending = { resolve };
      live.pending.set(id, pending);
      this.arm(live, id, pending);
      const message: WorkerRequest = { type: "request", id, ...parts };
      const body = parts.body;
      // The body moves to the worker; a view on a larger (pooled) buffer is copied instead.
      const movable = body && body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
      live.worker.postMessage(message, movable ? [body.buffer as ArrayBuffer] : []);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.preparerIdle);
    const all = this.slots().flatMap((s) => (s.live ? [s.live.worker] : []));
    for (const s of this.slots()) s.live = null;
    await Promise.all(all.map((w) => w.terminate()));
  }

  private slots(): Slot[] {
    return [this.writer, this.preparer, ...this.readers];
  }

  private leastBusyReader(): Slot {
    let best = this.readers[0]!;
    for (const s of this.readers) if ((s.live?.pending.size ?? 0) < (best.live?.pending.size ?? 0)) best = s;
    return best;
  }

  private spawnIn(slot: Slot): Live {
    const config: WorkerConfig = { role: slot.role, prefix: this.options.prefix };
    // No heap limit: a worker that hits one can still take the process down as it is torn down
    // (seen on Node 20), so it would promise an isolation it does not give. A young-generation
    // size is no limit (a full one is scavenged), and the old generation keeps V8's default.
    const resourceLimits = slot.role === "preparer" ? { maxYoungGenerationSizeMb: PREPARER_YOUNG_GENERATION_MB } : undefined;
    const worker = new Worker(this.options.entry, { workerData: config, resourceLimits });
    const live: Live = { worker, pending: new Map(), ready: false };
    slot.live = live;
    worker.on("message", (msg: FromWorker) => this.receive(live, msg));
    worker.on("error", (error) => {
      console.error(`embedded Opik ${slot.role} worker failed:`, error);
    });
    worker.on("exit", () => {
      if (slot.live === live) slot.live = null;
      this.failAll(live);
    });
    return live;
  }

  private arm(live: Live, id: number, pending: Pending): void {
    clearTimeout(pending.timer);
    if (!live.ready) return;
    pending.timer = setTimeout(() => {
      if (!live.pending.has(id)) return;
      const seconds = this.options.timeoutMs / 1000;
      console.error(`embedded Opik worker: no answer within ${seconds} s; replacing the worker`);
      this.finish(live, id, errorResponse(httpError(503, `The embedded server did not answer within ${seconds} s`)));
      // Stuck in synchronous work: nothing else it holds will be answered either. An unfinished
      // transaction is rolled back as its connection closes.
      const exited = live.worker.terminate().then(() => undefined, () => undefined);
      if (this.writer.live === live) {
        this.writer.retiring = exited;
        void exited.then(() => {
          if (this.writer.retiring === exited) this.writer.retiring = undefined;
        });
      }
      this.detach(live);
    }, this.options.timeoutMs);
    pending.timer.unref();
  }

  private detach(live: Live): void {
    for (const slot of this.slots()) if (slot.live === live) slot.live = null;
  }

  private receive(live: Live, msg: FromWorker): void {
    if (msg.type === "ready") {
      live.ready = true;
      for (const [id, pending] of live.pending) this.arm(live, id, pending);
      return;
    }
    const pending = live.pending.get(msg.id);
    if (!pending) return;
    if (msg.type === "head") return this.head(live, msg, pending);
    if (msg.type === "prepared") return this.finish(live, msg.id, msg.chunk);
    if (msg.type === "failed") {
      if (pending.controller) return this.end(live, msg.id, pending);
      return this.finish(live, msg.id, internalError());
    }
    clearTimeout(pending.timer);
    if (msg.chunk) pending.controller?.enqueue(msg.chunk);
    if (msg.done) this.end(live, msg.id, pending);
    else {
      pending.pulled?.();
      pending.pulled = undefined;
    }
  }

  private head(live: Live, msg: WorkerHead, pending: Pending): void {
    const init = { status: msg.status, headers: msg.headers };
    if (msg.done) return this.finish(live, msg.id, new Response(msg.chunk as BodyInit | null, init));
    clearTimeout(pending.timer);
    const body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          pending.controller = controller;
          if (msg.chunk) controller.enqueue(msg.chunk);
        },
        pull: () =>
          new Promise<void>((resolve) => {
            if (!live.pending.has(msg.id)) return resolve();
            pending.pulled = resolve;
            this.arm(live, msg.id, pending);
            live.worker.postMessage({ type: "pull", id: msg.id });
          }),
        cancel: () => {
          clearTimeout(pending.timer);
          live.pending.delete(msg.id);
          live.worker.postMessage({ type: "cancel", id: msg.id });
        },
      },
      { highWaterMark: 0 },
    );
    pending.resolve(new Response(body, init));
  }

  private finish(live: Live, id: number, res: Response | Uint8Array): void {
    const pending = live.pending.get(id);
    if (!pending) return;
    clearTimeout(pending.timer);
    live.pending.delete(id);
    pending.resolve(res);
  }

  /** Ends a streaming body; a stream cut short just ends, as Opik's search stream does. */
  private end(live: Live, id: number, pending: Pending): void {
    clearTimeout(pending.timer);
    live.pending.delete(id);
    try {
      pending.controller?.close();
    } catch {
      // the client already cancelled it
    }
    pending.pulled?.();
  }

  private failAll(live: Live): void {
    for (const [id, pending] of [...live.pending]) {
      if (pending.controller) this.end(live, id, pending);
      else this.finish(live, id, internalError());
    }
  }
}
