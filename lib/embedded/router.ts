import { authorize, createContext, type RequestContext } from "./context";
import { errorResponse, httpError, internalError, OpikHttpError } from "./http";
import { ROUTES } from "./routes";
import type { Handler, Stages } from "./stages";

export type Route = { method: string; path: string; handler: Handler; stages?: Stages<unknown> };

type Compiled = { method: string; segments: string[]; handler: Handler; stages?: Stages<unknown> };

// Static segments outrank parameters, so `/spans/batch` never reaches `/spans/:id`.
const compiled: Compiled[] = ROUTES.map((r) => ({ method: r.method, segments: r.path.split("/").filter(Boolean), handler: r.handler, stages: r.stages })).sort(
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

/** A request path's segments below the mount point; empty segments are ignored (`//spans/` is `/spans`). */
export function routeParts(pathname: string, prefix: string): string[] {
  const path = pathname.startsWith(prefix) ? pathname.slice(prefix.length) : pathname;
  return path.split("/").filter(Boolean);
}

function findRoute(method: string, parts: string[]): { route: Compiled; params: Record<string, string> } | "wrong method" | null {
  let methodMismatch = false;
  for (const route of compiled) {
    const params = match(route.segments, parts);
    if (!params) continue;
    if (route.method === method) return { route, params };
    methodMismatch = true;
  }
  return methodMismatch ? "wrong method" : null;
}

/** Whether a request's route has stages (`prefix` as in `handleOpikRequest`). */
export function isStaged(method: string, pathname: string, prefix = "/api"): boolean {
  const found = findRoute(method, routeParts(pathname, prefix));
  return typeof found === "object" && found !== null && found.route.stages !== undefined;
}

/** What a request asks of its route: the whole handler or only `prepare` (`commitOpikRequest` does the rest). */
export type Step = "handle" | "prepare";

/** A prepared request's answer: what `commit` takes (never sent to a client). */
export class Prepared {
  constructor(readonly value: unknown) {}
}

/**
 * Serves the embedded Opik API. `prefix` is the path the app mounts it under (`/api`), so
 * `/api/v1/private/spans` reaches the `/v1/private/spans` route.
 */
export async function handleOpikRequest(req: Request, prefix = "/api"): Promise<Response> {
  return (await routeOpikRequest(req, prefix, "handle")) as Response;
}

/**
 * Routes a request and runs the step asked of it. Authorisation, routing and the workspace check
 * run in every step, so a prepared request is checked again where it is committed. `prepare`
 * answers a `Prepared`, or an error response; a route without stages is just handled.
 */
export async function routeOpikRequest(req: Request, prefix: string, step: Step): Promise<Response | Prepared> {
  const url = new URL(req.url);
  try {
    const { route, ctx } = resolve(req, url, prefix);
    if (step === "prepare" && route.stages) return new Prepared(await route.stages.prepare(ctx));
    return await route.handler(ctx);
  } catch (error) {
    return failure(req, url, error);
  }
}

/**
 * The `commit` step of a prepared request, run to the end before it returns: the writer runs
 * several of them in one transaction (workers/commit-group.ts).
 */
export function commitOpikRequest(req: Request, prefix: string, prepared: unknown): Response {
  const url = new URL(req.url);
  try {
    const { route, ctx } = resolve(req, url, prefix);
    if (!route.stages) throw new Error(`${req.method} ${url.pathname} has no commit step`);
    return route.stages.commit(ctx, prepared);
  } catch (error) {
    return failure(req, url, error);
  }
}

function resolve(req: Request, url: URL, prefix: string): { route: Compiled; ctx: RequestContext } {
  // Before routing, so an unauthenticated caller cannot even learn which paths exist.
  authorize(req);
  const found = findRoute(req.method, routeParts(url.pathname, prefix));
  if (found === "wrong method") throw httpError(405, "HTTP 405 Method Not Allowed");
  if (!found) throw httpError(404, "HTTP 404 Not Found");
  return { route: found.route, ctx: createContext(req, url, found.params) };
}

function failure(req: Request, url: URL, error: unknown): Response {
  if (error instanceof OpikHttpError) return errorResponse(error);
  console.error("embedded Opik server: unexpected error", req.method, url.pathname, error);
  return internalError();
}
