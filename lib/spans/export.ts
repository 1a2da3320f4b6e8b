import { z } from "zod";
import { actionError } from "@/lib/actions/action";
import { inputError, type ActionError } from "@/lib/actions/result";
import { gateway } from "@/lib/backend/gateway";
import type { SearchSpansParams, SpanPublic } from "@/lib/opik/client";
import { SearchSpansInput } from "./inputs";

/**
 * File export of a project's spans, streamed: `GET /export/spans?project_id=…&format=csv|jsonl`
 * (app/export/spans/route.ts). Spans are read from Opik's search stream 2000 at a time and written as
 * they arrive, so memory stays flat whatever the size, and the download starts at once. The server
 * holds the API key; the browser only sees the file.
 */
const Json = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "must be JSON" });
        return z.NEVER;
      }
    })
    .pipe(schema);

const criteria = SearchSpansInput.shape;
export const ExportQuery = z.object({
  format: z.enum(["csv", "jsonl"]).default("jsonl"),
  project_id: criteria.project_id,
  project_name: criteria.project_name,
  trace_id: criteria.trace_id,
  type: criteria.type,
  from_time: criteria.from_time,
  to_time: criteria.to_time,
  filters: Json(criteria.filters.unwrap()).optional(),
  exclude: Json(criteria.exclude.unwrap()).optional(),
  truncate: z.enum(["true", "false"]).transform((v) => v === "true").default(false),
});

const CHUNK = 2000;

export async function exportSpans(url: URL, signal?: AbortSignal): Promise<Response> {
  const parsed = ExportQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) return failure(inputError(parsed.error), 400);
  const { format, ...query } = parsed.data;
  if (!query.project_id && !query.project_name) return failure(inputError(new z.ZodError([{ code: "custom", path: ["project_id"], message: "Either project_id or project_name must be given", input: undefined }])), 400);

  let spans: AsyncIterator<SpanPublic>;
  let first: IteratorResult<SpanPublic>;
  try {
    spans = allSpans(query, signal)[Symbol.asyncIterator]();
    // Read the first span before answering, so a bad filter or unknown project is a proper error.
    first = await spans.next();
  } catch (error) {
    const info = actionError(error);
    return failure(info, info.status >= 400 ? info.status : 502);
  }

  const encoder = new TextEncoder();
  const write = format === "csv" ? csvRow : (span: SpanPublic) => `${JSON.stringify(span)}\n`;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (format === "csv") controller.enqueue(encoder.encode(`${CSV_COLUMNS.map((c) => c.header).join(",")}\r\n`));
    },
    async pull(controller) {
      try {
        if (first.done) return controller.close();
        controller.enqueue(encoder.encode(write(first.value)));
        first = await spans.next();
      } catch (error) {
        // Mid-download there is no status left to change: fail the transfer so it is not taken as complete.
        controller.error(error);
      }
    },
    async cancel() {
      await spans.return?.();
    },
  });
  const name = `spans-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-")}.${format}`;
  return new Response(body, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
}

async function* allSpans(query: Omit<SearchSpansParams, "limit" | "last_retrieved_id">, signal?: AbortSignal): AsyncGenerator<SpanPublic> {
  const client = gateway();
  let cursor: string | undefined;
  for (;;) {
    let got = 0;
    for await (const span of client.searchSpans({ ...query, limit: CHUNK, last_retrieved_id: cursor }, { signal })) {
      got++;
      cursor = span.id;
      yield span;
    }
    if (got < CHUNK) return;
  }
}

function failure(error: ActionError, status: number): Response {
  return Response.json({ ok: false, error }, { status });
}

type Column = { header: string; value: (s: SpanPublic) => unknown };
const json = (v: unknown) => (v === undefined ? "" : JSON.stringify(v));
export const CSV_COLUMNS: Column[] = [
  { header: "id", value: (s) => s.id },
  { header: "trace_id", value: (s) => s.trace_id },
  { header: "parent_span_id", value: (s) => s.parent_span_id },
  { header: "project_id", value: (s) => s.project_id },
  { header: "name", value: (s) => s.name },
  { header: "type", value: (s) => s.type },
  { header: "start_time", value: (s) => s.start_time },
  { header: "end_time", value: (s) => s.end_time },
  { header: "duration_ms", value: (s) => s.duration },
  { header: "model", value: (s) => s.model },
  { header: "provider", value: (s) => s.provider },
  { header: "tags", value: (s) => s.tags?.join(";") },
  { header: "prompt_tokens", value: (s) => s.usage?.prompt_tokens },
  { header: "completion_tokens", value: (s) => s.usage?.completion_tokens },
  { header: "total_tokens", value: (s) => s.usage?.total_tokens },
  { header: "total_estimated_cost", value: (s) => s.total_estimated_cost },
  { header: "error_type", value: (s) => s.error_info?.exception_type },
  { header: "feedback_scores", value: (s) => (s.feedback_scores ? json(Object.fromEntries(s.feedback_scores.map((f) => [f.name, f.value]))) : "") },
  { header: "metadata", value: (s) => json(s.metadata) },
  { header: "input", value: (s) => json(s.input) },
  { header: "output", value: (s) => json(s.output) },
];

export function csvRow(span: SpanPublic): string {
  return `${CSV_COLUMNS.map((c) => csvCell(c.value(span))).join(",")}\r\n`;
}

/** RFC 4180 quoting; a leading = + - @ is defused so a spreadsheet never runs a cell as a formula. */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return "";
  let text = typeof value === "string" ? value : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
