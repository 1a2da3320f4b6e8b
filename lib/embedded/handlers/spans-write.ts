import { CreateSpansBody, SpanUpdate, SpanWrite, UpdateSpansBody } from "@/lib/opik/schemas";
import { locationOf, type RequestContext } from "../context";
import { db } from "../db";
import { created, noContent, notFound, parseBody } from "../http";
import { createSpan as create, createSpansBatch, deleteSpans, findSpan, updateSpan as update, updateSpansBatch } from "../spans-store";
import { isUuid } from "../uuid7";

export async function createSpan(ctx: RequestContext): Promise<Response> {
  const item = parseBody(SpanWrite, await ctx.body());
  const id = create(db(), item, ctx.user);
  return created(locationOf(ctx, id));
}

export async function createSpans(ctx: RequestContext): Promise<Response> {
  const { spans } = parseBody(CreateSpansBody, await ctx.body());
  createSpansBatch(db(), spans, ctx.user);
  return noContent();
}

export async function updateSpan(ctx: RequestContext): Promise<Response> {
  const body = parseBody(SpanUpdate, await ctx.body());
  update(db(), ctx.params.id!, body, ctx.user);
  return noContent();
}

export async function updateSpans(ctx: RequestContext): Promise<Response> {
  const body = parseBody(UpdateSpansBody, await ctx.body());
  updateSpansBatch(db(), body.ids, body.update, body.merge_tags ?? false, ctx.user);
  return noContent();
}

/** Real Opik answers 501 here; the embedded server really deletes the span, its scores and comments. */
export async function deleteSpan(ctx: RequestContext): Promise<Response> {
  const id = ctx.params.id!;
  const row = isUuid(id) ? findSpan(db(), id) : undefined;
  if (!row) throw notFound(`Span id: ${id} not found`);
  deleteSpans(db(), [row]);
  return noContent();
}
