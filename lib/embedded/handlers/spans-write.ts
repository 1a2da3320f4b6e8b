import { CreateSpansBody, SpanUpdate, SpanWrite, UpdateSpansBody } from "@/lib/opik/schemas";
import { locationOf, type RequestContext } from "../context";
import { db } from "../db";
import { created, noContent, notFound, parseBody } from "../http";
import { staged } from "../stages";
import { createSpan as create, deleteSpans, findSpan, prepareSpansBatch, updateSpan as update, updateSpansBatch, writeSpansBatch } from "../spans-store";
import { packBatch, unpackBatch, type PackedBatch } from "../prepared-batch";
import { isUuid } from "../uuid7";

export async function createSpan(ctx: RequestContext): Promise<Response> {
  const item = parseBody(SpanWrite, await ctx.body());
  const id = create(db(), item, ctx.user);
  return created(locationOf(ctx, id));
}

/** POST /spans/batch: parsed and built off the writer thread, written on it (stages.ts). */
export const createSpans = staged<PackedBatch>({
  prepare: async (ctx) => packBatch(prepareSpansBatch(parseBody(CreateSpansBody, await ctx.body()).spans, ctx.user)),
  commit: (ctx, packed) => {
    writeSpansBatch(db(), unpackBatch(packed), ctx.user);
    return noContent();
  },
});

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
