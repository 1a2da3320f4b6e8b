import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { httpError, notFound, readJson } from "./http";

export const DEFAULT_WORKSPACE = "default";
export const DEFAULT_USER = "admin";
export const DEFAULT_PROJECT = "Default Project";

/** What a handler knows about the request it serves. */
export type RequestContext = {
  req: Request;
  url: URL;
  params: Record<string, string>;
  query: URLSearchParams;
  user: string;
  workspace: string;
  body: () => Promise<unknown>;
};

export function createContext(req: Request, url: URL, params: Record<string, string>): RequestContext {
  // Like a local Opik with auth disabled: the only workspace is "default", the user is "admin".
  const workspace = req.headers.get("comet-workspace") || url.searchParams.get("workspace_name") || DEFAULT_WORKSPACE;
  if (workspace !== DEFAULT_WORKSPACE) throw notFound("Workspace not found");
  let parsed: Promise<unknown> | undefined;
  return {
    req,
    url,
    params,
    query: url.searchParams,
    user: DEFAULT_USER,
    workspace,
    body: () => (parsed ??= readJson(req, env().SPANBOARD_MAX_BODY_MB * 1024 * 1024)),
  };
}

/**
 * SPANBOARD_API_KEY, when set, guards every embedded API request the way Opik Cloud guards its API:
 * the raw key in `authorization` (a `Bearer ` prefix is tolerated, as generic HTTP clients add one).
 * Messages and status as Opik's RemoteAuthService / ReactServiceErrorResponse.
 */
export function authorize(req: Request): void {
  // With only SPANBOARD_PASSWORD set, the password is the key: one secret opens the pages and the SDK.
  const expected = env().SPANBOARD_API_KEY ?? env().SPANBOARD_PASSWORD;
  if (expected === undefined) return;
  const given = req.headers.get("authorization")?.trim() ?? "";
  if (given === "") throw httpError(401, "API key should be provided");
  const bearer = /^bearer\s+/i.test(given) ? given.replace(/^bearer\s+/i, "") : "";
  // Both comparisons always run, so the answer time says nothing about which form was sent.
  const raw = sameSecret(given, expected);
  const prefixed = sameSecret(bearer, expected);
  if (!raw && !prefixed) throw httpError(401, "User not allowed to access workspace!");
}

/** Constant-time comparison; hashing first makes the lengths equal, so the length does not leak either. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * The absolute URL of the request plus a path segment, as Opik's `Location` headers are built.
 * The Host header is what the client dialled; behind Next, `req.url` names the server's own host.
 */
export function locationOf(ctx: RequestContext, id: string): string {
  const host = ctx.req.headers.get("host") ?? ctx.url.host;
  const proto = ctx.req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || ctx.url.protocol.replace(":", "");
  return `${proto}://${host}${ctx.url.pathname.replace(/\/+$/, "")}/${id}`;
}
