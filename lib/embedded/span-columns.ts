import type { SpanUpdate, SpanWrite } from "@/lib/opik/schemas";
import { parseInstant } from "@/lib/opik/instant";
import { estimateCost } from "./cost";
import type { SpanRow } from "./span-row";

/** The columns of a `spans` row that a write sets (everything but pk). */
export type SpanColumns = Omit<SpanRow, "pk">;

/** A span's payloads, kept apart from its row (see schema.sql.ts). `undefined` = not sent. */
export type SpanPayload = { input: unknown; output: unknown };

const jsonOrNull = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

export function isEmptyJson(v: unknown): boolean {
  if (v === undefined || v === null || v === "") return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === "object" && Object.keys(v as object).length === 0;
}

const micros = (text: string | null | undefined): number | null => (text ? parseInstant(text) : null);

export function tagsJson(tags: readonly string[] | null | undefined): string | null {
  if (!tags || tags.length === 0) return null;
  return JSON.stringify([...new Set(tags)]);
}

function usageColumns(usage: Record<string, number> | null | undefined) {
  const u = usage && Object.keys(usage).length > 0 ? usage : null;
  return {
    usage: u ? JSON.stringify(u) : null,
    prompt_tokens: u?.prompt_tokens ?? null,
    completion_tokens: u?.completion_tokens ?? null,
    total_tokens: u?.total_tokens ?? null,
  };
}

function durationOf(start: number, end: number | null): number | null {
  return end === null ? null : (end - start) / 1000;
}

/** A whole new row version from a POST or batch item (no field merging). */
export function columnsFromWrite(
  item: SpanWrite,
  ids: { id: string; traceId: string; projectPk: number },
  user: string,
  now: number,
): SpanColumns {
  const start = micros(item.start_time)!;
  const end = micros(item.end_time);
  const manual = item.total_estimated_cost !== null && item.total_estimated_cost !== undefined;
  return {
    id: ids.id,
    project_pk: ids.projectPk,
    trace_id: ids.traceId,
    parent_span_id: item.parent_span_id?.toLowerCase() ?? "",
    name: item.name ?? "",
    type: item.type ?? null,
    start_time: start,
    end_time: end,
    duration: durationOf(start, end),
    model: item.model || null,
    provider: item.provider || null,
    tags: tagsJson(item.tags),
    tag_count: item.tags ? new Set(item.tags).size : 0,
    ...usageColumns(item.usage),
    total_estimated_cost: manual ? item.total_estimated_cost! : estimateCost(item.model, item.usage),
    total_estimated_cost_version: item.total_estimated_cost_version ?? null,
    manual_cost: manual ? 1 : 0,
    error_info: jsonOrNull(item.error_info),
    error_type: item.error_info?.exception_type ?? null,
    ttft: item.ttft ?? null,
    source: item.source ?? null,
    environment: item.environment ?? null,
    metadata: jsonOrNull(item.metadata),
    has_input: isEmptyJson(item.input) ? 0 : 1,
    has_output: isEmptyJson(item.output) ? 0 : 1,
    created_at: now,
    last_updated_at: micros(item.last_updated_at) ?? now,
    created_by: user,
    last_updated_by: user,
    partial: 0,
  };
}

/**
 * PATCH semantics: only non-null fields overwrite; blank name/model/provider count as absent;
 * `tags: []` and `usage: {}` clear. The cost is re-estimated unless a manual cost was ever set.
 */
export function applyUpdate(row: SpanColumns, update: SpanUpdate, user: string, now: number): SpanColumns {
  const next = { ...row };
  if (update.name) next.name = update.name;
  if (update.type) next.type = update.type;
  if (update.end_time) next.end_time = micros(update.end_time);
  if (update.model) next.model = update.model;
  if (update.provider) next.provider = update.provider;
  if (update.metadata !== undefined && update.metadata !== null) next.metadata = JSON.stringify(update.metadata);
  if (update.input !== undefined && update.input !== null) next.has_input = isEmptyJson(update.input) ? 0 : 1;
  if (update.output !== undefined && update.output !== null) next.has_output = isEmptyJson(update.output) ? 0 : 1;
  let tags: string[] = row.tags ? (JSON.parse(row.tags) as string[]) : [];
  if (update.tags) tags = update.tags;
  if (update.tags_to_add) tags = [...tags, ...update.tags_to_add];
  if (update.tags_to_remove) tags = tags.filter((t) => !update.tags_to_remove!.includes(t));
  if (update.tags || update.tags_to_add || update.tags_to_remove) {
    next.tags = tagsJson(tags);
    next.tag_count = new Set(tags).size;
  }
  if (update.usage) Object.assign(next, usageColumns(update.usage));
  if (update.error_info) {
    next.error_info = JSON.stringify(update.error_info);
    next.error_type = update.error_info.exception_type;
  }
  if (update.ttft !== null && update.ttft !== undefined) next.ttft = update.ttft;
  if (update.source) next.source = update.source;
  if (update.environment) next.environment = update.environment;
  if (update.total_estimated_cost_version) next.total_estimated_cost_version = update.total_estimated_cost_version;
  if (update.total_estimated_cost !== null && update.total_estimated_cost !== undefined) {
    next.total_estimated_cost = update.total_estimated_cost;
    next.manual_cost = 1;
  } else if (!next.manual_cost) {
    next.total_estimated_cost = estimateCost(next.model, next.usage ? (JSON.parse(next.usage) as Record<string, number>) : null);
  }
  next.duration = durationOf(next.start_time, next.end_time);
  next.last_updated_at = Math.max(now, row.last_updated_at + 1);
  next.last_updated_by = user;
  return next;
}

/**
 * A POST arriving for a span that so far exists only from PATCHes: the POST supplies the rest, and
 * the fields the PATCHes already set win (Opik's INSERT prefers non-empty old values).
 */
export function mergeIntoPartial(partial: SpanColumns, incoming: SpanColumns): SpanColumns {
  const merged = { ...incoming, created_at: partial.created_at, partial: 0 };
  const keep = ["name", "type", "end_time", "model", "provider", "tags", "tag_count", "usage", "prompt_tokens",
    "completion_tokens", "total_tokens", "error_info", "error_type", "ttft", "source", "environment", "metadata",
    "total_estimated_cost_version"] as const;
  for (const k of keep) {
    const v = partial[k];
    if (v !== null && v !== "" && v !== 0) (merged as Record<string, unknown>)[k] = v;
  }
  if (partial.manual_cost) {
    merged.total_estimated_cost = partial.total_estimated_cost;
    merged.manual_cost = 1;
  }
  if (partial.has_input) merged.has_input = 1;
  if (partial.has_output) merged.has_output = 1;
  merged.duration = durationOf(merged.start_time, merged.end_time);
  merged.last_updated_at = Math.max(incoming.last_updated_at, partial.last_updated_at);
  return merged;
}
