import { z } from "zod";
import { Id, Page, pageSize } from "@/lib/actions/fields";

export const PROJECT_SORTABLE = ["name", "last_updated_at", "created_at", "last_updated_trace_at"] as const;

export const ListProjectsInput = z.object({
  /** Partial, case-insensitive name match; blank means all. */
  name: z.string().trim().max(300, "must be at most 300 characters").optional(),
  page: Page,
  size: pageSize(25, 100),
  sorting: z
    .array(z.object({ field: z.enum(PROJECT_SORTABLE), direction: z.enum(["ASC", "DESC"]).default("DESC") }))
    .max(1, "Opik sorts by one field")
    .optional(),
});
export type ListProjectsInput = z.input<typeof ListProjectsInput>;

export const GetProjectInput = z.object({ id: Id });
export type GetProjectInput = z.input<typeof GetProjectInput>;
