import type { SpanUpdate, SpanWrite } from "@/lib/opik/schemas";
import { nowMicros } from "@/lib/opik/instant";
import { latestPerId } from "./batch-dedup";
import type { Db } from "./db";
import { perConnection } from "./per-connection";
import { httpError, httpErrors, notFound } from "./http";
import { findProjectById, getOrCreateProject } from "./projects-store";
import { linkSpanScores } from "./scores-store";
import { applyUpdate, columnsFromWrite, isEmptyJson, mergeIntoPartial, type SpanColumns } from "./span-columns";
import { deleteSpanIndexes, discardQueued, flushQueued, readIo, spanTexts, writeSpanIndexes, type SpanTexts, type Text } from "./span-indexes";
import type { SpanRow } from "./span-row";
import { claimRowids } from "./span-runs";
import { DeferredStats } from "./span-stats-batch";
import { isUuidV7, newId } from "./uuid7";

/**
 * The span write path. Opik's rules (§2.3–2.7, §4.3 of the reference):
 * POST one = insert-if-absent (first write wins) or complete a PATCH-made partial span;
 * batch = replace by the newer row version; PATCH = merge non-null fields, creating a partial span.
 */
const COLUMNS = [
  "id", "project_pk", "trace_id", "parent_span_id", "name", "type", "start_time", "end_time", "duration", "model",
  "provider", "tags", "tag_count", "usage", "prompt_tokens", "completion_tokens", "total_tokens",
  "total_estimated_cost", "total_estimated_cost_version", "manual_cost", "error_info", "error_type", "ttft", "source",
  "environment", "metadata", "has_input", "has_output", "created_at", "last_updated_at", "created_by",
  "last_updated_by", "partial",
] as const satisfies readonly (keyof SpanColumns)[];

function prepare(db: Db) {
  return {
    byId: db.prepare("SELECT * FROM spans WHERE id = ?"),
    // Positional parameters: binding 33 named ones from an object costs more than the insert's own work.
    insert: db.prepare(`INSERT INTO spans (${COLUMNS.join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")})`),
    update: db.prepare(`UPDATE spans SET ${COLUMNS.map((c) => `${c} = ?`).join(", ")} WHERE pk = ?`),
    // One look-up per batch instead of one per span: which of its ids are stored, which have scores.
    storedIds: db.prepare("SELECT id FROM spans WHERE id IN (SELECT value FROM json_each(?))").pluck(),
    scoredIds: db.prepare("SELECT DISTINCT span_id FROM span_scores WHERE span_id IN (SELECT value FROM json_each(?))").pluck(),
    remove: db.prepare("DELETE FROM spans WHERE pk = ?"),
    count: db.prepare("UPDATE projects SET span_count = span_count + ? WHERE pk = ?"),
  };
}
const stmts = perConnection(prepare);

/**
 * Span-count changes per project, applied once per transaction instead of one UPDATE per span.
 */
const countQueues = new WeakMap<Db, Map<number, number>>();
/** Rowids that joined a project in this transaction (span-runs.ts). */
const claimQueues = new WeakMap<Db, Map<number, number>>();

function countSpans(db: Db, projectPk: number, delta: number): void {
  let q = countQueues.get(db);
  if (!q) countQueues.set(db, (q = new Map()));
  q.set(projectPk, (q.get(projectPk) ?? 0) + delta);
}

function claimRowid(db: Db, pk: number, projectPk: number): void {
  let q = claimQueues.get(db);
  if (!q) claimQueues.set(db, (q = new Map()));
  q.set(pk, projectPk);
}

/**
 * A write transaction over spans: the queued index writes and counts land before it commits.
 * Inside a caller's transaction (a seed batch, a project delete, a group of span batches) it opens
 * no savepoint of its own: while one is open SQLite keeps a copy of every page it changes (at
 * 400,000 spans a batch took 5× as long), and every such caller rolls back as a whole on failure.
 */
function writeTransaction<T>(db: Db, fn: () => T): T {
  const run = () => {
    let result: T;
    try {
      result = fn();
    } catch (error) {
      // The transaction rolls back: what was queued for it must not land in the next one.
      discardQueued(db);
      countQueues.delete(db);
      claimQueues.delete(db);
      throw error;
    }
    flushQueued(db);
    const claims = claimQueues.get(db);
    claimQueues.delete(db);
    if (claims) claimRowids(db, claims);
    const counts = countQueues.get(db);
    countQueues.delete(db);
    for (const [projectPk, delta] of counts ?? []) if (delta !== 0) stmts(db).count.run(delta, projectPk);
    return result;
  };
  return db.inTransaction ? run() : db.transaction(run)();
}

export function invalidSpanId(): never {
  throw httpError(400, "Invalid UUID for id", "Span id must be a version 7 UUID");
}

export function findSpan(db: Db, id: string): SpanRow | undefined {
  return stmts(db).byId.get(id.toLowerCase()) as SpanRow | undefined;
}

/** `metadata`: the parsed value `row.metadata` was stringified from, when the caller has it. */
function textsOf(row: SpanColumns, input: unknown, output: unknown, metadata?: unknown): SpanTexts {
  const { name, model, provider, tags, metadata: stored, error_info: errorInfo } = row;
  return spanTexts({ name, model, provider, tags, metadata: stored, errorInfo }, input, output, metadata);
}

function index(db: Db, pk: number, row: SpanColumns, texts: SpanTexts, previous: SpanRow | null) {
  writeSpanIndexes(
    db,
    { pk, projectPk: row.project_pk, name: row.name, model: row.model, provider: row.provider, tags: row.tags, metadata: row.metadata, errorInfo: row.error_info },
    texts,
    previous && { pk: previous.pk, projectPk: previous.project_pk, metadata: previous.metadata },
  );
}

const values = (row: SpanColumns): unknown[] => COLUMNS.map((c) => row[c]);

/** `scored`: false when the caller knows no score names this span id (so there is nothing to link). */
function insertRow(db: Db, row: SpanColumns, texts: SpanTexts, scored = true): number {
  const pk = Number(stmts(db).insert.run(values(row)).lastInsertRowid);
  countSpans(db, row.project_pk, 1);
  claimRowid(db, pk, row.project_pk);
  if (scored) linkSpanScores(db, row.id, pk, row.project_pk);
  index(db, pk, row, texts, null);
  return pk;
}

function replaceRow(db: Db, existing: SpanRow, row: SpanColumns, texts: SpanTexts): void {
  stmts(db).update.run(...values(row), existing.pk);
  if (existing.project_pk !== row.project_pk) {
    countSpans(db, existing.project_pk, -1);
    countSpans(db, row.project_pk, 1);
    claimRowid(db, existing.pk, row.project_pk);
    linkSpanScores(db, row.id, existing.pk, row.project_pk);
  }
  index(db, existing.pk, row, texts, existing);
}

function parseIo(text: Text | null | undefined): unknown {
  if (!text || text.length === 0) return undefined;
  return JSON.parse(typeof text === "string" ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString("utf8"));
}

/** A POST/batch item landing on a partial span: identity must match, PATCH-set fields win. */
function completePartial(db: Db, existing: SpanRow, incoming: SpanColumns, texts: SpanTexts): void {
  assertSameIdentity(existing, incoming.project_pk, incoming.trace_id, incoming.parent_span_id);
  const io = readIo(db, existing.pk);
  const oldInput = parseIo(io?.input);
  const oldOutput = parseIo(io?.output);
  const merged = mergeIntoPartial(existing, incoming);
  const input = isEmptyJson(oldInput) ? parseIo(texts.input) : oldInput;
  const output = isEmptyJson(oldOutput) ? parseIo(texts.output) : oldOutput;
  replaceRow(db, existing, merged, textsOf(merged, input, output));
}

function assertSameIdentity(existing: SpanRow, projectPk: number, traceId: string, parentSpanId: string): void {
  if (existing.project_pk !== projectPk) throw httpErrors(409, ["Project name and workspace name do not match the existing span"]);
  if (existing.trace_id !== traceId) throw httpErrors(409, ["trace_id does not match the existing span"]);
  if (existing.parent_span_id !== parentSpanId) throw httpErrors(409, ["parent_span_id does not match the existing span"]);
}

/**
 * A span write worked out without the database: its row (the project is resolved by name when it
 * is written), its payload and search texts. POST /spans/batch does this on a thread of its own,
 * so the writer thread only writes (workers/serve.ts).
 */
export type PreparedSpan = {
  row: SpanColumns;
  projectName: string | null;
  /** Whether the item carried `last_updated_at` (an item without one always replaces). */
  versioned: boolean;
  texts: SpanTexts;
};

function prepareItem(item: SpanWrite, user: string, now: number): PreparedSpan {
  if (item.id && !isUuidV7(item.id)) invalidSpanId();
  const id = (item.id ?? newId()).toLowerCase();
  const traceId = (item.trace_id ?? newId()).toLowerCase();
  const row = columnsFromWrite(item, { id, traceId, projectPk: 0 }, user, now);
  return { row, projectName: item.project_name ?? null, versioned: Boolean(item.last_updated_at), texts: textsOf(row, item.input, item.output, item.metadata) };
}

/** Sets each row's project, creating projects by name (case-insensitively) as Opik does. */
function resolveProjects(db: Db, spans: PreparedSpan[], user: string): void {
  const projects = new Map<string, number>();
  for (const span of spans) {
    const key = (span.projectName ?? "").trim().toLowerCase();
    let projectPk = projects.get(key);
    if (projectPk === undefined) projects.set(key, (projectPk = getOrCreateProject(db, span.projectName ?? undefined, user).pk));
    span.row.project_pk = projectPk;
  }
}

/** POST /spans. Returns the span id. */
export function createSpan(db: Db, item: SpanWrite, user: string): string {
  const span = prepareItem(item, user, nowMicros());
  return writeTransaction(db, () => {
    resolveProjects(db, [span], user);
    const existing = findSpan(db, span.row.id);
    if (!existing) insertRow(db, span.row, span.texts);
    else if (existing.partial) completePartial(db, existing, span.row, span.texts);
    return span.row.id;
  });
}

/** The database-free half of POST /spans/batch: ids checked, duplicates settled, rows built. */
export function prepareSpansBatch(items: SpanWrite[], user: string): PreparedSpan[] {
  // Every id is checked in prepareItem: an item the de-duplication drops shares its id with one it keeps.
  const now = nowMicros();
  return latestPerId(items).map((item) => prepareItem(item, user, now));
}

/** POST /spans/batch: per id the later `last_updated_at` wins, within the request and against storage. */
export function writeSpansBatch(db: Db, spans: PreparedSpan[], user: string): void {
  writeTransaction(db, () => {
    resolveProjects(db, spans, user);
    const ids = JSON.stringify(spans.map((s) => s.row.id));
    // Ids absent before the batch (and not written earlier in it) need no look-up of their own.
    const stored = new Set(stmts(db).storedIds.all(ids) as string[]);
    const scored = new Set(stmts(db).scoredIds.all(ids) as string[]);
    const stats = new DeferredStats(db);
    for (const { row, versioned, texts } of spans) {
      const existing = stored.has(row.id) ? findSpan(db, row.id) : undefined;
      stored.add(row.id);
      if (!existing) {
        const isScored = scored.has(row.id);
        stats.inserted(insertRow(db, row, texts, isScored), isScored);
        continue;
      }
      stats.flush();
      if (existing.partial) completePartial(db, existing, row, texts);
      else if (!versioned || row.last_updated_at >= existing.last_updated_at) {
        replaceRow(db, existing, { ...row, created_at: existing.created_at }, texts);
      }
    }
    stats.end();
  });
}

export function createSpansBatch(db: Db, items: SpanWrite[], user: string): void {
  writeSpansBatch(db, prepareSpansBatch(items, user), user);
}

function resolveUpdateProject(db: Db, update: SpanUpdate, user: string): number {
  if (update.project_id) {
    const project = findProjectById(db, update.project_id);
    if (!project) throw notFound(`Project id: ${update.project_id} not found`);
    return project.pk;
  }
  return getOrCreateProject(db, update.project_name, user).pk;
}

/** PATCH /spans/{id}. A missing span becomes a partial span that a later POST completes. */
export function updateSpan(db: Db, id: string, update: SpanUpdate, user: string): void {
  if (!isUuidV7(id)) invalidSpanId();
  writeTransaction(db, () => {
    const projectPk = resolveUpdateProject(db, update, user);
    const parent = update.parent_span_id?.toLowerCase() ?? "";
    const traceId = update.trace_id.toLowerCase();
    const existing = findSpan(db, id);
    const now = nowMicros();
    if (existing) {
      assertSameIdentity(existing, projectPk, traceId, parent);
      applyToRow(db, existing, update, user, now);
      return;
    }
    const base = columnsFromWrite(
      { start_time: "1970-01-01T00:00:00Z", parent_span_id: parent || null, type: null } as SpanWrite,
      { id: id.toLowerCase(), traceId, projectPk },
      user,
      now,
    );
    const row = applyUpdate({ ...base, partial: 1 }, update, user, now);
    insertRow(db, row, textsOf(row, update.input, update.output));
  });
}

function applyToRow(db: Db, existing: SpanRow, update: SpanUpdate, user: string, now: number): void {
  const { pk, ...current } = existing;
  const next = applyUpdate(current, update, user, now);
  const io = readIo(db, existing.pk);
  const input = update.input !== undefined && update.input !== null ? update.input : parseIo(io?.input);
  const output = update.output !== undefined && update.output !== null ? update.output : parseIo(io?.output);
  replaceRow(db, existing, next, textsOf(next, input, output));
}

/** PATCH /spans/batch: the same update on every listed span that exists. */
export function updateSpansBatch(db: Db, ids: string[], update: SpanUpdate, mergeTags: boolean, user: string): void {
  writeTransaction(db, () => {
    const now = nowMicros();
    const tagsUpdate = mergeTags && update.tags ? { ...update, tags: undefined, tags_to_add: [...(update.tags_to_add ?? []), ...update.tags] } : update;
    for (const id of new Set(ids.map((i) => i.toLowerCase()))) {
      const existing = findSpan(db, id);
      if (existing) applyToRow(db, existing, tagsUpdate, user, now);
    }
  });
}

/** Deletes spans with everything attached to them. Returns how many were deleted. */
type DeletedSpan = Pick<SpanRow, "pk" | "id" | "project_pk" | "metadata">;

export function deleteSpans(db: Db, rows: DeletedSpan[]): number {
  if (rows.length === 0) return 0;
  const delScores = db.prepare("DELETE FROM feedback_scores WHERE entity_type = 'span' AND entity_id = ?");
  const delSpanScores = db.prepare("DELETE FROM span_scores WHERE span_id = ?");
  const delComments = db.prepare("DELETE FROM comments WHERE entity_type = 'span' AND entity_id = ?");
  const s = stmts(db);
  writeTransaction(db, () => {
    for (const row of rows) {
      s.remove.run(row.pk);
      countSpans(db, row.project_pk, -1);
      deleteSpanIndexes(db, { pk: row.pk, projectPk: row.project_pk, metadata: row.metadata });
      delScores.run(row.id);
      delSpanScores.run(row.id);
      delComments.run(row.id);
    }
  });
  return rows.length;
}

/** Deletes the spans a WHERE clause over `spans` selects (e.g. all spans of some traces). */
export function deleteSpansWhere(db: Db, where: string, params: unknown[]): number {
  const rows = db.prepare(`SELECT pk, id, project_pk, metadata FROM spans WHERE ${where}`).all(...params) as DeletedSpan[];
  return deleteSpans(db, rows);
}
