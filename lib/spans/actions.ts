"use server";

import { action } from "@/lib/actions/action";
import { gateway } from "@/lib/backend/gateway";
import type { SpanPage, SpanPublic, SpanStats, TracePublic } from "@/lib/opik/client";
import { cellPreview } from "./cell-preview";
import { GetSpanInput, GetTraceInput, ListSpansInput, SearchSpansInput, SpanScoreNamesInput, SpanStatsInput } from "./inputs";

/**
 * Span reads, one server action each (the writes are in write-actions.ts, scores and comments in
 * feedback-actions.ts). Each re-parses its input and answers `{ ok, data } | { ok: false, error }`.
 */

/**
 * One page of a project's spans for the span table; `total` counts every match. Inputs and outputs
 * come as the table's cell previews (cell-preview.ts); a whole span is `getSpan`.
 */
export const listSpans = action(ListSpansInput, async (input): Promise<SpanPage> => {
  const page = await gateway().listSpans(input);
  return { ...page, content: page.content.map((s) => ({ ...s, input: cellPreview(s.input), output: cellPreview(s.output) })) };
});

export const getSpan = action(GetSpanInput, async ({ id, ...params }): Promise<SpanPublic> => gateway().getSpan(id, params));

export const spanStats = action(SpanStatsInput, async (input): Promise<SpanStats> => gateway().spanStats(input));

export const spanScoreNames = action(SpanScoreNamesInput, async (input) => (await gateway().spanScoreNames(input)).scores);

export type TraceWithSpans = { trace: TracePublic; spans: SpanPublic[] };

/**
 * A trace and every one of its spans, light: without input/output, so a trace of thousands of spans
 * loads in one go for the tree; the selected span's payload comes from `getSpan`.
 */
export const getTraceWithSpans = action(GetTraceInput, async ({ trace_id, project_id }): Promise<TraceWithSpans> => {
  const client = gateway();
  const trace = await client.getTrace(trace_id);
  const spans = await client.listSpansOfTrace(trace_id, {
    project_id: project_id ?? trace.project_id,
    exclude: ["input", "output"],
    sorting: [{ field: "start_time", direction: "ASC" }],
  });
  return { trace, spans };
});

export type SpanBatch = {
  spans: SpanPublic[];
  /** Pass as `last_retrieved_id` for the next batch; absent when the stream ran out. */
  next_cursor?: string;
};

/**
 * Up to `limit` spans (newest first) matching the criteria, read from Opik's search stream in chunks
 * of at most 2000. For bounded in-app needs ("every matching span id" for a bulk action); a file
 * export of any size streams through `app/export/spans/route.ts` instead.
 */
export const searchSpans = action(SearchSpansInput, async ({ limit, ...criteria }): Promise<SpanBatch> => {
  const client = gateway();
  const spans: SpanPublic[] = [];
  let cursor = criteria.last_retrieved_id;
  for (;;) {
    const want = Math.min(2000, limit - spans.length);
    let got = 0;
    for await (const span of client.searchSpans({ ...criteria, limit: want, last_retrieved_id: cursor })) {
      spans.push(span);
      got++;
    }
    cursor = spans.at(-1)?.id;
    if (got < want) return { spans };
    if (spans.length >= limit) return { spans, next_cursor: cursor };
  }
});
