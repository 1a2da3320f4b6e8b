"use server";

import { action } from "@/lib/actions/action";
import { gateway } from "@/lib/backend/gateway";
import type { SpanPublic } from "@/lib/opik/client";
import { previewPayload, type PayloadPreview } from "@/lib/span-detail/payload-preview";
import { GetSpanInput } from "./inputs";
import { GetSpanPayloadInput, PAYLOAD_FIELDS, type PayloadField } from "./span-view-inputs";

/**
 * The span as the detail view shows it: every field, but input, output and metadata bigger than
 * 256 KB of JSON replaced by a structural preview (lib/span-detail/payload-preview.ts), with
 * `payload_previews` saying what was cut. A 5 MB input then costs the browser ~50 KB until someone
 * asks for the rest (`getSpanPayload`). Same shape as `getSpan` otherwise, so the optimistic edits
 * of lib/spans/optimistic.ts apply to it unchanged.
 */
export type SpanView = SpanPublic & { payload_previews?: Partial<Record<PayloadField, PayloadPreview>> };

export const getSpanView = action(GetSpanInput, async ({ id, ...params }): Promise<SpanView> => {
  const span: SpanView = { ...(await gateway().getSpan(id, params)) };
  for (const field of PAYLOAD_FIELDS) {
    const { value, preview } = previewPayload(span[field]);
    if (!preview) continue;
    span[field] = value;
    span.payload_previews = { ...span.payload_previews, [field]: preview };
  }
  return span;
});

/**
 * One payload field of a span, whole, as its JSON text: the browser parses one string, which is far
 * cheaper than React's flight decoding of a 5 MB object graph. `null` when the span has no value there.
 */
export const getSpanPayload = action(GetSpanPayloadInput, async ({ id, field }): Promise<string | null> => {
  const value = (await gateway().getSpan(id))[field];
  return value === undefined ? null : JSON.stringify(value);
});
