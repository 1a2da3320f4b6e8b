import { z } from "zod";

export const OPERATORS = [
  "contains",
  "not_contains",
  "starts_with",
  "ends_with",
  "=",
  "!=",
  ">",
  ">=",
  "<",
  "<=",
  "is_empty",
  "is_not_empty",
  "in",
  "not_in",
] as const;
export type Operator = (typeof OPERATORS)[number];

/** One element of the `filters` JSON array. Extra properties (the Opik UI sends `type`) are ignored. */
export const Filter = z.looseObject({
  field: z.string(),
  operator: z.string(),
  key: z.string().nullish(),
  value: z.string(),
});
export type Filter = z.infer<typeof Filter>;

export const SortingField = z.looseObject({
  field: z.string(),
  direction: z.enum(["ASC", "DESC"]).nullish(),
});
export type SortingField = z.infer<typeof SortingField>;
