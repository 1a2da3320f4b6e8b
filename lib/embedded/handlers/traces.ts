import { BatchDeleteBody } from "@/lib/opik/schemas/common";
import { CreateTracesBody, TraceUpdate, TraceWrite } from "@/lib/opik/schemas/traces";
import { locationOf, type RequestContext } from "../context";
import { db } from "../db";
import { badRequest, created, json, noContent, notFound, parseBody } from "../http";
import { findProjectByPk, requireProjectParam, resolveReadProject } from "../projects-store";
import { instantParam, timeWindow } from "../span-criteria";
import { TRACE_SORTABLE_BY } from "../traces-filters";
import { prepareTraceList, queryTraces, TRACE_EXCLUDABLE, tracesToWire } from "../traces-read";
import { createTrace as create, createTracesBatch, deleteTraces as removeTraces, findTrace, updateTrace as update } from "../traces-store";
import { pagingParams } from "./projects";
import { pathId } from "./scores";

export async function createTrace(ctx: RequestContext): Promise<Response> {
  const item = parseBody(TraceWrite, await ctx.body());
  const id = create(db(), item, ctx.user);
  return created(locationOf(ctx, id));
}

export async function createTraces(ctx: RequestContext): Promise<Response> {
  const { traces } = parseBody(CreateTracesBody, await ctx.body());
  createTracesBatch(db(), traces, ctx.user);
  return noContent();
}

export async function updateTrace(ctx: RequestContext): Promise<Response> {
  const id = pathId(ctx);
  const body = parseBody(TraceUpdate, await ctx.body());
  update(db(), id, body, ctx.user);
  return noContent();
}

export async function getTrace(ctx: RequestContext): Promise<Response> {
  const id = pathId(ctx);
  const row = findTrace(db(), id);
  if (!row) throw notFound(`Trace id: ${id} not found`);
  const project = findProjectByPk(db(), row.project_pk);
  return json(tracesToWire(db(), [row], { projectId: project?.id ?? "" })[0]);
}

function parseExclude(raw: string | null): Set<string> | undefined {
  if (raw === null || raw.trim() === "") return undefined;
  const bad = () => badRequest(`Invalid query param exclude '${raw}'`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.some((f) => typeof f !== "string" || !TRACE_EXCLUDABLE.has(f))) throw bad();
  return new Set(parsed as string[]);
}

/** GET /traces: validation order as Opik — paging, project presence, filters/sorting, then the project lookup. */
export async function listTraces(ctx: RequestContext): Promise<Response> {
  const q = ctx.query;
  const { page, size } = pagingParams(q);
  const from = instantParam(q.get("from_time"));
  const to = instantParam(q.get("to_time"));
  requireProjectParam(q.get("project_name"), q.get("project_id"));
  const window = timeWindow(from, to);
  prepareTraceList(q.get("filters"), q.get("sorting"));
  const exclude = parseExclude(q.get("exclude"));
  const project = resolveReadProject(db(), q.get("project_name"), q.get("project_id"));
  const { rows, total } = queryTraces(db(), {
    projectPk: project.pk,
    page,
    size,
    filters: q.get("filters"),
    sorting: q.get("sorting"),
    search: q.get("search"),
    ...window,
  });
  const content = tracesToWire(db(), rows, { projectId: project.id, truncate: q.get("truncate") === "true", exclude });
  return json({ page, size: content.length, total, content, sortable_by: TRACE_SORTABLE_BY });
}

/** DELETE /traces/{id}: the trace and everything under it; an unknown id is not an error. */
export async function deleteTrace(ctx: RequestContext): Promise<Response> {
  removeTraces(db(), [pathId(ctx)]);
  return noContent();
}

export async function deleteTraces(ctx: RequestContext): Promise<Response> {
  const { ids } = parseBody(BatchDeleteBody, await ctx.body());
  removeTraces(db(), ids);
  return noContent();
}
