import { env } from "@/lib/env";
import { notFound, readJson } from "./http";

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

/** The absolute URL of the request plus a path segment, as Opik's `Location` headers are built. */
export function locationOf(ctx: RequestContext, id: string): string {
  const base = ctx.url.origin + ctx.url.pathname.replace(/\/+$/, "");
  return `${base}/${id}`;
}
