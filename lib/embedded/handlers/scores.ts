import { DeleteScoreBody, FeedbackScoreWrite, ScoreBatchBody } from "@/lib/opik/schemas/scores";
import { SPAN_TYPES } from "@/lib/opik/schemas/common";
import type { RequestContext } from "../context";
import { db } from "../db";
import { badRequest, httpError, json, noContent, notFound, parseBody } from "../http";
import { findProjectById, getOrCreateProject, resolveReadProject } from "../projects-store";
import { deleteScore, scoreNames, upsertScores, type EntityType, type ScoreItem } from "../scores-store";
import { isUuid, isUuidV7 } from "../uuid7";

const LABEL: Record<EntityType, string> = { span: "Span", trace: "Trace" };
const TABLE: Record<EntityType, string> = { span: "spans", trace: "traces" };

/** A malformed UUID in a path param fails JAX-RS conversion before the resource runs: a bare 404. */
export function pathId(ctx: RequestContext, name = "id"): string {
  const id = ctx.params[name] ?? "";
  if (!isUuid(id)) throw httpError(404, "HTTP 404 Not Found");
  return id.toLowerCase();
}

function findEntity(entityType: EntityType, id: string): { project_pk: number } | undefined {
  return db().prepare(`SELECT project_pk FROM ${TABLE[entityType]} WHERE id = ?`).get(id) as { project_pk: number } | undefined;
}

async function scoreOne(ctx: RequestContext, entityType: EntityType): Promise<Response> {
  const id = pathId(ctx);
  const body = parseBody(FeedbackScoreWrite, await ctx.body());
  const entity = findEntity(entityType, id);
  if (!entity) throw notFound(`${LABEL[entityType]} id: ${id} not found`);
  upsertScores(db(), entityType, [
    {
      entityId: id,
      projectPk: entity.project_pk,
      name: body.name,
      value: body.value,
      categoryName: body.category_name,
      reason: body.reason,
      source: body.source,
      author: ctx.user,
    },
  ]);
  return noContent();
}

async function deleteOne(ctx: RequestContext, entityType: EntityType): Promise<Response> {
  const id = pathId(ctx);
  const body = parseBody(DeleteScoreBody, await ctx.body());
  deleteScore(db(), entityType, id, body.name, body.author);
  return noContent();
}

/**
 * Batch scores are stored even when the entity does not exist yet; each item names its project
 * (by id, or by name with the default project and auto-creation).
 */
async function scoreBatch(ctx: RequestContext, entityType: EntityType): Promise<Response> {
  const body = parseBody(ScoreBatchBody, await ctx.body());
  for (const item of body.scores) {
    if (!isUuidV7(item.id)) {
      throw httpError(400, "Invalid UUID for id", `${entityType} id must be a version 7 UUID`);
    }
  }
  const database = db();
  const projectPks = new Map<string, number>();
  const projectOf = (item: (typeof body.scores)[number]): number => {
    const key = item.project_id ? `id:${item.project_id.toLowerCase()}` : `name:${(item.project_name ?? "").trim().toLowerCase()}`;
    const known = projectPks.get(key);
    if (known !== undefined) return known;
    let pk: number;
    if (item.project_id) {
      const row = findProjectById(database, item.project_id);
      if (!row) throw notFound(`Project id: ${item.project_id} not found`);
      pk = row.pk;
    } else {
      pk = getOrCreateProject(database, item.project_name, ctx.user).pk;
    }
    projectPks.set(key, pk);
    return pk;
  };
  database.transaction(() => {
    const items: ScoreItem[] = body.scores.map((item) => ({
      entityId: item.id.toLowerCase(),
      projectPk: projectOf(item),
      name: item.name,
      value: item.value,
      categoryName: item.category_name,
      reason: item.reason,
      source: item.source,
      author: ctx.user,
    }));
    upsertScores(database, entityType, items);
  })();
  return noContent();
}

function names(ctx: RequestContext, entityType: EntityType): Response {
  const projectId = ctx.query.get("project_id");
  if (!projectId) throw badRequest("project_id must be provided");
  const project = resolveReadProject(db(), null, projectId);
  // Opik's SpanType.fromString: case-insensitive, and an unknown type means no type filter.
  const rawType = ctx.query.get("type")?.toLowerCase() ?? null;
  const type = entityType === "span" && (SPAN_TYPES as readonly string[]).includes(rawType ?? "") ? rawType : null;
  return json({ scores: scoreNames(db(), entityType, project.pk, type).map((name) => ({ name })) });
}

export const scoreSpan = (ctx: RequestContext) => scoreOne(ctx, "span");
export const scoreTrace = (ctx: RequestContext) => scoreOne(ctx, "trace");
export const deleteSpanScore = (ctx: RequestContext) => deleteOne(ctx, "span");
export const deleteTraceScore = (ctx: RequestContext) => deleteOne(ctx, "trace");
export const scoreSpansBatch = (ctx: RequestContext) => scoreBatch(ctx, "span");
export const scoreTracesBatch = (ctx: RequestContext) => scoreBatch(ctx, "trace");
export const spanScoreNames = async (ctx: RequestContext) => names(ctx, "span");
export const traceScoreNames = async (ctx: RequestContext) => names(ctx, "trace");
