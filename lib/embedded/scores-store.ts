import { formatInstant, nowMicros } from "@/lib/opik/instant";
import type { Db } from "./db";
import { perConnection } from "./per-connection";
import { cachedStatement } from "./statement-cache";

/**
 * Feedback scores live once per (entity, name, author) in `feedback_scores`; reads fold the authors
 * into Opik's aggregated wire shape. For spans, `span_scores` mirrors the author-average per
 * (project, lower(name), span) so filters, sorting and stats never aggregate at query time.
 */

export type EntityType = "span" | "trace";

type ScoreRow = {
  entity_id: string;
  name: string;
  author: string;
  value: number;
  category_name: string | null;
  reason: string | null;
  source: string;
  created_at: number;
  last_updated_at: number;
  created_by: string;
  last_updated_by: string;
};

export type ScoreItem = {
  entityId: string;
  projectPk: number;
  name: string;
  value: number;
  categoryName?: string | null;
  reason?: string | null;
  source: string;
  author: string;
};

/**
 * `span_scores.span_pk` is the rowid of the span the row scores when that span exists in the row's
 * project, else NULL. It lets a score filter drive and count by rowid: one index seek per candidate
 * less than going span id → spans.pk (≈4× at 1,000,000 spans for metadata + score filters).
 * Invariant: kept by `putSpanScore` (score written after its span) and by spans-store's
 * `linkSpanScores` (span written, or moved between projects, after its scores); rows leave with
 * their span. The backfill's UPDATE fires the rollup's update trigger, which takes each row out
 * and puts it back: no net change. The index replaces (project_pk, name_key, value): a name's
 * scores come out in rowid order with the value checked in the index, so the probes a score list
 * drives seek forward without a sort (~20% of the metadata + score list page at 1,000,000 spans);
 * a value range then reads all of the name's entries (45,000 at 1,000,000 spans: ~3 ms).
 */
export const SPAN_SCORE_PKS_MIGRATION_SQL = `
  ALTER TABLE span_scores ADD COLUMN span_pk INTEGER;
  UPDATE span_scores SET span_pk = (SELECT s.pk FROM spans s WHERE s.id = span_scores.span_id AND s.project_pk = span_scores.project_pk);
  DROP INDEX span_scores_by_value;
  CREATE INDEX span_scores_by_span_pk ON span_scores(project_pk, name_key, span_pk, value);
`;

const CHUNK = 500;

export function chunked<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const ENTITY_TABLE: Record<EntityType, string> = { span: "spans", trace: "traces" };

/**
 * Scores of many entities at once, in wire shape, keyed by entity id. A score only shows when it
 * was stored under the entity's own project (Opik joins scores by entity id and project).
 */
function readScores(db: Db, entityType: EntityType, ids: string[]): Map<string, Record<string, unknown>[]> {
  const result = new Map<string, Record<string, unknown>[]>();
  const unique = [...new Set(ids)];
  for (const part of chunked(unique)) {
    const rows = cachedStatement(
      db,
      `SELECT f.entity_id, f.name, f.author, f.value, f.category_name, f.reason, f.source,
                f.created_at, f.last_updated_at, f.created_by, f.last_updated_by
         FROM feedback_scores f JOIN ${ENTITY_TABLE[entityType]} e ON e.id = f.entity_id AND e.project_pk = f.project_pk
         WHERE f.entity_type = ? AND f.entity_id IN (${part.map(() => "?").join(",")})
         ORDER BY f.entity_id, f.name, f.created_at, f.author`,
    ).all(entityType, ...part) as ScoreRow[];
    const grouped = new Map<string, Map<string, ScoreRow[]>>();
    for (const row of rows) {
      let byName = grouped.get(row.entity_id);
      if (!byName) grouped.set(row.entity_id, (byName = new Map()));
      const list = byName.get(row.name);
      if (list) list.push(row);
      else byName.set(row.name, [row]);
    }
    for (const [entityId, byName] of grouped) {
      result.set(entityId, [...byName.values()].map(aggregate));
    }
  }
  return result;
}

export function readSpanScores(db: Db, spanIds: string[]): Map<string, Record<string, unknown>[]> {
  return readScores(db, "span", spanIds);
}

export function readTraceScores(db: Db, traceIds: string[]): Map<string, Record<string, unknown>[]> {
  return readScores(db, "trace", traceIds);
}

/** Opik's feedback_scores_final: one score per name, folding every author's latest value. */
function aggregate(rows: ScoreRow[]): Record<string, unknown> {
  const first = rows[0]!;
  const single = rows.length === 1;
  const out: Record<string, unknown> = {
    name: first.name,
    value: single ? first.value : rows.reduce((sum, r) => sum + r.value, 0) / rows.length,
  };
  const categories = rows.map((r) => r.category_name).filter((c): c is string => !!c);
  if (categories.length) out.category_name = categories.join(", ");
  if (single) {
    if (first.reason !== null) out.reason = first.reason;
  } else {
    out.reason = rows.map((r) => (r.reason ? r.reason : "<no reason>")).join(", ");
  }
  out.source = first.source;
  out.created_at = formatInstant(Math.min(...rows.map((r) => r.created_at)));
  out.last_updated_at = formatInstant(Math.max(...rows.map((r) => r.last_updated_at)));
  out.created_by = rows.map((r) => r.created_by).join(", ");
  out.last_updated_by = rows.map((r) => r.last_updated_by).join(", ");
  const byAuthor: Record<string, Record<string, unknown>> = {};
  for (const r of rows) {
    const entry: Record<string, unknown> = { value: r.value };
    if (r.reason !== null) entry.reason = r.reason;
    if (r.category_name !== null) entry.category_name = r.category_name;
    entry.source = r.source;
    entry.last_updated_at = formatInstant(r.last_updated_at);
    byAuthor[r.author] = entry;
  }
  out.value_by_author = byAuthor;
  return out;
}

function prepare(db: Db) {
  return {
    upsert: db.prepare(
      `INSERT INTO feedback_scores (entity_type, entity_id, name, author, project_pk, value, category_name, reason,
         source, created_at, last_updated_at, created_by, last_updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (entity_type, entity_id, name, author) DO UPDATE SET
         project_pk = excluded.project_pk, value = excluded.value, category_name = excluded.category_name,
         reason = excluded.reason, source = excluded.source, last_updated_at = excluded.last_updated_at,
         last_updated_by = excluded.last_updated_by`,
    ),
    clearSpanScore: db.prepare("DELETE FROM span_scores WHERE span_id = ? AND name_key = ?"),
    scoresOfSpan: db.prepare("SELECT project_pk, name, value FROM feedback_scores WHERE entity_type = 'span' AND entity_id = ?"),
    linkSpanScores: db.prepare(
      `UPDATE span_scores SET span_pk = CASE WHEN project_pk = @projectPk THEN @pk END
       WHERE span_id = @spanId AND span_pk IS NOT CASE WHEN project_pk = @projectPk THEN @pk END`,
    ),
    putSpanScore: db.prepare(
      `INSERT INTO span_scores (project_pk, name_key, span_id, value, span_pk)
       VALUES (@projectPk, @key, @spanId, @value, (SELECT pk FROM spans WHERE id = @spanId AND project_pk = @projectPk))`,
    ),
  };
}
const stmts = perConnection(prepare);

/**
 * Inserts or replaces scores keyed by (entity, name, author); `created_at`/`created_by` survive a
 * replacement. The caller decides the author, so seeds can write as several users.
 */
export function upsertScores(db: Db, entityType: EntityType, items: ScoreItem[], now = nowMicros()): void {
  if (items.length === 0) return;
  const s = stmts(db);
  db.transaction(() => {
    const touched = new Map<string, { entityId: string; name: string }>();
    for (const it of items) {
      s.upsert.run(entityType, it.entityId, it.name, it.author, it.projectPk, it.value, it.categoryName ?? null,
        it.reason ?? null, it.source, now, now, it.author, it.author);
      touched.set(`${it.entityId}\u0000${it.name.toLowerCase()}`, { entityId: it.entityId, name: it.name });
    }
    if (entityType === "span") for (const t of touched.values()) syncSpanScore(db, t.entityId, t.name);
  })();
}

/**
 * Recomputes the span_scores rows for one span and score name. Names are folded in JS, not with
 * SQLite's ASCII-only lower(), so the key matches what filters compute for any script.
 */
function syncSpanScore(db: Db, spanId: string, name: string): void {
  const key = name.toLowerCase();
  const s = stmts(db);
  s.clearSpanScore.run(spanId, key);
  const sums = new Map<number, { sum: number; n: number }>();
  for (const r of s.scoresOfSpan.all(spanId) as { project_pk: number; name: string; value: number }[]) {
    if (r.name.toLowerCase() !== key) continue;
    const acc = sums.get(r.project_pk) ?? { sum: 0, n: 0 };
    acc.sum += r.value;
    acc.n += 1;
    sums.set(r.project_pk, acc);
  }
  for (const [projectPk, { sum, n }] of sums) s.putSpanScore.run({ projectPk, key, spanId, value: sum / n });
}

/**
 * Points the span's score rows at its rowid in its project (and at nothing in any other): called
 * when a span row is created or moves between projects, since its scores may have come first.
 * Rows already right are not rewritten (an update fires the rollup triggers).
 */
export function linkSpanScores(db: Db, spanId: string, pk: number, projectPk: number): void {
  stmts(db).linkSpanScores.run({ spanId, pk, projectPk });
}

/** Removes a score by name, for one author or all of them. Unknown entities and names are no-ops. */
export function deleteScore(db: Db, entityType: EntityType, entityId: string, name: string, author?: string | null): void {
  db.transaction(() => {
    if (author) {
      db.prepare("DELETE FROM feedback_scores WHERE entity_type = ? AND entity_id = ? AND name = ? AND author = ?").run(
        entityType, entityId, name, author);
    } else {
      db.prepare("DELETE FROM feedback_scores WHERE entity_type = ? AND entity_id = ? AND name = ?").run(entityType, entityId, name);
    }
    if (entityType === "span") syncSpanScore(db, entityId, name);
  })();
}

/** Drops every score of the given entities (used when traces, spans or projects are deleted). */
export function deleteScoresOf(db: Db, entityType: EntityType, ids: string[]): void {
  for (const part of chunked([...new Set(ids)])) {
    const marks = part.map(() => "?").join(",");
    db.prepare(`DELETE FROM feedback_scores WHERE entity_type = ? AND entity_id IN (${marks})`).run(entityType, ...part);
    if (entityType === "span") db.prepare(`DELETE FROM span_scores WHERE span_id IN (${marks})`).run(...part);
  }
}

/**
 * Distinct score names on the project's spans (optionally of one span type) or traces, as Opik's
 * names endpoint returns them.
 */
export function scoreNames(db: Db, entityType: EntityType, projectPk: number, spanType?: string | null): string[] {
  // Only a type filter needs the spans themselves; otherwise a score counts even before its span exists.
  const byType = entityType === "span" && !!spanType;
  const join = byType ? "JOIN spans e ON e.id = f.entity_id AND e.project_pk = f.project_pk AND e.type = ?" : "";
  const params: unknown[] = byType ? [spanType, entityType, projectPk] : [entityType, projectPk];
  const rows = db
    .prepare(`SELECT DISTINCT f.name FROM feedback_scores f ${join} WHERE f.entity_type = ? AND f.project_pk = ? ORDER BY f.name`)
    .all(...params) as { name: string }[];
  return rows.map((r) => r.name);
}
