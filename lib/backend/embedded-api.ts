import { serveEmbedded } from "@/lib/embedded/workers/serve";
import { embeddedServerOff } from "./embedded-switch";

/**
 * The app's `/api/**`: the embedded Opik API, or, when the dashboard is configured for another Opik,
 * an Opik-shaped answer saying where the spans should go instead. Served by the route handler
 * (`app/api/[...path]/route.ts`) and, in production, by the server's direct path (direct-api.ts).
 */
export async function serveApi(req: Request): Promise<Response> {
  const off = embeddedServerOff(new URL(req.url));
  if (off) return Response.json({ code: off.status, message: off.message }, { status: off.status });
  return serveEmbedded(req, "/api");
}
