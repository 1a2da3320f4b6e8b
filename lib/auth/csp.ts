/**
 * The Content-Security-Policy of every HTML page and the headers that go with it. Scripts run only
 * when they carry this request's nonce (Next adds it to its own, app/layout.tsx to theme-init.js);
 * 'strict-dynamic' lets those load their chunks. Nothing from another origin is fetched: remote image
 * URLs in spans are shown as links, base64 images (data:) are shown.
 */
export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code for its error overlays; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // <style> elements need the nonce; style="" attributes (virtualised rows, chart sizes) are allowed,
    // which lets CSS be positioned but never run code. The dev server injects un-nonced <style> tags.
    ...(dev
      ? ["style-src 'self' 'unsafe-inline'"]
      : [`style-src 'self' 'nonce-${nonce}'`, `style-src-elem 'self' 'nonce-${nonce}'`, "style-src-attr 'unsafe-inline'"]),
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A fresh, unguessable nonce per request (128 bits, base64). */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/** Headers for every response the proxy sees: pages, server actions, the embedded API, exports. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  // Not "no-referrer": that turns a same-origin POST's Origin into "null", which fails Next's
  // server-action origin check. Links out of a span still send nothing.
  "referrer-policy": "same-origin",
  "cross-origin-opener-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
};
