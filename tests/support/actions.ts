import assert from "node:assert/strict";
import type { ActionError, ActionResult } from "@/lib/actions/result";
import { resetOpik } from "@/lib/opik/client";

/** Points the process-wide Opik client (what every server action uses) at `apiUrl`. */
export function useOpik(apiUrl: string, extra: Record<string, string | undefined> = {}): void {
  for (const [key, value] of Object.entries({ OPIK_URL_OVERRIDE: apiUrl, OPIK_API_KEY: undefined, OPIK_WORKSPACE: undefined, ...extra })) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetOpik();
}

/** The data of a successful action result; fails the test with the error otherwise. */
export function ok<T>(result: ActionResult<T>): T {
  if (!result.ok) assert.fail(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.data;
}

/** The error of a failed action result; fails the test if it succeeded. */
export function failed<T>(result: ActionResult<T>): ActionError {
  if (result.ok) assert.fail(`expected a failure, got ${JSON.stringify(result.data).slice(0, 300)}`);
  return result.error;
}
