"use server";

import { action } from "@/lib/actions/action";
import { gateway } from "@/lib/backend/gateway";
import type { SpanComment } from "@/lib/opik/client";
import {
  AddCommentInput,
  BatchScoreInput,
  DeleteCommentsInput,
  DeleteScoreInput,
  GetCommentInput,
  ScoreSpanInput,
  UpdateCommentInput,
} from "./inputs";

/** Scores and comments on spans. Scores written here are the UI's: `source: "ui"`. */

/** Adds the score, or replaces this user's score of that name. */
export const scoreSpan = action(ScoreSpanInput, async ({ span_id, ...score }) => {
  await gateway().scoreSpan(span_id, { ...score, source: "ui" });
  return { span_id, name: score.name };
});

export const deleteSpanScore = action(DeleteScoreInput, async ({ span_id, name }) => {
  await gateway().deleteSpanScore(span_id, { name });
  return { span_id, name };
});

/** Many spans at once; each score goes to its span's project, as Opik files them there (§10). */
export const scoreSpans = action(BatchScoreInput, async ({ scores }) => {
  await gateway().scoreSpans(scores.map(({ span_id, ...s }) => ({ ...s, id: span_id, source: "ui" as const })));
  return { scored: scores.length };
});

export const addSpanComment = action(AddCommentInput, async ({ span_id, text }) => gateway().createSpanComment(span_id, text));

export const getSpanComment = action(GetCommentInput, async ({ span_id, comment_id }): Promise<SpanComment> =>
  gateway().getSpanComment(span_id, comment_id),
);

export const updateSpanComment = action(UpdateCommentInput, async ({ comment_id, text }) => {
  await gateway().updateSpanComment(comment_id, text);
  return { id: comment_id };
});

/** Unknown ids are ignored, as Opik does. `span_id` only tells the caches which span changed. */
export const deleteSpanComments = action(DeleteCommentsInput, async ({ ids }) => {
  await gateway().deleteSpanComments(ids);
  return { deleted: ids.length };
});
