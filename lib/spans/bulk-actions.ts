"use server";

import { z } from "zod";
import { action, actionError } from "@/lib/actions/action";
import { Id, Text } from "@/lib/actions/fields";
import type { ActionError } from "@/lib/actions/result";
import { gateway } from "@/lib/backend/gateway";

/**
 * Actions on many spans at once (the table's bulk bar). Bulk scoring is `scoreSpans` in
 * feedback-actions.ts; this file adds tags and delete.
 */

const SpanRef = z.object({ id: Id, trace_id: Id, project_id: Id.optional() });
const Tags = z.array(Text(200)).max(100, "at most 100 tags");

const BulkTagsInput = z
  .object({ spans: z.array(SpanRef).min(1, "at least one span").max(5000, "at most 5000 spans"), add: Tags.default([]), remove: Tags.default([]) })
  .refine((i) => i.add.length + i.remove.length > 0, "Nothing to change: give tags to add or remove");
export type BulkTagsInput = z.input<typeof BulkTagsInput>;

/**
 * `PATCH /spans/batch` with `tags_to_add` / `tags_to_remove`. Opik's batch update needs a `trace_id`
 * that matches every span it touches (§2.5), so the spans go out grouped by trace (≤ 1000 ids each,
 * which the client splits).
 */
export const updateSpanTags = action(BulkTagsInput, async ({ spans, add, remove }) => {
  const client = gateway();
  const byTrace = new Map<string, { ids: string[]; project_id?: string }>();
  for (const s of spans) {
    const group = byTrace.get(s.trace_id) ?? { ids: [], project_id: s.project_id };
    group.ids.push(s.id);
    byTrace.set(s.trace_id, group);
  }
  for (const [trace_id, { ids, project_id }] of byTrace) {
    await client.updateSpans({
      ids,
      update: { trace_id, ...(project_id ? { project_id } : {}), ...(add.length ? { tags_to_add: add } : {}), ...(remove.length ? { tags_to_remove: remove } : {}) },
    });
  }
  return { updated: spans.length };
});

const BulkDeleteInput = z.object({ ids: z.array(Id).min(1, "at least one span").max(1000, "at most 1000 spans") });
export type BulkDeleteInput = z.input<typeof BulkDeleteInput>;

export type BulkDeleteResult = { deleted: string[]; failed: number; error?: ActionError };

/**
 * Deletes spans one by one (Opik has no batch delete). Real Opik answers 501 for every span; the
 * first such answer stops the loop and is returned, so the UI can say the server cannot delete.
 */
export const deleteSpansBulk = action(BulkDeleteInput, async ({ ids }): Promise<BulkDeleteResult> => {
  const client = gateway();
  const deleted: string[] = [];
  for (const [i, id] of ids.entries()) {
    try {
      await client.deleteSpan(id);
      deleted.push(id);
    } catch (e) {
      return { deleted, failed: ids.length - i, error: actionError(e) };
    }
  }
  return { deleted, failed: 0 };
});
