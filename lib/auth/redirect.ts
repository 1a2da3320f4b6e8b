/**
 * Where to go after signing in: only a path on this site. Anything that could leave it — `//host`,
 * `/\host`, `https:…`, `javascript:…`, control characters — becomes "/", so the login page cannot be
 * used as an open redirect.
 */
export function safeNextPath(raw: string | null | undefined): string {
  if (!raw || raw.length > 2048 || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return "/";
  // Browsers strip tabs and newlines from URLs and treat `\` as `/`: check what they would see.
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return "/";
  const base = "http://spanboard.invalid";
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return "/";
  }
  if (url.origin !== base) return "/";
  // Never back to the login page or an action endpoint.
  if (url.pathname === "/login" || url.pathname === "/logout") return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
