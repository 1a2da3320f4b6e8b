import { z } from "zod";
import { ErrorInfo, Instant, JsonValue, NonBlank, SOURCES, Uuid, sizeBetween } from "./common";
import { CommentPublic } from "./comments";
import { FeedbackScorePublic } from "./scores";

/** POST /traces and each item of POST /traces/batch. */
export const TraceWrite = z.object({
  id: z.string().nullish(),
  project_name: NonBlank.nullish(),
  name: z.string().nullish(),
  start_time: Instant,
  end_time: Instant.nullish(),
  input: JsonValue,
  output: JsonValue,
  metadata: JsonValue,
  tags: z.array(z.string()).nullish(),
  error_info: ErrorInfo.nullish(),
  last_updated_at: Instant.nullish(),
  thread_id: z.string().nullish(),
  ttft: z.number().nullish(),
  source: z.enum(SOURCES).nullish(),
  environment: z.string().max(150, "size must be between 0 and 150").nullish(),
});
export type TraceWrite = z.infer<typeof TraceWrite>;

export const CreateTracesBody = z.object({
  traces: z.array(TraceWrite).min(1, sizeBetween(1, 1000)).max(1000, sizeBetween(1, 1000)),
});

/** PATCH /traces/{id}. */
export const TraceUpdate = z.object({
  project_name: NonBlank.nullish(),
  project_id: Uuid.nullish(),
  name: z.string().nullish(),
  end_time: Instant.nullish(),
  input: JsonValue,
  output: JsonValue,
  metadata: JsonValue,
  tags: z.array(z.string()).nullish(),
  tags_to_add: z.array(z.string()).nullish(),
  tags_to_remove: z.array(z.string()).nullish(),
  error_info: ErrorInfo.nullish(),
  thread_id: z.string().nullish(),
  ttft: z.number().nullish(),
  source: z.enum(SOURCES).nullish(),
  environment: z.string().max(150, "size must be between 0 and 150").nullish(),
});
export type TraceUpdate = z.infer<typeof TraceUpdate>;

export const TracePublic = z.looseObject({
  id: z.string(),
  project_id: z.string().optional(),
  name: z.string().optional(),
  start_time: z.string(),
  end_time: z.string().optional(),
  input: JsonValue.optional(),
  output: JsonValue.optional(),
  metadata: JsonValue.optional(),
  tags: z.array(z.string()).optional(),
  error_info: z.looseObject({ exception_type: z.string() }).optional(),
  duration: z.number().optional(),
  feedback_scores: z.array(FeedbackScorePublic).optional(),
  comments: z.array(CommentPublic).optional(),
  span_count: z.number().optional(),
  thread_id: z.string().optional(),
});
export type TracePublic = z.infer<typeof TracePublic>;

export const TracePage = z.looseObject({
  page: z.number(),
  size: z.number(),
  total: z.number(),
  content: z.array(TracePublic),
  sortable_by: z.array(z.string()).optional(),
});
