/**
 * npm run seed -- [--spans N] [--project NAME] [--seed S] [--db PATH] [--days D]
 *
 * Writes generated agent traces into a Spanboard SQLite file (default: the app's own database)
 * through the embedded server's stores. Safe to run against an existing file: it adds spans to the
 * named project. Stop the app first when writing millions of spans, or its requests will wait.
 */
import { parseArgs } from "node:util";
import { env } from "@/lib/env";
import { openDatabase } from "@/lib/embedded/db";
import { DEFAULT_SEED, DEMO_PROJECT, seedProject } from "@/lib/embedded/seed";

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

const { values } = parseArgs({
  options: {
    spans: { type: "string" },
    project: { type: "string" },
    seed: { type: "string" },
    db: { type: "string" },
    days: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

if (values.help) {
  console.log("Usage: npm run seed -- [--spans 3000] [--project NAME] [--seed 42] [--db PATH] [--days 14]");
  process.exit(0);
}

const spans = positiveInt("spans", values.spans, 3000);
const seed = positiveInt("seed", values.seed, DEFAULT_SEED);
const days = positiveInt("days", values.days, 14) || 14;
const projectName = values.project?.trim() || DEMO_PROJECT;
const dbPath = values.db ?? env().dbPath;

const db = openDatabase(dbPath);
console.log(`Seeding ${spans.toLocaleString("en-US")} spans into "${projectName}" (seed ${seed}) → ${dbPath}`);

let lastPrint = 0;
const result = seedProject(db, {
  projectName,
  spans,
  seed,
  days,
  onBatch: (p) => {
    if (p.elapsedMs - lastPrint < 2000) return;
    lastPrint = p.elapsedMs;
    const rate = Math.round((p.spans / p.elapsedMs) * 1000);
    console.log(`  ${p.spans.toLocaleString("en-US")} / ${spans.toLocaleString("en-US")} spans  (${rate.toLocaleString("en-US")} spans/s)`);
  },
});
db.pragma("wal_checkpoint(TRUNCATE)");
db.close();

const seconds = result.elapsedMs / 1000;
console.log(
  `Done: ${result.spans.toLocaleString("en-US")} spans, ${result.traces.toLocaleString("en-US")} traces, ` +
    `${result.scores.toLocaleString("en-US")} scores, ${result.comments.toLocaleString("en-US")} comments in ${seconds.toFixed(1)} s ` +
    `= ${Math.round(result.spans / Math.max(seconds, 1e-9)).toLocaleString("en-US")} spans/s`,
);
