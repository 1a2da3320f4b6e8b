import { formatInstant } from "@/lib/opik/instant";
import { replaceImages, truncatePayload, truncationKeeps } from "./truncate";

/** A row of the `spans` table, as SQLite returns it. */
export type SpanRow = {
  pk: number;
  id: string;
  project_pk: number;
  trace_id: string;
  parent_span_id: string;
  name: string;
  type: string | null;
  start_time: number;
  end_time: number | null;
  duration: number | null;
  model: string | null;
  provider: string | null;
  tags: string | null;
  tag_count: number;
  usage: string | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  total_tokens: number | null;
  total_estimated_cost: number;
  total_estimated_cost_version: string | null;
  manual_cost: number;
  error_info: string | null;
  error_type: string | null;
  ttft: number | null;
  source: string | null;
  environment: string | null;
  metadata: string | null;
  has_input: number;
  has_output: number;
  created_at: number;
  last_updated_at: number;
  created_by: string;
  last_updated_by: string;
  partial: number;
};

export type SpanIo = { input: string | null; output: string | null };

/** Field names accepted by `exclude` (Opik's Span.SpanField). */
export const EXCLUDABLE_FIELDS = [
  "name", "type", "start_time", "end_time", "input", "output", "metadata", "model", "provider", "tags", "usage",
  "error_info", "created_at", "created_by", "last_updated_by", "feedback_scores", "comments", "total_estimated_cost",
  "total_estimated_cost_version", "duration", "ttft", "source", "environment",
] as const;

export type WireOptions = {
  truncate?: boolean;
  exclude?: ReadonlySet<string>;
  projectId: string;
  projectName?: string;
  feedbackScores?: unknown[];
  comments?: unknown[];
};

const parse = (text: string | null): unknown => (text === null ? undefined : JSON.parse(text));

/** The span as Opik puts it on the wire: snake_case, null and empty fields omitted. */
export function spanToWire(row: SpanRow, io: SpanIo | undefined, options: WireOptions): Record<string, unknown> {
  const ex = options.exclude;
  const out: Record<string, unknown> = { id: row.id };
  const put = (field: string, value: unknown) => {
    if (value === undefined || value === null || (ex && ex.has(field))) return;
    out[field] = value;
  };
  if (options.projectName !== undefined) put("project_name", options.projectName);
  out.project_id = options.projectId;
  out.trace_id = row.trace_id;
  if (row.parent_span_id) out.parent_span_id = row.parent_span_id;
  put("name", row.name === "" && row.partial ? undefined : row.name);
  put("type", row.type);
  put("start_time", formatInstant(row.start_time));
  put("end_time", row.end_time === null ? undefined : formatInstant(row.end_time));
  const payload = (text: string | null | undefined) => {
    if (text === null || text === undefined) return undefined;
    const value = JSON.parse(text);
    return options.truncate && !truncationKeeps(text) ? truncatePayload(value) : value;
  };
  put("input", payload(io?.input));
  put("output", payload(io?.output));
  const metadata = parse(row.metadata);
  put("metadata", options.truncate && row.metadata !== null && !truncationKeeps(row.metadata) ? replaceImages(metadata) : metadata);
  put("model", row.model);
  put("provider", row.provider);
  put("tags", parse(row.tags));
  put("usage", parse(row.usage));
  put("error_info", parse(row.error_info));
  put("created_at", formatInstant(row.created_at));
  out.last_updated_at = formatInstant(row.last_updated_at);
  put("created_by", row.created_by);
  put("last_updated_by", row.last_updated_by);
  if (options.feedbackScores && options.feedbackScores.length > 0) put("feedback_scores", options.feedbackScores);
  if (options.comments && options.comments.length > 0) put("comments", options.comments);
  put("total_estimated_cost", row.total_estimated_cost > 0 ? row.total_estimated_cost : undefined);
  put("total_estimated_cost_version", row.total_estimated_cost_version);
  put("duration", row.duration);
  put("ttft", row.ttft);
  put("source", row.source);
  put("environment", row.environment);
  return out;
}
