import path from "node:path";
import { z } from "zod";

/**
 * Every environment variable the server side reads, parsed once. A bad value stops start-up with a
 * message that names the variable, rather than surfacing later as a confusing runtime error.
 * HOST, PORT and SPANBOARD_COMPRESS are read before the server starts (scripts/listen.mjs).
 */
const flag = (fallback: boolean) =>
  z
    .enum(["1", "0", "true", "false", "on", "off", "yes", "no", ""])
    .optional()
    .transform((v) => (v === undefined || v === "" ? fallback : ["1", "true", "on", "yes"].includes(v)));

const EnvSchema = z.object({
  SPANBOARD_DB_PATH: z.string().min(1).optional(),
  SPANBOARD_SEED_DEMO: flag(true),
  SPANBOARD_DEMO_SPANS: z.coerce.number().int().min(0).max(1_000_000).default(3000),
  SPANBOARD_MAX_BODY_MB: z.coerce.number().positive().max(1024).default(64),
  // The embedded API's worker threads (lib/embedded/workers): readers (unset: cores − 1, at least 1; 0 = no
  // workers, everything inline on the main thread), and how long a request may take there.
  SPANBOARD_READ_WORKERS: z.coerce.number().int().min(0).max(64).optional(),
  SPANBOARD_API_TIMEOUT_S: z.coerce.number().positive().max(3600).default(120),
  // Identical GETs (pages, embedded API reads) answered from memory until the next commit
  // (lib/backend/http-cache.ts); 0 makes every request render and read afresh.
  SPANBOARD_RESPONSE_CACHE: flag(true),
  // When set, every embedded API request must carry it in `authorization` (as Opik Cloud's key).
  SPANBOARD_API_KEY: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim())),
  // When set, pages, server actions and the embedded API need it (lib/auth/README.md). Surrounding
  // blanks are dropped, as for the key, so a quoted value in a .env file does not lock everyone out.
  SPANBOARD_PASSWORD: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()))
    .refine((v) => v === undefined || v.length >= 8, "must be at least 8 characters (or unset to turn password protection off)"),
  // Signs session cookies together with the password; unset, a random one per process (sessions then
  // end when the server restarts).
  SPANBOARD_SESSION_SECRET: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()))
    .refine((v) => v === undefined || v.length >= 32, "must be at least 32 characters (e.g. `openssl rand -hex 32`)"),
});

export type Env = z.infer<typeof EnvSchema> & { dbPath: string };

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid Spanboard configuration:\n${lines.join("\n")}`);
  }
  // The database lives outside the build: keep the bundler from tracing the working directory.
  const dbPath = path.resolve(/*turbopackIgnore: true*/ parsed.data.SPANBOARD_DB_PATH ?? path.join(/*turbopackIgnore: true*/ process.cwd(), ".data", "spanboard.sqlite"));
  cached = { ...parsed.data, dbPath };
  return cached;
}

/** Scripts and tests that change the environment in-process (a new database file) start over. */
export function resetEnv(): void {
  cached = undefined;
}
