import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * Copies the writer's WAL into the database file on a thread of its own. The writer's connection
 * still checkpoints on its own once the WAL passes `wal_autocheckpoint` (db.ts), which is what lets
 * the WAL start over; but by then this thread has already copied all but the last few commits, so
 * the writer spends its time on writes instead of on page copies (~10–20 µs per ingested span).
 *
 * A PASSIVE checkpoint never waits for and never blocks the writer or the readers; when a
 * checkpoint is already running (this one or the writer's own), it is skipped. Nothing here
 * affects durability: a commit is in the WAL before the writer answers.
 */
const SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("busy_timeout = 0");
db.pragma("synchronous = NORMAL");
parentPort.on("message", () => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {
    // busy (another checkpoint is running) or the file went away: the next nudge tries again
  }
  parentPort.postMessage(0);
});
`;

export type Checkpointer = {
  /** After a commit: copy what the WAL holds now, unless a copy is under way. Settles when that copy is done. */
  nudge(): Promise<void>;
};

const NONE: Checkpointer = { nudge: () => Promise.resolve() };

/** Starts the checkpoint thread for `file`; without one (it failed to start) the writer checkpoints alone. */
export function startCheckpointer(file: string): Checkpointer {
  let worker: Worker;
  try {
    const driver = createRequire(__filename).resolve("better-sqlite3");
    worker = new Worker(SOURCE, { eval: true, workerData: { driver, file } });
  } catch {
    return NONE;
  }
  let running: { done: Promise<void>; settle: () => void } | null = null;
  let dead = false;
  const settle = () => {
    running?.settle();
    running = null;
    // Idle, it must not keep the writer (or a test) alive on its own.
    worker.unref();
  };
  worker.on("message", settle);
  worker.on("error", () => (dead = true));
  worker.on("exit", () => {
    dead = true;
    settle();
  });
  worker.unref();
  return {
    nudge() {
      if (dead) return Promise.resolve();
      if (running) return running.done;
      let resolve!: () => void;
      const done = new Promise<void>((r) => (resolve = r));
      running = { done, settle: resolve };
      worker.ref();
      worker.postMessage(0);
      return done;
    },
  };
}
