import { mutationOptions, useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { errorMessage, unwrap } from "@/lib/actions/result";
import { notify } from "@/lib/ui/notices";
import { addSpanComment, deleteSpanComments, updateSpanComment } from "./feedback-actions";
import type { AddCommentInput, DeleteCommentsInput, UpdateCommentInput } from "./inputs";
import { bySpanId, editCachedSpans, restore, withComment, withCommentId, withCommentText, withoutComments, type Snapshot } from "./optimistic";
import { spanKeys } from "./queries";

/**
 * Comment mutations: the comment appears (changes, disappears) in every cached copy of the span at
 * once; if Opik refuses, the copies go back and a notice says why.
 */
type Context = { snapshot: Snapshot; pendingId?: string };

let pending = 0;
/** Marks a comment not yet confirmed by Opik; the UI may render it dimmed. */
export const PENDING_COMMENT_PREFIX = "pending-";

function afterCommentChange(client: QueryClient, spanId: string | undefined) {
  return Promise.all([
    client.invalidateQueries({ queryKey: spanKeys.lists() }),
    client.invalidateQueries({ queryKey: spanKeys.traces() }),
    spanId ? client.invalidateQueries({ queryKey: spanKeys.detail(spanId) }) : client.invalidateQueries({ queryKey: spanKeys.details() }),
  ]);
}

export const addCommentMutation = (client: QueryClient) =>
  mutationOptions({
    mutationKey: [...spanKeys.all, "add-comment"],
    mutationFn: (input: AddCommentInput) => unwrap(addSpanComment(input)),
    onMutate: async (input): Promise<Context> => {
      const pendingId = `${PENDING_COMMENT_PREFIX}${++pending}`;
      const now = new Date().toISOString();
      const comment = { id: pendingId, text: input.text.trim(), created_at: now, last_updated_at: now };
      const snapshot = await editCachedSpans(client, bySpanId([input.span_id]), (s) => withComment(s, comment), [input.span_id]);
      return { snapshot, pendingId };
    },
    onSuccess: async ({ id }, input, context) => {
      // Swap in the real id at once, so the comment can be edited before the refetch lands.
      if (context?.pendingId) await editCachedSpans(client, bySpanId([input.span_id]), (s) => withCommentId(s, context.pendingId!, id), [input.span_id]);
    },
    onError: (error, _input, context) => {
      restore(client, context?.snapshot);
      notify(`Your comment was not saved: ${errorMessage(error)}`);
    },
    onSettled: (_data, _error, input) => afterCommentChange(client, input.span_id),
  });

export const updateCommentMutation = (client: QueryClient) =>
  mutationOptions({
    mutationKey: [...spanKeys.all, "update-comment"],
    mutationFn: (input: UpdateCommentInput) => unwrap(updateSpanComment(input)),
    onMutate: async (input): Promise<Context> => ({
      snapshot: await editCachedSpans(client, bySpanId([input.span_id]), (s) => withCommentText(s, input.comment_id, input.text.trim()), [input.span_id]),
    }),
    onError: (error, _input, context) => {
      restore(client, context?.snapshot);
      notify(`Your comment was not updated: ${errorMessage(error)}`);
    },
    onSettled: (_data, _error, input) =>
      Promise.all([afterCommentChange(client, input.span_id), client.invalidateQueries({ queryKey: spanKeys.comment(input.span_id, input.comment_id) })]),
  });

export const deleteCommentsMutation = (client: QueryClient) =>
  mutationOptions({
    mutationKey: [...spanKeys.all, "delete-comments"],
    mutationFn: (input: DeleteCommentsInput) => unwrap(deleteSpanComments(input)),
    onMutate: async (input): Promise<Context> => {
      const which = input.span_id ? bySpanId([input.span_id]) : () => true;
      return { snapshot: await editCachedSpans(client, which, (s) => withoutComments(s, input.ids), input.span_id ? [input.span_id] : []) };
    },
    onError: (error, input, context) => {
      restore(client, context?.snapshot);
      notify(`${input.ids.length === 1 ? "The comment was" : `${input.ids.length} comments were`} not deleted: ${errorMessage(error)}`);
    },
    onSettled: (_data, _error, input) => afterCommentChange(client, input.span_id),
  });

export const useAddComment = () => useMutation(addCommentMutation(useQueryClient()));
export const useUpdateComment = () => useMutation(updateCommentMutation(useQueryClient()));
export const useDeleteComments = () => useMutation(deleteCommentsMutation(useQueryClient()));
