import { env } from "@/lib/env";
import { clientAddress, loginBrake } from "./brake";
import { loginNotice } from "./login-notice";
import { safeNextPath } from "./redirect";
import { SESSION_COOKIE, SESSION_TTL_SECONDS, sameSecret, sessionKey, signSession } from "./session";

/**
 * POST /login/submit and POST /logout (plain form posts; app/login/submit/route.ts, app/logout/route.ts).
 * Route handlers rather than the proxy: only here has Next filled in X-Forwarded-For with the client's
 * socket address (when no proxy in front sent one), which the brute-force brake keys on.
 */
const MAX_LOGIN_BODY = 16 * 1024;

export async function handleLogin(request: Request): Promise<Response> {
  const password = env().SPANBOARD_PASSWORD;
  if (password === undefined) return seeOther("/");
  if (!sameOrigin(request)) return Response.json({ code: 403, message: "Cross-site sign-in refused" }, { status: 403 });
  if (Number(request.headers.get("content-length") ?? 0) > MAX_LOGIN_BODY) return Response.json({ code: 413, message: "Request too large" }, { status: 413 });
  const form = await request.formData().catch(() => null);
  const given = form?.get("password");
  const rawNext = form?.get("next");
  const next = safeNextPath(typeof rawNext === "string" ? rawNext : null);
  const brake = loginBrake();
  const client = clientAddress(request.headers);
  if (brake.retryAfterMs(client) > 0) return tooMany(next, brake.retryAfterMs(client));
  if (typeof given === "string" && sameSecret(given, password)) {
    brake.succeeded(client);
    const response = seeOther(next);
    response.headers.append("set-cookie", sessionCookie(request, signSession(sessionKey(password, env().SPANBOARD_SESSION_SECRET)), SESSION_TTL_SECONDS));
    return response;
  }
  brake.failed(client);
  const wait = brake.retryAfterMs(client);
  if (wait > 0) return tooMany(next, wait);
  return seeOther(`/login?${new URLSearchParams({ error: "wrong", ...(next === "/" ? {} : { next }) })}`);
}

export function handleLogout(request: Request): Response {
  if (!sameOrigin(request)) return Response.json({ code: 403, message: "Cross-site sign-out refused" }, { status: 403 });
  const response = seeOther("/login?signedOut=1");
  response.headers.append("set-cookie", sessionCookie(request, "", 0));
  return response;
}

/** A relative Location: right behind any reverse proxy, whatever host name the server believes it has. */
function seeOther(path: string): Response {
  return new Response(null, { status: 303, headers: { location: path, "cache-control": "no-store" } });
}

/** A form post from another site (login CSRF, forced logout) is refused; browsers always send Origin on POST. */
function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** 429 with Retry-After and a small page saying how long to wait (no script, no style: nothing for the CSP to allow). */
function tooMany(next: string, waitMs: number): Response {
  const seconds = Math.ceil(waitMs / 1000);
  const back = next === "/" ? "/login" : `/login?${new URLSearchParams({ next })}`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Too many attempts · Spanboard</title></head>
<body><main><h1>Too many wrong passwords</h1><p role="alert">${escapeHtml(loginNotice("locked", String(seconds))!.text)}</p>
<p><a href="${escapeHtml(back)}">Back to sign in</a></p></main></body></html>`;
  return new Response(html, { status: 429, headers: { "content-type": "text/html; charset=utf-8", "retry-after": String(seconds), "cache-control": "no-store" } });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function sessionCookie(request: Request, value: string, maxAge: number): string {
  const https = new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
  return `${SESSION_COOKIE}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${https ? "; Secure" : ""}`;
}
