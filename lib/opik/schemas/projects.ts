import { z } from "zod";
import { NonBlank } from "./common";

export const ProjectWrite = z.object({
  name: NonBlank,
  description: z.string().nullish(),
  visibility: z.enum(["private", "public"]).nullish(),
});

export const RetrieveProjectBody = z.object({ name: NonBlank });

export const ProjectPublic = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  visibility: z.string().optional(),
  created_at: z.string().optional(),
  created_by: z.string().optional(),
  last_updated_at: z.string().optional(),
  last_updated_by: z.string().optional(),
  last_updated_trace_at: z.string().optional(),
});
export type ProjectPublic = z.infer<typeof ProjectPublic>;

export const ProjectPage = z.looseObject({
  page: z.number(),
  size: z.number(),
  total: z.number(),
  content: z.array(ProjectPublic),
  sortable_by: z.array(z.string()).optional(),
});
export type ProjectPage = z.infer<typeof ProjectPage>;
