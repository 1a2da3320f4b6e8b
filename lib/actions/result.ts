import type { z } from "zod";
import type { OpikErrorInfo } from "@/lib/opik/errors";

/**
 * What every server action returns. Expected failures (Opik said no, the input was wrong, the
 * configuration is broken) are values, never throws, so the browser always gets Opik's message and
 * a kind to branch on. This module is safe to import from client components.
 */
export type ActionError = OpikErrorInfo & {
  /** `input`: rejected before Opik was called; `config`: Spanboard's Opik settings are unusable. */
  origin: "opik" | "input" | "config";
  /** Per-field problems of an `input` error, e.g. `{ path: "filters.0.operator", message: … }`. */
  issues?: { path: string; message: string }[];
};

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** Thrown by `unwrap` so React Query sees a failed query or mutation; `info` is the action's error. */
export class ActionFailure extends Error {
  override readonly name = "ActionFailure";
  constructor(readonly info: ActionError) {
    super(info.userMessage);
  }
}

/** For React Query `queryFn`/`mutationFn`: the data, or an ActionFailure carrying the error. */
export async function unwrap<T>(result: ActionResult<T> | Promise<ActionResult<T>>): Promise<T> {
  const settled = await result;
  if (settled.ok) return settled.data;
  throw new ActionFailure(settled.error);
}

/** The error of a failed query or mutation, whatever threw it. */
export function errorInfo(error: unknown): ActionError | undefined {
  if (error instanceof ActionFailure) return error.info;
  if (error instanceof Error) return { kind: "server", status: 0, message: error.message, userMessage: error.message, origin: "opik" };
  return undefined;
}

/** The sentence to show a person for a failed query or mutation. */
export function errorMessage(error: unknown): string {
  return errorInfo(error)?.userMessage ?? String(error);
}

/** A zod failure on an action's input, as an error that names each field. */
export function inputError(error: z.ZodError): ActionError {
  const issues = error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(input)", message: readable(i.message) }));
  const message = issues.map((i) => (i.path === "(input)" ? i.message : `${i.path}: ${i.message}`)).join("; ");
  return { kind: "invalid", status: 0, origin: "input", message, userMessage: `Invalid input: ${message}.`, issues };
}

/** The wire contracts mark Jackson-style type failures with a `__type:` prefix; say it in words. */
function readable(message: string): string {
  if (message === "__type:java.util.UUID") return "must be a UUID";
  if (message === "__type:java.time.Instant") return "must be an ISO-8601 instant such as 2024-05-01T10:15:30Z";
  return message.startsWith("__type:") ? `must be a ${message.slice("__type:".length)}` : message;
}
