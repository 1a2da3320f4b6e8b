/**
 * Runs once when the server starts: an empty embedded database gets the demo project, so a fresh
 * clone opens on real-looking data. Skipped when SPANBOARD_SEED_DEMO=0.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  if (!env().SPANBOARD_SEED_DEMO) return;
  const [{ db }, { seedDemoIfEmpty }] = await Promise.all([import("@/lib/embedded/db"), import("@/lib/embedded/seed")]);
  seedDemoIfEmpty(db());
}
