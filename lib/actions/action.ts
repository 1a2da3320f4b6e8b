import type { z } from "zod";
import { isOpikError, toOpikErrorInfo } from "@/lib/opik/errors";
import { ConfigError } from "@/lib/backend/gateway";
import { inputError, type ActionError, type ActionResult } from "./result";

/**
 * Wraps one server action: the input is re-parsed with `schema` (the browser can send anything), then
 * `fn` runs with the parsed value. Whatever `fn` throws becomes `{ ok: false, error }`; an OpikError
 * keeps Opik's message and kind (lib/opik/errors.ts).
 *
 * Use it from a "use server" module: `export const getSpan = action(GetSpanInput, async (input) => …)`.
 */
export function action<S extends z.ZodType, T>(schema: S, fn: (input: z.output<S>) => Promise<T>) {
  return async (input: z.input<S>): Promise<ActionResult<T>> => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) return { ok: false, error: inputError(parsed.error) };
    try {
      return { ok: true, data: await fn(parsed.data) };
    } catch (error) {
      return { ok: false, error: actionError(error) };
    }
  };
}

export function actionError(error: unknown): ActionError {
  if (error instanceof ConfigError) {
    const message = error.message;
    return { kind: "unavailable", status: 0, origin: "config", message, userMessage: `Spanboard's Opik configuration is invalid: ${message}` };
  }
  // Anything but an OpikError is a bug on our side: keep the details in the server log.
  if (!isOpikError(error)) console.error("server action failed unexpectedly", error);
  return { ...toOpikErrorInfo(error), origin: "opik" };
}
