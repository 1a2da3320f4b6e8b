import type { QueryClient, QueryKey } from "@tanstack/react-query";
import type { SpanComment, SpanPage, SpanPublic } from "@/lib/opik/client";
import type { TraceWithSpans } from "./actions";
import { spanKeys } from "./queries";

/**
 * Optimistic edits of the cached copies of spans: a span can sit in its detail query, in any page of
 * any table and in a trace tree at the same time, and all of them should change together — then go
 * back exactly as they were if Opik says no.
 */
export type Snapshot = readonly (readonly [QueryKey, unknown])[];
type Edit = (span: SpanPublic) => SpanPublic;

/** Applies `edit` to every cached span `which` selects; returns what to restore on failure. */
export async function editCachedSpans(client: QueryClient, which: (span: SpanPublic) => boolean, edit: Edit, ids: string[] = []): Promise<Snapshot> {
  const details = ids.map((id) => spanKeys.detail(id));
  // A refetch already in flight would land after the edit and overwrite it with the old value.
  await Promise.all([
    client.cancelQueries({ queryKey: spanKeys.lists() }),
    client.cancelQueries({ queryKey: spanKeys.traces() }),
    ...details.map((queryKey) => client.cancelQueries({ queryKey, exact: true })),
  ]);
  const snapshot: (readonly [QueryKey, unknown])[] = [
    ...client.getQueriesData({ queryKey: spanKeys.lists() }),
    ...client.getQueriesData({ queryKey: spanKeys.traces() }),
    ...details.map((key) => [key, client.getQueryData(key)] as const),
  ];
  const apply = (span: SpanPublic) => (which(span) ? edit(span) : span);
  client.setQueriesData<SpanPage>({ queryKey: spanKeys.lists() }, (page) => page && { ...page, content: page.content.map(apply) });
  client.setQueriesData<TraceWithSpans>({ queryKey: spanKeys.traces() }, (t) => t && { ...t, spans: t.spans.map(apply) });
  for (const key of details) client.setQueryData<SpanPublic>(key, (span) => span && apply(span));
  return snapshot;
}

export function restore(client: QueryClient, snapshot: Snapshot | undefined): void {
  for (const [key, data] of snapshot ?? []) client.setQueryData(key, data);
}

export const bySpanId = (ids: string[]) => {
  const set = new Set(ids);
  return (span: SpanPublic) => set.has(span.id);
};

type ScoreEdit = { name: string; value: number; reason?: string | null; category_name?: string | null };

export function withScore(span: SpanPublic, score: ScoreEdit): SpanPublic {
  const others = (span.feedback_scores ?? []).filter((s) => s.name !== score.name);
  const now = new Date().toISOString();
  const added = {
    name: score.name,
    value: score.value,
    source: "ui",
    last_updated_at: now,
    ...(score.reason ? { reason: score.reason } : {}),
    ...(score.category_name ? { category_name: score.category_name } : {}),
  };
  return { ...span, feedback_scores: [...others, added] };
}

export function withoutScore(span: SpanPublic, name: string): SpanPublic {
  const rest = (span.feedback_scores ?? []).filter((s) => s.name !== name);
  const { feedback_scores: _dropped, ...others } = span;
  return rest.length > 0 ? { ...others, feedback_scores: rest } : others;
}

export function withComment(span: SpanPublic, comment: SpanComment): SpanPublic {
  return { ...span, comments: [...(span.comments ?? []), comment] };
}

export function withCommentText(span: SpanPublic, commentId: string, text: string): SpanPublic {
  const now = new Date().toISOString();
  return { ...span, comments: span.comments?.map((c) => (c.id === commentId ? { ...c, text, last_updated_at: now } : c)) };
}

export function withCommentId(span: SpanPublic, from: string, to: string): SpanPublic {
  return { ...span, comments: span.comments?.map((c) => (c.id === from ? { ...c, id: to } : c)) };
}

export function withoutComments(span: SpanPublic, ids: string[]): SpanPublic {
  if (!span.comments) return span;
  const rest = span.comments.filter((c) => !ids.includes(c.id));
  const { comments: _dropped, ...others } = span;
  return rest.length > 0 ? { ...others, comments: rest } : others;
}
