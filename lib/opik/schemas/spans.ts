import { z } from "zod";
import { ErrorInfo, Instant, JsonValue, NonBlank, SOURCES, SpanTypeWrite, Usage, Uuid, sizeBetween } from "./common";
import { FeedbackScorePublic } from "./scores";
import { CommentPublic } from "./comments";
import { Filter } from "./filters";

const Cost = z.number().min(0, "must be greater than or equal to 0.0");
const Environment = z.string().max(150, "size must be between 0 and 150");

/** POST /spans and each item of POST /spans/batch (Opik's write view of a span). */
export const SpanWrite = z.object({
  id: z.string().nullish(),
  project_name: NonBlank.nullish(),
  trace_id: Uuid.nullish(),
  parent_span_id: Uuid.nullish(),
  name: z.string().nullish(),
  type: SpanTypeWrite,
  start_time: Instant,
  end_time: Instant.nullish(),
  input: JsonValue,
  output: JsonValue,
  metadata: JsonValue,
  model: z.string().nullish(),
  provider: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  usage: Usage.nullish(),
  error_info: ErrorInfo.nullish(),
  last_updated_at: Instant.nullish(),
  total_estimated_cost: Cost.nullish(),
  total_estimated_cost_version: z.string().nullish(),
  ttft: z.number().nullish(),
  source: z.enum(SOURCES).nullish(),
  environment: Environment.nullish(),
});
export type SpanWrite = z.infer<typeof SpanWrite>;

export const CreateSpansBody = z.object({
  spans: z.array(SpanWrite).min(1, sizeBetween(1, 1000)).max(1000, sizeBetween(1, 1000)),
});

/** PATCH /spans/{id}: only non-null fields change the span. */
export const SpanUpdate = z.object({
  project_name: NonBlank.nullish(),
  project_id: Uuid.nullish(),
  trace_id: Uuid,
  parent_span_id: Uuid.nullish(),
  name: z.string().nullish(),
  type: SpanTypeWrite,
  end_time: Instant.nullish(),
  input: JsonValue,
  output: JsonValue,
  metadata: JsonValue,
  model: z.string().nullish(),
  provider: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  tags_to_add: z.array(z.string()).nullish(),
  tags_to_remove: z.array(z.string()).nullish(),
  usage: Usage.nullish(),
  total_estimated_cost: Cost.nullish(),
  total_estimated_cost_version: z.string().nullish(),
  error_info: ErrorInfo.nullish(),
  ttft: z.number().nullish(),
  source: z.enum(SOURCES).nullish(),
  environment: Environment.nullish(),
});
export type SpanUpdate = z.infer<typeof SpanUpdate>;

/** PATCH /spans/batch. */
export const UpdateSpansBody = z.object({
  ids: z.array(Uuid).min(1, sizeBetween(1, 1000)).max(1000, sizeBetween(1, 1000)),
  update: SpanUpdate,
  merge_tags: z.boolean().nullish(),
});

/** POST /spans/search. */
export const SearchSpansBody = z.object({
  project_name: z.string().nullish(),
  project_id: Uuid.nullish(),
  trace_id: Uuid.nullish(),
  type: z.string().nullish(),
  filters: z.array(Filter).nullish(),
  limit: z
    .number()
    .int()
    .min(1, "must be greater than or equal to 1")
    .max(2000, "must be less than or equal to 2000")
    .nullish(),
  last_retrieved_id: Uuid.nullish(),
  truncate: z.boolean().nullish(),
  exclude: z.array(z.string()).nullish(),
  from_time: Instant.nullish(),
  to_time: Instant.nullish(),
});
export type SearchSpansBody = z.infer<typeof SearchSpansBody>;

/**
 * The read view of a span. Tolerant: unknown fields pass through and `type` may be a span type
 * this version does not know (recent servers have atomic_* types).
 */
export const SpanPublic = z.looseObject({
  id: z.string(),
  project_id: z.string().optional(),
  project_name: z.string().optional(),
  trace_id: z.string(),
  parent_span_id: z.string().nullish(),
  name: z.string().optional(),
  type: z.string().optional(),
  start_time: z.string(),
  end_time: z.string().optional(),
  input: JsonValue.optional(),
  output: JsonValue.optional(),
  metadata: JsonValue.optional(),
  model: z.string().optional(),
  provider: z.string().optional(),
  tags: z.array(z.string()).optional(),
  usage: z.record(z.string(), z.number()).optional(),
  error_info: z.looseObject({ exception_type: z.string(), message: z.string().optional(), traceback: z.string() }).optional(),
  created_at: z.string().optional(),
  last_updated_at: z.string().optional(),
  created_by: z.string().optional(),
  last_updated_by: z.string().optional(),
  feedback_scores: z.array(FeedbackScorePublic).optional(),
  comments: z.array(CommentPublic).optional(),
  total_estimated_cost: z.number().optional(),
  total_estimated_cost_version: z.string().optional(),
  duration: z.number().optional(),
  ttft: z.number().optional(),
  source: z.string().optional(),
  environment: z.string().optional(),
});
export type SpanPublic = z.infer<typeof SpanPublic>;

export const SpanPage = z.looseObject({
  page: z.number(),
  size: z.number(),
  total: z.number(),
  content: z.array(SpanPublic),
  sortable_by: z.array(z.string()).optional(),
});
export type SpanPage = z.infer<typeof SpanPage>;

export const StatItem = z.looseObject({
  name: z.string(),
  type: z.string(),
  value: z.union([z.number(), z.string(), z.record(z.string(), z.number())]),
});
export const SpanStats = z.looseObject({ stats: z.array(StatItem) });
export type SpanStats = z.infer<typeof SpanStats>;
