import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * Copies the writer's WAL into the database file on a thread of its own. The writer's connection
 * still checkpoints on its own once the WAL passes its `wal_autocheckpoint` (worker.ts), which is
 * what lets the WAL start over; by then this thread has copied all but the last few commits, so
 * the writer spends its time on writes instead of on page copies.
 *
 * Copies start at most every `COPY_GAP_MS`, however often the writer commits: a copy writes each
 * page once, in the state of its newest frame, so pages that several commits changed meanwhile
 * (the leaves of the duration-keyed indexes, which a 1,000-span batch scatters over ~900 pages
 * each at 1,000,000 spans) are written to the database file once instead of once per commit. A
 * nudge inside the gap is served by one copy at its end.
 *
 * A PASSIVE checkpoint never waits for and never blocks the writer or the readers; when a
 * checkpoint is already running (the writer's own), it is skipped. Nothing here affects
 * durability: a commit is in the WAL before the writer answers.
 *
 * The WAL file keeps the size it grew to (up to ~0.5 GB in a long ingest), since cutting it back
 * at every restart made the next cycle's writes slower. Once the writer has been quiet for
 * `IDLE_TRUNCATE_MS`, a TRUNCATE checkpoint empties it. It never waits: while a reader still reads
 * from the WAL it gives up at once, changing nothing, and tries again after the next quiet spell.
 */
export const COPY_GAP_MS = 2_000;
export const IDLE_TRUNCATE_MS = 10_000;

const SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("busy_timeout = 0");
db.pragma("synchronous = NORMAL");
parentPort.on("message", (mode) => {
  let busy = true;
  try {
    busy = db.pragma(mode === "truncate" ? "wal_checkpoint(TRUNCATE)" : "wal_checkpoint(PASSIVE)")[0].busy !== 0;
  } catch {
    // another checkpoint is running or the file went away: the next nudge tries again
  }
  parentPort.postMessage({ mode, busy });
});
`;

export type Checkpointer = {
  /** After a commit: have what the WAL holds now copied. Settles once a copy started after this call is done. */
  nudge(): Promise<void>;
};

const NONE: Checkpointer = { nudge: () => Promise.resolve() };

/** Starts the checkpoint thread for `file`; without one (it failed to start) the writer checkpoints alone. */
export function startCheckpointer(file: string, gapMs = COPY_GAP_MS, idleMs = IDLE_TRUNCATE_MS): Checkpointer {
  let worker: Worker;
  try {
    const driver = createRequire(__filename).resolve("better-sqlite3");
    worker = new Worker(SOURCE, { eval: true, workerData: { driver, file } });
  } catch {
    return NONE;
  }
  let dead = false;
  let waiting: (() => void)[] = []; // nudges the next copy answers
  let copying: (() => void)[] | null = null; // nudges the running copy answers
  let timer: NodeJS.Timeout | null = null;
  let lastStart = -Infinity;
  // Not ref'd: an idle writer (or a test) is not kept alive for it.
  const idle = setTimeout(() => {
    if (!dead && !copying && waiting.length === 0) worker.postMessage("truncate");
  }, idleMs);
  idle.unref();

  const start = () => {
    timer = null;
    if (dead) return;
    copying = waiting;
    waiting = [];
    lastStart = performance.now();
    worker.ref();
    worker.postMessage("passive");
  };
  const schedule = () => {
    if (copying || timer || waiting.length === 0) return;
    const wait = lastStart + gapMs - performance.now();
    if (wait <= 0) start();
    else timer = setTimeout(start, wait);
  };
  const settle = () => {
    const done = copying ?? [];
    copying = null;
    worker.unref();
    if (dead) {
      done.push(...waiting);
      waiting = [];
      if (timer) clearTimeout(timer);
      timer = null;
    }
    for (const resolve of done) resolve();
    schedule();
    if (!dead && !copying && !timer) idle.refresh();
  };
  worker.on("message", ({ mode, busy }: { mode: string; busy: boolean }) => {
    if (mode === "passive") settle();
    // A reader was still on the WAL: try again after another quiet spell.
    else if (busy && !dead) idle.refresh();
  });
  worker.on("error", () => (dead = true));
  worker.on("exit", () => {
    dead = true;
    settle();
  });
  worker.unref();
  return {
    nudge() {
      if (dead) return Promise.resolve();
      idle.refresh(); // the quiet spell starts again with every write
      return new Promise<void>((resolve) => {
        waiting.push(resolve);
        schedule();
      });
    },
  };
}
