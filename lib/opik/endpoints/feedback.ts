import type { z } from "zod";
import { badResponse, type CallOptions, type Transport } from "../http";
import { CommentPublic, CreateCommentResponse } from "../schemas/comments";
import { FeedbackScoreNames, type FeedbackScoreBatchItem, type FeedbackScoreWrite } from "../schemas/scores";
import { validate } from "../http";
import { BATCH_LIMIT } from "./spans";

/** Feedback scores and comments on spans (opik-spans-api.md §9, §10). */
export type FeedbackScoreInput = z.input<typeof FeedbackScoreWrite>;
export type FeedbackScoreBatchInput = z.input<typeof FeedbackScoreBatchItem>;
export type FeedbackScoreNames = z.output<typeof FeedbackScoreNames>;
export type SpanComment = z.output<typeof CommentPublic>;

const P = "/v1/private/spans";
const id = (value: string) => encodeURIComponent(value);

export function feedbackEndpoints(t: Transport) {
  return {
    /** Upsert by (span, name, author); 404 when the span does not exist. */
    scoreSpan: async (spanId: string, score: FeedbackScoreInput, options?: CallOptions): Promise<void> => {
      const path = `${P}/${id(spanId)}/feedback-scores`;
      await t.send({ method: "PUT", path, endpoint: `PUT ${P}/{id}/feedback-scores`, body: score, options });
    },

    /** Without `author` every author's score of that name goes; always 204, even for unknown spans. */
    deleteSpanScore: async (spanId: string, body: { name: string; author?: string }, options?: CallOptions): Promise<void> => {
      const path = `${P}/${id(spanId)}/feedback-scores/delete`;
      await t.send({ method: "POST", path, endpoint: `POST ${P}/{id}/feedback-scores/delete`, body, options });
    },

    /** Scores land under the project named in each item, so send the span's own project (§10). */
    scoreSpans: async (scores: FeedbackScoreBatchInput[], options?: CallOptions): Promise<void> => {
      for (let i = 0; i < scores.length; i += BATCH_LIMIT) {
        const body = { scores: scores.slice(i, i + BATCH_LIMIT) };
        await t.send({ method: "PUT", path: `${P}/feedback-scores`, endpoint: `PUT ${P}/feedback-scores`, body, options });
      }
    },

    spanScoreNames: (params: { project_id: string; type?: string }, options?: CallOptions): Promise<FeedbackScoreNames> =>
      t.json(
        {
          method: "GET",
          path: `${P}/feedback-scores/names`,
          endpoint: `GET ${P}/feedback-scores/names`,
          query: params,
          idempotent: true,
          options,
        },
        FeedbackScoreNames,
      ),

    /** The new comment's id: recent servers send `{"id"}`, older ones only the `Location` header. */
    createSpanComment: async (spanId: string, text: string, options?: CallOptions): Promise<{ id: string }> => {
      const endpoint = `POST ${P}/{id}/comments`;
      const res = await t.send({ method: "POST", path: `${P}/${id(spanId)}/comments`, endpoint, body: { text }, options });
      if (res.text.trim() !== "") {
        let data: unknown;
        try {
          data = JSON.parse(res.text);
        } catch {
          throw badResponse(endpoint, "answered with a body that is not JSON", res.status);
        }
        return { id: validate(CreateCommentResponse, data, endpoint).id };
      }
      const fromLocation = res.headers.get("location")?.split("/").pop();
      if (!fromLocation) throw badResponse(endpoint, "answered without a comment id (no body, no Location header)", res.status);
      return { id: decodeURIComponent(fromLocation) };
    },

    getSpanComment: (spanId: string, commentId: string, options?: CallOptions): Promise<SpanComment> =>
      t.json(
        {
          method: "GET",
          path: `${P}/${id(spanId)}/comments/${id(commentId)}`,
          endpoint: `GET ${P}/{id}/comments/{commentId}`,
          idempotent: true,
          options,
        },
        CommentPublic,
      ),

    updateSpanComment: async (commentId: string, text: string, options?: CallOptions): Promise<void> => {
      const path = `${P}/comments/${id(commentId)}`;
      await t.send({ method: "PATCH", path, endpoint: `PATCH ${P}/comments/{commentId}`, body: { text }, options });
    },

    /** Unknown ids are ignored by Opik. */
    deleteSpanComments: async (ids: string[], options?: CallOptions): Promise<void> => {
      for (let i = 0; i < ids.length; i += BATCH_LIMIT) {
        const body = { ids: ids.slice(i, i + BATCH_LIMIT) };
        await t.send({ method: "POST", path: `${P}/comments/delete`, endpoint: `POST ${P}/comments/delete`, body, options });
      }
    },
  };
}
