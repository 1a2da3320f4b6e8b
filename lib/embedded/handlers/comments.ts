import { BatchDeleteBody } from "@/lib/opik/schemas/common";
import { CommentWrite } from "@/lib/opik/schemas/comments";
import { createComment, deleteComments, getComment, updateComment } from "../comments-store";
import { locationOf, type RequestContext } from "../context";
import { db } from "../db";
import { created, json, noContent, notFound, parseBody } from "../http";
import type { EntityType } from "../scores-store";
import { pathId } from "./scores";

const LABEL: Record<EntityType, string> = { span: "Span", trace: "Trace" };
const TABLE: Record<EntityType, string> = { span: "spans", trace: "traces" };

async function create(ctx: RequestContext, entityType: EntityType): Promise<Response> {
  const id = pathId(ctx);
  const body = parseBody(CommentWrite, await ctx.body());
  const entity = db().prepare(`SELECT project_pk FROM ${TABLE[entityType]} WHERE id = ?`).get(id) as
    | { project_pk: number }
    | undefined;
  if (!entity) throw notFound(`${LABEL[entityType]} id: ${id} not found`);
  const commentId = createComment(db(), entityType, id, entity.project_pk, body.text, ctx.user);
  return created(locationOf(ctx, commentId), { id: commentId });
}

function get(ctx: RequestContext): Response {
  const id = pathId(ctx);
  const commentId = pathId(ctx, "commentId");
  return json(getComment(db(), id, commentId));
}

async function update(ctx: RequestContext): Promise<Response> {
  const commentId = pathId(ctx, "commentId");
  const body = parseBody(CommentWrite, await ctx.body());
  updateComment(db(), commentId, body.text, ctx.user);
  return noContent();
}

async function remove(ctx: RequestContext): Promise<Response> {
  const body = parseBody(BatchDeleteBody, await ctx.body());
  deleteComments(db(), body.ids);
  return noContent();
}

export const createSpanComment = (ctx: RequestContext) => create(ctx, "span");
export const createTraceComment = (ctx: RequestContext) => create(ctx, "trace");
export const getSpanComment = async (ctx: RequestContext) => get(ctx);
export const getTraceComment = async (ctx: RequestContext) => get(ctx);
export const updateSpanComment = (ctx: RequestContext) => update(ctx);
export const updateTraceComment = (ctx: RequestContext) => update(ctx);
export const deleteSpanComments = (ctx: RequestContext) => remove(ctx);
export const deleteTraceComments = (ctx: RequestContext) => remove(ctx);
