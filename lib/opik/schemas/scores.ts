import { z } from "zod";
import { NonBlank, SCORE_SOURCES, Uuid, sizeBetween } from "./common";

const LIMIT = 999_999_999.999999999;
const ScoreValue = z
  .number()
  .min(-LIMIT, "must be greater than or equal to -999999999.999999999")
  .max(LIMIT, "must be less than or equal to 999999999.999999999");

/** PUT /spans/{id}/feedback-scores (and traces). */
export const FeedbackScoreWrite = z.object({
  name: NonBlank,
  value: ScoreValue,
  source: z.enum(SCORE_SOURCES),
  category_name: z.string().nullish(),
  reason: z.string().nullish(),
});
export type FeedbackScoreWrite = z.infer<typeof FeedbackScoreWrite>;

/** One item of PUT /spans/feedback-scores. */
export const FeedbackScoreBatchItem = FeedbackScoreWrite.extend({
  id: Uuid,
  project_name: z.string().nullish(),
  project_id: Uuid.nullish(),
  author: z.string().nullish(),
});
export type FeedbackScoreBatchItem = z.infer<typeof FeedbackScoreBatchItem>;

export const ScoreBatchBody = z.object({
  scores: z.array(FeedbackScoreBatchItem).min(1, sizeBetween(1, 1000)).max(1000, sizeBetween(1, 1000)),
});

export const DeleteScoreBody = z.object({ name: NonBlank, author: z.string().nullish() });

const ValueByAuthor = z.looseObject({
  value: z.number(),
  reason: z.string().optional(),
  category_name: z.string().optional(),
  source: z.string().optional(),
  last_updated_at: z.string().optional(),
});

export const FeedbackScorePublic = z.looseObject({
  name: z.string(),
  value: z.number(),
  category_name: z.string().optional(),
  reason: z.string().optional(),
  source: z.string().optional(),
  created_at: z.string().optional(),
  last_updated_at: z.string().optional(),
  created_by: z.string().optional(),
  last_updated_by: z.string().optional(),
  value_by_author: z.record(z.string(), ValueByAuthor).optional(),
});
export type FeedbackScorePublic = z.infer<typeof FeedbackScorePublic>;

export const FeedbackScoreNames = z.looseObject({
  scores: z.array(z.looseObject({ name: z.string(), type: z.string().optional() })),
});
