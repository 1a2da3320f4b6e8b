import type { TraceUpdate, TraceWrite } from "@/lib/opik/schemas/traces";
import { nowMicros, parseInstant } from "@/lib/opik/instant";
import { deleteCommentsOf } from "./comments-store";
import { latestPerId } from "./batch-dedup";
import type { Db } from "./db";
import { badRequest, httpError, httpErrors, notFound } from "./http";
import { findProjectById, getOrCreateProject } from "./projects-store";
import { chunked, deleteScoresOf } from "./scores-store";
import { deleteSpansWhere } from "./spans-store";
import { isUuid, isUuidV7, newId } from "./uuid7";

/**
 * The trace write path, with the same rules as spans: POST one = first write wins (or completes a
 * PATCH-made partial trace), batch = replace by the newer `last_updated_at`, PATCH = merge non-null
 * fields and create a partial trace when missing. Deleting traces deletes their spans too.
 */
export type TraceRow = {
  pk: number;
  id: string;
  project_pk: number;
  name: string;
  start_time: number;
  end_time: number | null;
  duration: number | null;
  input: string | null;
  output: string | null;
  metadata: string | null;
  tags: string | null;
  error_info: string | null;
  thread_id: string | null;
  ttft: number | null;
  source: string | null;
  environment: string | null;
  created_at: number;
  last_updated_at: number;
  created_by: string;
  last_updated_by: string;
  partial: number;
};
type TraceColumns = Omit<TraceRow, "pk">;

const COLUMNS = [
  "id", "project_pk", "name", "start_time", "end_time", "duration", "input", "output", "metadata", "tags", "error_info",
  "thread_id", "ttft", "source", "environment", "created_at", "last_updated_at", "created_by", "last_updated_by", "partial",
] as const satisfies readonly (keyof TraceColumns)[];

const MERGEABLE = ["name", "end_time", "input", "output", "metadata", "tags", "error_info", "thread_id", "ttft", "source",
  "environment"] as const satisfies readonly (keyof TraceColumns)[];

export function invalidTraceId(): never {
  throw httpError(400, "Invalid UUID for id", "Trace id must be a version 7 UUID");
}

/** Write ids are UUIDs in Jackson's eyes first (400 on malformed), then must be version 7. */
function checkWriteId(id: string | null | undefined, where: string): void {
  if (id === null || id === undefined) return;
  if (!isUuid(id)) throw badRequest(`Unable to process JSON. Cannot deserialize value of type \`java.util.UUID\` at '${where}'`);
  if (!isUuidV7(id)) invalidTraceId();
}

export function findTrace(db: Db, id: string): TraceRow | undefined {
  return db.prepare("SELECT * FROM traces WHERE id = ?").get(id.toLowerCase()) as TraceRow | undefined;
}

const jsonOrNull = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));
const micros = (text: string | null | undefined): number | null => (text ? parseInstant(text) : null);
const tagsJson = (tags: readonly string[] | null | undefined) => (tags && tags.length ? JSON.stringify([...new Set(tags)]) : null);
const durationOf = (start: number, end: number | null) => (end === null ? null : (end - start) / 1000);

function columnsFromWrite(item: TraceWrite, id: string, projectPk: number, user: string, now: number): TraceColumns {
  const start = micros(item.start_time)!;
  const end = micros(item.end_time);
  return {
    id,
    project_pk: projectPk,
    name: item.name ?? "",
    start_time: start,
    end_time: end,
    duration: durationOf(start, end),
    input: jsonOrNull(item.input),
    output: jsonOrNull(item.output),
    metadata: jsonOrNull(item.metadata),
    tags: tagsJson(item.tags),
    error_info: jsonOrNull(item.error_info),
    thread_id: item.thread_id || null,
    ttft: item.ttft ?? null,
    source: item.source ?? null,
    environment: item.environment ?? null,
    created_at: now,
    last_updated_at: micros(item.last_updated_at) ?? now,
    created_by: user,
    last_updated_by: user,
    partial: 0,
  };
}

function insertRow(db: Db, row: TraceColumns): void {
  db.prepare(`INSERT INTO traces (${COLUMNS.join(", ")}) VALUES (${COLUMNS.map((c) => `@${c}`).join(", ")})`).run(row);
  touchProject(db, row.project_pk, row.last_updated_at);
}

function replaceRow(db: Db, pk: number, row: TraceColumns): void {
  db.prepare(`UPDATE traces SET ${COLUMNS.map((c) => `${c} = @${c}`).join(", ")} WHERE pk = @pk`).run({ ...row, pk });
  touchProject(db, row.project_pk, row.last_updated_at);
}

function touchProject(db: Db, projectPk: number, at: number): void {
  db.prepare("UPDATE projects SET last_updated_trace_at = max(coalesce(last_updated_trace_at, 0), ?) WHERE pk = ?").run(at, projectPk);
}

function assertSameProject(existing: TraceRow, projectPk: number): void {
  if (existing.project_pk !== projectPk) {
    throw httpErrors(409, ["Project name and workspace name do not match the existing trace"]);
  }
}

/** A POST/batch item landing on a PATCH-made partial trace: the PATCH-set fields win. */
function completePartial(db: Db, existing: TraceRow, incoming: TraceColumns): void {
  assertSameProject(existing, incoming.project_pk);
  const merged: TraceColumns = { ...incoming, created_at: existing.created_at, partial: 0 };
  for (const k of MERGEABLE) {
    const v = existing[k];
    if (v !== null && v !== "") (merged as Record<string, unknown>)[k] = v;
  }
  merged.duration = durationOf(merged.start_time, merged.end_time);
  merged.last_updated_at = Math.max(incoming.last_updated_at, existing.last_updated_at);
  replaceRow(db, existing.pk, merged);
}

function projectPkFor(db: Db, name: string | null | undefined, user: string, cache: Map<string, number>): number {
  const key = (name ?? "").trim().toLowerCase();
  let pk = cache.get(key);
  if (pk === undefined) cache.set(key, (pk = getOrCreateProject(db, name, user).pk));
  return pk;
}

/** POST /traces. Returns the trace id. */
export function createTrace(db: Db, item: TraceWrite, user: string): string {
  checkWriteId(item.id, "id");
  return db.transaction(() => {
    const id = (item.id ?? newId()).toLowerCase();
    const row = columnsFromWrite(item, id, projectPkFor(db, item.project_name, user, new Map()), user, nowMicros());
    const existing = findTrace(db, id);
    if (!existing) insertRow(db, row);
    else if (existing.partial) completePartial(db, existing, row);
    return id;
  })();
}

/** POST /traces/batch: per id the later `last_updated_at` wins, within the request and against storage. */
export function createTracesBatch(db: Db, items: TraceWrite[], user: string): void {
  items.forEach((item, i) => checkWriteId(item.id, `traces[${i}].id`));
  const kept = latestPerId(items);
  db.transaction(() => {
    const now = nowMicros();
    const projects = new Map<string, number>();
    for (const item of kept) {
      const id = (item.id ?? newId()).toLowerCase();
      const row = columnsFromWrite(item, id, projectPkFor(db, item.project_name, user, projects), user, now);
      const existing = findTrace(db, id);
      if (!existing) insertRow(db, row);
      else if (existing.partial) completePartial(db, existing, row);
      else if (!item.last_updated_at || row.last_updated_at >= existing.last_updated_at) {
        replaceRow(db, existing.pk, { ...row, created_at: existing.created_at, created_by: existing.created_by });
      }
    }
  })();
}

function applyUpdate(row: TraceColumns, update: TraceUpdate, user: string, now: number): TraceColumns {
  const next = { ...row };
  if (update.name) next.name = update.name;
  if (update.end_time) next.end_time = micros(update.end_time);
  if (update.input !== undefined && update.input !== null) next.input = JSON.stringify(update.input);
  if (update.output !== undefined && update.output !== null) next.output = JSON.stringify(update.output);
  if (update.metadata !== undefined && update.metadata !== null) next.metadata = JSON.stringify(update.metadata);
  if (update.tags || update.tags_to_add || update.tags_to_remove) {
    let tags: string[] = row.tags ? (JSON.parse(row.tags) as string[]) : [];
    if (update.tags) tags = update.tags;
    if (update.tags_to_add) tags = [...tags, ...update.tags_to_add];
    if (update.tags_to_remove) tags = tags.filter((t) => !update.tags_to_remove!.includes(t));
    next.tags = tagsJson(tags);
  }
  if (update.error_info) next.error_info = JSON.stringify(update.error_info);
  if (update.thread_id) next.thread_id = update.thread_id;
  if (update.ttft !== null && update.ttft !== undefined) next.ttft = update.ttft;
  if (update.source) next.source = update.source;
  if (update.environment) next.environment = update.environment;
  next.duration = durationOf(next.start_time, next.end_time);
  next.last_updated_at = Math.max(now, row.last_updated_at + 1);
  next.last_updated_by = user;
  return next;
}

/** PATCH /traces/{id}. A missing trace becomes a partial trace that a later POST completes. */
export function updateTrace(db: Db, id: string, update: TraceUpdate, user: string): void {
  if (!isUuidV7(id)) invalidTraceId();
  db.transaction(() => {
    let projectPk: number;
    if (update.project_id) {
      const project = findProjectById(db, update.project_id);
      if (!project) throw notFound(`Project id: ${update.project_id} not found`);
      projectPk = project.pk;
    } else {
      projectPk = getOrCreateProject(db, update.project_name, user).pk;
    }
    const existing = findTrace(db, id);
    const now = nowMicros();
    if (existing) {
      assertSameProject(existing, projectPk);
      const { pk, ...current } = existing;
      replaceRow(db, pk, applyUpdate(current, update, user, now));
      return;
    }
    const base = columnsFromWrite({ start_time: "1970-01-01T00:00:00Z" } as TraceWrite, id.toLowerCase(), projectPk, user, now);
    insertRow(db, applyUpdate({ ...base, partial: 1 }, update, user, now));
  })();
}

/** Deletes the traces a WHERE clause over `traces` selects, with their spans, scores and comments. */
export function deleteTracesWhere(db: Db, where: string, params: unknown[]): number {
  return db.transaction(() => {
    const rows = db.prepare(`SELECT id, project_pk FROM traces WHERE ${where}`).all(...params) as { id: string; project_pk: number }[];
    if (rows.length === 0) return 0;
    const ids = rows.map((r) => r.id);
    const byProject = new Map<number, string[]>();
    for (const r of rows) byProject.set(r.project_pk, [...(byProject.get(r.project_pk) ?? []), r.id]);
    // Spans are found through (project_pk, trace_id), the prefix of spans_default_order: a trace's
    // spans live in its project, and a bare trace_id predicate would scan every span.
    for (const [projectPk, traceIds] of byProject) {
      for (const part of chunked(traceIds)) {
        deleteSpansWhere(db, `project_pk = ? AND trace_id IN (${part.map(() => "?").join(",")})`, [projectPk, ...part]);
      }
    }
    for (const part of chunked(ids)) db.prepare(`DELETE FROM traces WHERE id IN (${part.map(() => "?").join(",")})`).run(...part);
    deleteScoresOf(db, "trace", ids);
    deleteCommentsOf(db, "trace", ids);
    return rows.length;
  })();
}

/** POST /traces/delete and DELETE /traces/{id}: unknown ids are ignored. */
export function deleteTraces(db: Db, ids: string[]): number {
  let deleted = 0;
  for (const part of chunked([...new Set(ids.map((id) => id.toLowerCase()))])) {
    deleted += deleteTracesWhere(db, `id IN (${part.map(() => "?").join(",")})`, part);
  }
  return deleted;
}
