import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { contentSecurityPolicy, newNonce, SECURITY_HEADERS } from "./csp";
import { decodablePath, MALFORMED_PATH_MESSAGE } from "./malformed-path";
import { safeNextPath } from "./redirect";
import { SESSION_COOKIE, sessionKey, verifySession } from "./session";

/**
 * What proxy.ts does with every request it sees (README.md in this folder):
 * - always: security headers; pages also get a per-request nonce and the CSP that requires it;
 * - with SPANBOARD_PASSWORD set: a request without a valid session cookie is sent to the login page (a
 *   page) or answered 401 (a server action, any other write). Sign-in and sign-out are ./login.ts.
 *   The embedded API (/api/**) checks its own key (lib/embedded/context.ts: the password unless
 *   SPANBOARD_API_KEY is set), so SDKs keep working; /healthz stays open for readiness probes.
 */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";
// Always reachable: readiness probes, the embedded API (it checks its own key), and the sign-in and
// sign-out posts (app/login/submit, app/logout: route handlers, where Next has filled in the client's
// address for the brute-force brake — the proxy never sees it).
const OPEN_JSON = new Set(["/api", "/healthz", "/login/submit", "/logout"]);
export const UNAUTHENTICATED = { code: 401, message: "Sign in first: this Spanboard is password protected" };

export function gate(request: NextRequest): Response {
  const { pathname } = request.nextUrl;
  if (!decodablePath(pathname)) return malformedPath(pathname);
  if (OPEN_JSON.has(pathname) || pathname.startsWith("/api/")) return secured(NextResponse.next(), API_CSP);

  const { SPANBOARD_PASSWORD: password, SPANBOARD_SESSION_SECRET: secret } = env();
  if (password !== undefined) {
    const key = sessionKey(password, secret);
    const isAction = request.headers.has("next-action");
    const isRead = request.method === "GET" || request.method === "HEAD";
    const signedIn = verifySession(key, request.cookies.get(SESSION_COOKIE)?.value);
    if (pathname === "/login" && signedIn && isRead) return secured(seeOther(request, safeNextPath(request.nextUrl.searchParams.get("next")), 307), API_CSP);
    if (pathname !== "/login" && !signedIn) {
      const next = safeNextPath(`${pathname}${request.nextUrl.search}`);
      const login = next === "/" ? "/login" : `/login?${new URLSearchParams({ next })}`;
      if (isAction || !isRead) {
        const refused = NextResponse.json(UNAUTHENTICATED, { status: 401 });
        // A server action posts to the page it runs on; Next's client follows this header, so a
        // session that ran out mid-page leads to the sign-in page, and back, instead of an error.
        if (isAction) refused.headers.set("x-action-redirect", `${login};replace`);
        return secured(refused, API_CSP);
      }
      return secured(seeOther(request, login, 307), API_CSP);
    }
  }
  return page(request);
}

/** Lets the page render with a fresh nonce: Next reads it from the request's CSP header. */
function page(request: NextRequest): Response {
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  return secured(NextResponse.next({ request: { headers } }), csp);
}

function secured(response: Response, csp: string): Response {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  response.headers.set("content-security-policy", csp);
  return response;
}

/** `path` is always a same-site path here (safeNextPath or a literal), so the redirect stays on this host. */
function seeOther(request: NextRequest, path: string, status = 303): Response {
  const response = NextResponse.redirect(new URL(path, request.nextUrl.origin), status);
  response.headers.set("cache-control", "no-store");
  return response;
}

/** Says what is wrong with an undecodable path: Opik's error shape for the API, a short page for everything else. */
function malformedPath(pathname: string): Response {
  const message = MALFORMED_PATH_MESSAGE;
  if (pathname === "/api" || pathname.startsWith("/api/")) return secured(NextResponse.json({ code: 400, message }, { status: 400 }), API_CSP);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad address · Spanboard</title></head><body><h1>Bad address</h1><p>${message}.</p><p><a href="/">Back to the projects</a></p></body></html>`;
  return secured(new Response(html, { status: 400, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } }), API_CSP);
}
