/**
 * Runs once when the server starts: an empty embedded database gets the demo project, so a fresh
 * clone opens on real-looking data. Skipped when SPANBOARD_SEED_DEMO=0, and when the configuration
 * points at another Opik (the embedded server is off then; its database is never opened). A broken
 * configuration does not stop the server: the dashboard shows a page naming the setting to fix.
 * The seed runs here, on the main thread and before the API's worker threads start, so it never
 * competes with them for the write lock; the workers start right after, warm for the first request.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ env }, { opikConfig }] = await Promise.all([import("@/lib/env"), import("@/lib/opik/config")]);
  try {
    if (opikConfig().mode !== "embedded") return;
  } catch (error) {
    if (env().SPANBOARD_SEED_DEMO) console.warn(`Spanboard: not seeding demo data, the Opik configuration is invalid: ${(error as Error).message}`);
    return;
  }
  const [{ db, closeDb }, { seedDemoIfEmpty }, { embeddedPool }] = await Promise.all([
    import("@/lib/embedded/db"),
    import("@/lib/embedded/seed"),
    import("@/lib/embedded/workers/serve"),
  ]);
  if (env().SPANBOARD_SEED_DEMO) {
    seedDemoIfEmpty(db());
    // The API route has its own connection (inline) or none at all (workers): this one is done.
    closeDb();
  }
  embeddedPool();
}
