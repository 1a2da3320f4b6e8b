import { z } from "zod";
import { Id } from "@/lib/actions/fields";

/** The payload fields of a span the detail view previews and loads whole on demand. */
export const PAYLOAD_FIELDS = ["input", "output", "metadata"] as const;
export type PayloadField = (typeof PAYLOAD_FIELDS)[number];

export const GetSpanPayloadInput = z.object({ id: Id, field: z.enum(PAYLOAD_FIELDS) });
export type GetSpanPayloadInput = z.input<typeof GetSpanPayloadInput>;
