import { serveApi } from "@/lib/backend/embedded-api";

// The embedded Opik-compatible API: every method under /api/** goes to one router, so unknown
// paths answer 404 in Opik's JSON shape rather than with an HTML page. When the dashboard is
// configured for another Opik, this one is off and says where the spans should go instead. The
// SQLite work runs on worker threads (lib/embedded/workers), so it never stalls page rendering.
// In production most of these requests never reach this handler: scripts/serve.mjs answers them
// before Next's request pipeline (lib/backend/direct-api.ts).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export { serveApi as GET, serveApi as POST, serveApi as PUT, serveApi as PATCH, serveApi as DELETE };
