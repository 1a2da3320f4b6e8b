import { handleOpikRequest } from "@/lib/embedded/router";

// The embedded Opik-compatible API: every method under /api/** goes to one router, so unknown
// paths answer 404 in Opik's JSON shape rather than with an HTML page.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const handle = (req: Request) => handleOpikRequest(req, "/api");
export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
