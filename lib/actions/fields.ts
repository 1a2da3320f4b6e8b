import { z } from "zod";
import { parseInstant } from "@/lib/opik/instant";

/** Input building blocks shared by every feature's action schemas, with messages meant for people. */
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const Id = z.string().trim().regex(UUID_RE, "must be a UUID");

export const Instant = z
  .string()
  .trim()
  .refine((s) => parseInstant(s) !== null, "must be an ISO-8601 instant such as 2024-05-01T10:15:30Z");

export const Page = z.number().int().min(1, "must be 1 or more").max(1_000_000).default(1);
export const pageSize = (fallback: number, max: number) =>
  z.number().int().min(1, "must be 1 or more").max(max, `must be at most ${max}`).default(fallback);

/** A non-blank, bounded text: trimmed, so "  " is as blank as "". */
export const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "must not be blank")
    .max(max, `must be at most ${max} characters`);

export const ProjectName = Text(300);
