import { SearchSpansBody } from "@/lib/opik/schemas/spans";
import { parseInstant } from "@/lib/opik/instant";
import type { Db } from "./db";
import { readFiltersBody, validateFilters } from "./filters";
import { badRequest, parseBody } from "./http";
import { requireProjectParam, resolveReadProject } from "./projects-store";
import { projectShare, spanTypeParam, timeWindow, where, type SpanCriteria } from "./span-criteria";
import type { SpanRow } from "./span-row";
import { parseExcludeBody, rowsToWire } from "./spans-query";

/**
 * POST /spans/search (§12): spans by id descending, one compact JSON object plus "\r\n" each,
 * streamed as they are read. Every validation error is answered before the first byte; after
 * that a failure just ends the stream, as in Opik.
 */
const PAGE = 100;
const DEFAULT_LIMIT = 500;

export function searchSpans(db: Db, body: unknown): Response {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw badRequest("Unable to process JSON. Cannot deserialize value of type `SpanSearchStreamRequest`");
  }
  const raw = body as Record<string, unknown>;
  // Jackson reads the whole body (shape errors: 400) before bean validation runs (422).
  const rawFilters = readFiltersBody(raw.filters);
  if (Array.isArray(raw.exclude)) parseExcludeBody(raw.exclude.map(String));
  const req = parseBody(SearchSpansBody, { ...raw, filters: undefined });
  requireProjectParam(req.project_name, req.project_id);
  const window = timeWindow(req.from_time ? parseInstant(req.from_time) : null, req.to_time ? parseInstant(req.to_time) : null);
  const filters = validateFilters(rawFilters);
  const project = resolveReadProject(db, req.project_name, req.project_id);
  const exclude = parseExcludeBody(req.exclude);
  const criteria: SpanCriteria = {
    projectPk: project.pk,
    traceId: req.trace_id ?? null,
    type: spanTypeParam(req.type),
    filters,
    ...window,
    projectShare: projectShare(db, project.span_count),
  };
  const options = { projectId: project.id, truncate: req.truncate ?? false, exclude };
  let remaining = req.limit ?? DEFAULT_LIMIT;
  let cursor = req.last_retrieved_id?.toLowerCase() ?? null;
  const encoder = new TextEncoder();
  // Read newest first along the id index, testing rows as they go, unless few spans match at all.
  const driven = where(criteria, db);
  const w = driven.driverRows !== undefined && driven.driverRows < remaining * 8 ? driven : where(criteria, db, true);

  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        try {
          const n = Math.min(PAGE, remaining);
          const below = cursor === null ? "" : " AND s.id < ?";
          const rows = db
            .prepare(`SELECT s.* FROM spans s WHERE ${w.sql}${below} ORDER BY s.id DESC LIMIT ?`)
            .all(...w.params, ...(cursor === null ? [] : [cursor]), n) as SpanRow[];
          if (rows.length > 0) {
            const lines = rowsToWire(db, rows, options).map((span) => `${JSON.stringify(span)}\r\n`);
            controller.enqueue(encoder.encode(lines.join("")));
            remaining -= rows.length;
            cursor = rows[rows.length - 1]!.id;
          }
          if (rows.length < n || remaining <= 0) controller.close();
        } catch (error) {
          console.error("embedded Opik server: span stream failed", error);
          controller.close();
        }
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(stream, { status: 200, headers: { "content-type": "application/octet-stream" } });
}
