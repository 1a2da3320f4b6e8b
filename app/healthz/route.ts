// Liveness for process managers and the e2e runner: answers without touching Opik or the database.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
