import type { RequestContext } from "../context";
import { db } from "../db";
import { json } from "../http";
import { searchSpans as streamSpans } from "../search-stream";
import { getSpanById, listSpans as list } from "../spans-query";
import { spanStats as stats } from "../stats";

/** The span read endpoints: list, one span, stats and the search stream. */

export async function listSpans(ctx: RequestContext): Promise<Response> {
  return json(list(db(), ctx.query));
}

export async function getSpan(ctx: RequestContext): Promise<Response> {
  return json(getSpanById(db(), ctx.params.id!));
}

export async function spanStats(ctx: RequestContext): Promise<Response> {
  return json(stats(db(), ctx.query));
}

export async function searchSpans(ctx: RequestContext): Promise<Response> {
  return streamSpans(db(), await ctx.body());
}
