import { embeddedServerOff } from "@/lib/backend/embedded-switch";
import { serveEmbedded } from "@/lib/embedded/workers/serve";

// The embedded Opik-compatible API: every method under /api/** goes to one router, so unknown
// paths answer 404 in Opik's JSON shape rather than with an HTML page. When the dashboard is
// configured for another Opik, this one is off and says where the spans should go instead. The
// SQLite work runs on worker threads (lib/embedded/workers), so it never stalls page rendering.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function handle(req: Request): Promise<Response> {
  const off = embeddedServerOff(new URL(req.url));
  if (off) return Response.json({ code: off.status, message: off.message }, { status: off.status });
  return serveEmbedded(req, "/api");
}
export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
