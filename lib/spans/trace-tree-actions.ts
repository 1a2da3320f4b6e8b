"use server";

import { action } from "@/lib/actions/action";
import { gateway } from "@/lib/backend/gateway";
import type { SpanPublic, TracePublic } from "@/lib/opik/client";
import { isOpikError } from "@/lib/opik/errors";
import { GetTraceInput } from "./inputs";

/**
 * The span tree's data: every span of a trace, light, paged to the end (no cap). Unlike
 * `getTraceWithSpans` it does not need the trace record: spans logged without their trace (a
 * span-only import, an SDK that crashed before flushing the trace) still get their tree, with
 * `trace: null`.
 *
 * Speed, for 10,000-span traces: the tree needs no payloads, so input, output and metadata (often
 * the bulk of a span) are left out; pages are 10,000 spans (Opik sets no maximum), so a trace of up
 * to 10,000 spans is one request — every page of a trace filter costs the server a read of all the
 * trace's spans (the embedded server measured ~100 ms per 2,000-span page of a 10,000-span trace, so
 * five pages cost five times one); the first page tells the total and the rest are read in
 * parallel, deduplicated by id in case spans arrived between pages.
 */
export type TraceTreeData = { trace: TracePublic | null; spans: SpanPublic[] };

const PAGE = 10_000;
// What the tree (rows, search, badges, timeline) never reads; the selected span's own query has it all.
const LIGHT = [
  "input", "output", "metadata", "created_at", "created_by", "last_updated_by", "total_estimated_cost_version", "environment", "ttft", "source",
] as const;

export const getTraceTree = action(GetTraceInput, async ({ trace_id, project_id }): Promise<TraceTreeData> => {
  const client = gateway();
  const traceP = client.getTrace(trace_id).catch((e: unknown) => {
    if (isOpikError(e) && e.kind === "not_found") return null;
    throw e;
  });
  const project = project_id ? { project_id } : { project_id: (await traceP)?.project_id };
  if (!project.project_id) return { trace: await traceP, spans: [] };
  const page = (n: number) =>
    client.listSpans({ ...project, trace_id, page: n, size: PAGE, exclude: [...LIGHT], sorting: [{ field: "start_time", direction: "ASC" }] });
  const first = await page(1);
  const pages = Math.ceil(first.total / PAGE);
  const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => page(i + 2)));
  const seen = new Set<string>();
  const spans: SpanPublic[] = [];
  for (const p of [first, ...rest]) for (const s of p.content) if (!seen.has(s.id) && seen.add(s.id)) spans.push(s);
  return { trace: await traceP, spans };
});
