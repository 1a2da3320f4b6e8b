import type { z } from "zod";
import type { Filter } from "./schemas/filters";

export type FilterInput = z.input<typeof Filter>;

/**
 * Opik URL-decodes filter values a second time for every field type except STRING, STRING_EXACT,
 * STRING_LIST and ENUM — on GET query params and on the search body alike (`FiltersFactory.
 * toValidAndDecoded`, opik-spans-api.md §6.3). Left alone, a metadata value "a+b" arrives as "a b" and
 * "100%" as a 400. Escaping `%` and `+` makes that second decode give back exactly what was meant.
 */
const NOT_DECODED = new Set(["id", "name", "input", "output", "model", "provider", "error_type", "trace_id", "type", "environment"]);

function decodedByServer(filter: FilterInput): boolean {
  if (filter.operator === "is_empty" || filter.operator === "is_not_empty") return false;
  // A bare custom key `input`/`output` is the STRING field; one with a path is a JSON dictionary.
  if (filter.field === "custom") return !["input", "output"].includes((filter.key ?? "").trim());
  return !NOT_DECODED.has(filter.field);
}

export function encodeFilterValues<F extends FilterInput>(filters: readonly F[] | null | undefined): F[] | undefined {
  if (!filters) return undefined;
  return filters.map((f) => (decodedByServer(f) ? { ...f, value: f.value.replace(/%/g, "%25").replace(/\+/g, "%2B") } : f));
}
