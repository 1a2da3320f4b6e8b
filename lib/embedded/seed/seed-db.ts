import { env } from "@/lib/env";
import { createComment } from "../comments-store";
import { DEFAULT_USER } from "../context";
import type { Db } from "../db";
import { findProjectByName } from "../projects-store";
import { upsertScores, type ScoreItem } from "../scores-store";
import { createSpansBatch } from "../spans-store";
import { createTracesBatch } from "../traces-store";
import { generateBatches, type GenerateOptions, type SeedBatch } from "./generate";

/**
 * Writes generated traces into a database through the same stores the API uses, so every index
 * (span_meta, span_fts, span_scores, project counters) is maintained exactly as for real ingest.
 */

export const DEMO_PROJECT = "Demo: support agent";

export type SeedProgress = { spans: number; traces: number; scores: number; comments: number; elapsedMs: number };

export type SeedProjectOptions = GenerateOptions & {
  /** Called after each committed batch, e.g. to print progress. */
  onBatch?: (progress: SeedProgress) => void;
};

/** Writes one generated batch in one transaction. */
export function writeBatch(db: Db, batch: SeedBatch, projectName: string): void {
  db.transaction(() => {
    if (batch.traces.length) createTracesBatch(db, batch.traces, DEFAULT_USER);
    if (batch.spans.length) createSpansBatch(db, batch.spans, DEFAULT_USER);
    const projectPk = findProjectByName(db, projectName)?.pk;
    if (projectPk === undefined) return;
    if (batch.scores.length) {
      const items: ScoreItem[] = batch.scores.map((s) => ({
        entityId: s.span_id,
        projectPk,
        name: s.name,
        value: s.value,
        categoryName: s.category_name ?? null,
        reason: s.reason ?? null,
        source: s.source,
        author: s.author,
      }));
      upsertScores(db, "span", items);
    }
    for (const c of batch.comments) createComment(db, "span", c.span_id, projectPk, c.text, c.author, c.created_at);
  })();
}

/** Seeds `options.spans` spans into the named project (created when absent). */
export function seedProject(db: Db, options: SeedProjectOptions): SeedProgress {
  const started = performance.now();
  const progress: SeedProgress = { spans: 0, traces: 0, scores: 0, comments: 0, elapsedMs: 0 };
  for (const batch of generateBatches(options)) {
    writeBatch(db, batch, options.projectName);
    progress.spans += batch.spans.length;
    progress.traces += batch.traces.length;
    progress.scores += batch.scores.length;
    progress.comments += batch.comments.length;
    progress.elapsedMs = performance.now() - started;
    options.onBatch?.(progress);
  }
  progress.elapsedMs = performance.now() - started;
  return progress;
}

/**
 * First start with an empty database: write the demo project so the dashboard has something to
 * show. SPANBOARD_DEMO_SPANS sets its size (0 turns the demo off).
 */
export function seedDemoIfEmpty(db: Db, spans = env().SPANBOARD_DEMO_SPANS): void {
  const hasProjects = db.prepare("SELECT 1 FROM projects LIMIT 1").get() !== undefined;
  if (hasProjects || spans <= 0) return;
  seedProject(db, { projectName: DEMO_PROJECT, spans });
}
