import { authorize, createContext, type RequestContext } from "./context";
import { errorResponse, httpError, OpikHttpError } from "./http";
import { ROUTES } from "./routes";

export type Handler = (ctx: RequestContext) => Response | Promise<Response>;
export type Route = { method: string; path: string; handler: Handler };

type Compiled = { method: string; segments: string[]; handler: Handler };

// Static segments outrank parameters, so `/spans/batch` never reaches `/spans/:id`.
const compiled: Compiled[] = ROUTES.map((r) => ({ method: r.method, segments: r.path.split("/").filter(Boolean), handler: r.handler })).sort(
  (a, b) => a.segments.length - b.segments.length || specificity(b.segments) - specificity(a.segments),
);

function specificity(segments: string[]): number {
  return segments.reduce((n, s, i) => n + (s.startsWith(":") ? 0 : 2 ** (segments.length - i)), 0);
}

function match(segments: string[], parts: string[]): Record<string, string> | null {
  if (segments.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const part = parts[i]!;
    if (seg.startsWith(":")) params[seg.slice(1)] = decodePart(part);
    else if (seg !== part) return null;
  }
  return params;
}

/** A malformed escape (`%E0%A4%A`) stays as sent: the handler then rejects it as an unknown id. */
function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/**
 * Serves the embedded Opik API. `prefix` is the path the app mounts it under (`/api`), so
 * `/api/v1/private/spans` reaches the `/v1/private/spans` route.
 */
export async function handleOpikRequest(req: Request, prefix = "/api"): Promise<Response> {
  const url = new URL(req.url);
  const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
  const parts = path.split("/").filter(Boolean);
  try {
    // Before routing, so an unauthenticated caller cannot even learn which paths exist.
    authorize(req);
    let methodMismatch = false;
    for (const route of compiled) {
      const params = match(route.segments, parts);
      if (!params) continue;
      if (route.method !== req.method) {
        methodMismatch = true;
        continue;
      }
      return await route.handler(createContext(req, url, params));
    }
    if (methodMismatch) throw httpError(405, "HTTP 405 Method Not Allowed");
    throw httpError(404, "HTTP 404 Not Found");
  } catch (error) {
    if (error instanceof OpikHttpError) return errorResponse(error);
    console.error("embedded Opik server: unexpected error", req.method, url.pathname, error);
    return errorResponse(httpError(500, "There was an error processing your request"));
  }
}
