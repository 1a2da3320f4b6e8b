import { queryOptions } from "@tanstack/react-query";
import { unwrap } from "@/lib/actions/result";
import { spanKeys } from "./queries";
import { getSpanPayload, getSpanView } from "./span-view-actions";
import type { PayloadField } from "./span-view-inputs";

/**
 * The detail view's span (big payloads previewed). It sits under `spanKeys.detail(id)` — the key the
 * optimistic score/comment/tag edits and their invalidations address — and is the only reader of
 * that key in the app, so the copy there is always this shape.
 */
export const spanViewQuery = (id: string) => queryOptions({ queryKey: spanKeys.detail(id), queryFn: () => unwrap(getSpanView({ id })) });

export type FullPayload = { value: unknown; text: string };

/**
 * One payload field whole, loaded when someone asks for it. Outside `spanKeys.detail(id)` on
 * purpose: a comment or a score must not refetch 5 MB. Payloads do not change under the viewer.
 */
export const spanPayloadQuery = (id: string, field: PayloadField) =>
  queryOptions({
    queryKey: [...spanKeys.all, "payload", id, field] as const,
    queryFn: async (): Promise<FullPayload> => {
      const text = (await unwrap(getSpanPayload({ id, field }))) ?? "null";
      return { value: JSON.parse(text) as unknown, text };
    },
    staleTime: Infinity,
  });
