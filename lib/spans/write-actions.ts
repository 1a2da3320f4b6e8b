"use server";

import { action } from "@/lib/actions/action";
import { gateway } from "@/lib/backend/gateway";
import { CreateSpanInput, CreateSpansInput, DeleteSpanInput, UpdateSpanInput } from "./inputs";

/** Span writes: create (one, or an import of many), rename/retag/re-describe, delete. */

export const createSpan = action(CreateSpanInput, async (span) => gateway().createSpan(span));

/** An import: Opik takes up to 1000 spans per request, which the client enforces by splitting. */
export const createSpans = action(CreateSpansInput, async ({ spans }) => {
  await gateway().createSpans(spans);
  return { created: spans.length };
});

/**
 * Changes name, tags and/or metadata. Opik's PATCH needs the span's trace, parent and project and
 * creates a partial span when the id is unknown, so the span is read first: an unknown id is a clean
 * 404 and the identity fields always match (§2.6).
 */
export const updateSpan = action(UpdateSpanInput, async ({ id, ...changes }) => {
  const client = gateway();
  const span = await client.getSpan(id);
  await client.updateSpan(id, {
    trace_id: span.trace_id,
    parent_span_id: span.parent_span_id ?? null,
    project_id: span.project_id,
    ...changes,
  });
  return { id };
});

/** Real Opik answers 501 (kind `not_supported`); the embedded server deletes. */
export const deleteSpan = action(DeleteSpanInput, async ({ id }) => {
  await gateway().deleteSpan(id);
  return { id };
});
