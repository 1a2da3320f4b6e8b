/**
 * Messages between the main thread (the API route) and an embedded-API worker. A request carries
 * what the router reads: method, absolute URL, headers and the body bytes. The answer comes back
 * as a head (status, headers, first body chunk) and, for a body that streams (the span search),
 * one chunk per `pull`, so the worker reads SQLite only as fast as the client takes the lines.
 */

export type WorkerRequest = {
  type: "request";
  id: number;
  method: string;
  url: string;
  headers: [string, string][];
  /** For `commit`, what the preparer answered (`v8.serialize`d), not the client's body. */
  body: Uint8Array | null;
  /**
   * A staged route's half: the preparer runs `prepare` (router.ts `routeOpikRequest`), the writer
   * `commit` (`commitOpikRequest`, several at once: commit-group.ts).
   */
  step?: "prepare" | "commit";
};

/** The next chunk of a streaming body; `cancel` when the client went away. */
export type WorkerControl = { type: "pull" | "cancel"; id: number };

export type ToWorker = WorkerRequest | WorkerControl;

export type WorkerHead = {
  type: "head";
  id: number;
  status: number;
  headers: [string, string][];
  chunk: Uint8Array | null;
  /** True when `chunk` is the whole body. */
  done: boolean;
};

export type WorkerChunk = { type: "chunk"; id: number; chunk: Uint8Array | null; done: boolean };

/** A `prepare` step's result, `v8.serialize`d: the main thread hands it to the writer to commit. */
export type WorkerPrepared = { type: "prepared"; id: number; chunk: Uint8Array };

/** Unexpected failure after the head was sent (the stream ends early, as Opik's does). */
export type WorkerFailure = { type: "failed"; id: number; message: string };

/** Sent once the worker has its database open; request timeouts count from then. */
export type WorkerReady = { type: "ready"; id: 0 };

export type FromWorker = WorkerHead | WorkerChunk | WorkerPrepared | WorkerFailure | WorkerReady;

/** The preparer runs the `prepare` step of staged writes (POST /spans/batch) so the writer only writes. */
export type WorkerRole = "reader" | "writer" | "preparer";

/** What a worker is started with (`workerData`). */
export type WorkerConfig = { role: WorkerRole; prefix: string };
