import { mutationOptions, useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { errorMessage, unwrap } from "@/lib/actions/result";
import { projectKeys } from "@/lib/projects/queries";
import { notify } from "@/lib/ui/notices";
import { deleteSpanScore, scoreSpan, scoreSpans } from "./feedback-actions";
import type { BatchScoreInput, CreateSpansInput, DeleteScoreInput, DeleteSpanInput, ScoreSpanInput, UpdateSpanInput } from "./inputs";
import { bySpanId, editCachedSpans, restore, withScore, withoutScore, type Snapshot } from "./optimistic";
import { spanKeys } from "./queries";
import { createSpans, deleteSpan, updateSpan } from "./write-actions";

/**
 * Span mutations. Each is an options factory (usable with a bare QueryClient: tests, scripts) and a
 * hook. Scores change the cached spans at once and roll back with a notice if Opik refuses; the other
 * writes wait for Opik, then invalidate by key prefix. Comment mutations: comment-mutations.ts.
 */
type Context = { snapshot: Snapshot };

/** What a change to a span's scores makes stale: its copies, the stats, the score-name lists. */
export function afterScoreChange(client: QueryClient, spanIds: string[]) {
  return Promise.all([
    client.invalidateQueries({ queryKey: spanKeys.lists() }),
    client.invalidateQueries({ queryKey: spanKeys.traces() }),
    client.invalidateQueries({ queryKey: spanKeys.stats() }),
    client.invalidateQueries({ queryKey: spanKeys.scoreNames() }),
    ...spanIds.map((id) => client.invalidateQueries({ queryKey: spanKeys.detail(id), exact: true })),
  ]);
}

export const scoreSpanMutation = (client: QueryClient) =>
  mutationOptions({
    mutationKey: [...spanKeys.all, "score"],
    mutationFn: (input: ScoreSpanInput) => unwrap(scoreSpan(input)),
    onMutate: async (input): Promise<Context> => ({
      snapshot: await editCachedSpans(client, bySpanId([input.span_id]), (s) => withScore(s, input), [input.span_id]),
    }),
    onError: (error, input, context) => {
      restore(client, context?.snapshot);
      notify(`The score "${input.name}" was not saved: ${errorMessage(error)}`);
    },
    onSettled: (_data, _error, input) => afterScoreChange(client, [input.span_id]),
  });

export const deleteScoreMutation = (client: QueryClient) =>
  mutationOptions({
    mutationKey: [...spanKeys.all, "delete-score"],
    mutationFn: (input: DeleteScoreInput) => unwrap(deleteSpanScore(input)),
    onMutate: async (input): Promise<Context> => ({
      snapshot: await editCachedSpans(client, bySpanId([input.span_id]), (s) => withoutScore(s, input.name), [input.span_id]),
    }),
    onError: (error, input, context) => {
      restore(client, context?.snapshot);
      notify(`The score "${input.name}" was not removed: ${errorMessage(error)}`);
    },
    onSettled: (_data, _error, input) => afterScoreChange(client, [input.span_id]),
  });

/** The same score(s) on many spans (bulk annotation). */
export const scoreSpansMutation = (client: QueryClient) =>
  mutationOptions({
    mutationKey: [...spanKeys.all, "score-batch"],
    mutationFn: (input: BatchScoreInput) => unwrap(scoreSpans(input)),
    onMutate: async ({ scores }): Promise<Context> => {
      const ids = [...new Set(scores.map((s) => s.span_id))];
      const edit = (span: Parameters<typeof withScore>[0]) =>
        scores.filter((s) => s.span_id === span.id).reduce((acc, score) => withScore(acc, score), span);
      return { snapshot: await editCachedSpans(client, bySpanId(ids), edit, ids) };
    },
    onError: (error, { scores }, context) => {
      restore(client, context?.snapshot);
      notify(`${scores.length === 1 ? "The score was" : `${scores.length} scores were`} not saved: ${errorMessage(error)}`);
    },
    onSettled: (_data, _error, { scores }) => afterScoreChange(client, [...new Set(scores.map((s) => s.span_id))]),
  });

export const updateSpanMutation = (client: QueryClient) =>
  mutationOptions({
    mutationKey: [...spanKeys.all, "update"],
    mutationFn: (input: UpdateSpanInput) => unwrap(updateSpan(input)),
    onSuccess: (_data, input) =>
      Promise.all([
        client.invalidateQueries({ queryKey: spanKeys.detail(input.id), exact: true }),
        client.invalidateQueries({ queryKey: spanKeys.lists() }),
        client.invalidateQueries({ queryKey: spanKeys.traces() }),
        client.invalidateQueries({ queryKey: spanKeys.stats() }),
      ]),
  });

export const deleteSpanMutation = (client: QueryClient) =>
  mutationOptions({
    mutationKey: [...spanKeys.all, "delete"],
    mutationFn: (input: DeleteSpanInput) => unwrap(deleteSpan(input)),
    onError: (error) => notify(`The span was not deleted: ${errorMessage(error)}`),
    onSuccess: (_data, input) => {
      client.removeQueries({ queryKey: spanKeys.detail(input.id) });
      return Promise.all([
        client.invalidateQueries({ queryKey: spanKeys.lists() }),
        client.invalidateQueries({ queryKey: spanKeys.traces() }),
        client.invalidateQueries({ queryKey: spanKeys.stats() }),
      ]);
    },
  });

/** An import: new spans can land in any project, and may create projects. */
export const createSpansMutation = (client: QueryClient) =>
  mutationOptions({
    mutationKey: [...spanKeys.all, "create-batch"],
    mutationFn: (input: CreateSpansInput) => unwrap(createSpans(input)),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: spanKeys.all }), client.invalidateQueries({ queryKey: projectKeys.all })]),
  });

export const useScoreSpan = () => useMutation(scoreSpanMutation(useQueryClient()));
export const useDeleteScore = () => useMutation(deleteScoreMutation(useQueryClient()));
export const useScoreSpans = () => useMutation(scoreSpansMutation(useQueryClient()));
export const useUpdateSpan = () => useMutation(updateSpanMutation(useQueryClient()));
export const useDeleteSpan = () => useMutation(deleteSpanMutation(useQueryClient()));
export const useCreateSpans = () => useMutation(createSpansMutation(useQueryClient()));
