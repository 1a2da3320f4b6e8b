import { z } from "zod";
import { NonBlank } from "./common";

export const CommentWrite = z.object({ text: NonBlank });

export const CommentPublic = z.looseObject({
  id: z.string(),
  text: z.string(),
  created_at: z.string().optional(),
  last_updated_at: z.string().optional(),
  created_by: z.string().optional(),
  last_updated_by: z.string().optional(),
});
export type CommentPublic = z.infer<typeof CommentPublic>;

export const CreateCommentResponse = z.looseObject({ id: z.string() });
