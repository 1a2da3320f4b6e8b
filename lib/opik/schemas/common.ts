import { z } from "zod";
import { parseInstant } from "../instant";

/**
 * Request validation mirrors Opik's Jackson + bean-validation stack. A refinement whose message
 * starts with TYPE_ERROR marks a value Jackson could not deserialise (answered 400, not 422).
 */
export const TYPE_ERROR = "__type:";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const Uuid = z.string().refine((s) => UUID_RE.test(s), { message: `${TYPE_ERROR}java.util.UUID` });
export const Instant = z.string().refine((s) => parseInstant(s) !== null, { message: `${TYPE_ERROR}java.time.Instant` });
export const NonBlank = z.string().refine((s) => s.trim() !== "", { message: "must not be blank" });
export const JsonValue = z.unknown().optional();

export const sizeBetween = (min: number, max: number) => `size must be between ${min} and ${max}`;

export const SPAN_TYPES = ["general", "tool", "llm", "guardrail"] as const;
export const SOURCES = ["sdk", "experiment", "playground", "optimization"] as const;
export const SCORE_SOURCES = ["ui", "sdk", "online_scoring"] as const;

/** Span types are case-insensitive on the wire; an unknown one means "no type" (Opik's fromString). */
export const SpanTypeWrite = z
  .string()
  .nullish()
  .transform((t) => {
    const lower = t?.toLowerCase();
    return (SPAN_TYPES as readonly string[]).includes(lower ?? "") ? (lower as (typeof SPAN_TYPES)[number]) : null;
  });

export const ErrorInfo = z.object({
  exception_type: NonBlank,
  message: z.string().nullish(),
  traceback: NonBlank,
});
export type ErrorInfo = z.infer<typeof ErrorInfo>;

/** Usage maps token counters to integers; null entries are dropped as Opik does. */
export const Usage = z
  .record(z.string(), z.number().nullable())
  .transform((u) => Object.fromEntries(Object.entries(u).filter(([, v]) => v !== null).map(([k, v]) => [k, Math.trunc(v!)])));

/** `{"code","message"}` or `{"errors":[…]}`. */
export const OpikErrorBody = z.union([
  z.looseObject({ code: z.number(), message: z.string(), details: z.string().optional() }),
  z.looseObject({ errors: z.array(z.string()) }),
]);
export type OpikErrorBody = z.infer<typeof OpikErrorBody>;

export const BatchDeleteBody = z.object({
  ids: z.array(Uuid).min(1, sizeBetween(1, 1000)).max(1000, sizeBetween(1, 1000)),
});
