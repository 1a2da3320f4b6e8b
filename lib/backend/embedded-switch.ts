import { isLoopbackHost } from "@/lib/opik/loopback";
import { backendConfig, displayUrl, redactUrls } from "./gateway";

/**
 * Whether this process should serve the embedded Opik API. It does unless the configuration sends the
 * dashboard to another Opik: then two servers would accept spans and the dashboard would show only
 * one of them, so the embedded one refuses, saying where the spans should go instead.
 */
export type EmbeddedOff = { status: number; message: string };

export function embeddedServerOff(requestUrl: URL): EmbeddedOff | null {
  let config;
  try {
    config = backendConfig();
  } catch (error) {
    const reason = redactUrls(error instanceof Error ? error.message : String(error));
    return { status: 503, message: `The embedded Opik server is off: Spanboard's Opik configuration is invalid. ${reason}` };
  }
  if (config.mode === "embedded" || pointsAtSelf(config.baseUrl, requestUrl)) return null;
  return {
    status: 404,
    message:
      `The embedded Opik server is off: OPIK_URL_OVERRIDE points Spanboard at ${displayUrl(config.baseUrl)}. ` +
      `Send requests there, or unset OPIK_URL_OVERRIDE (and url_override in ~/.opik.config) to use the embedded server.`,
  };
}

/**
 * `OPIK_URL_OVERRIDE=http://localhost:3000/api` exported for the SDK (as the README suggests) and then
 * `npm start` in the same shell must not switch the server off under itself.
 */
function pointsAtSelf(baseUrl: string, requestUrl: URL): boolean {
  let target: URL;
  try {
    target = new URL(baseUrl);
  } catch {
    return false;
  }
  if (target.pathname.replace(/\/+$/, "") !== "/api" || target.protocol !== requestUrl.protocol) return false;
  const port = (u: URL) => u.port || (u.protocol === "https:" ? "443" : "80");
  if (port(target) !== port(requestUrl)) return false;
  return target.hostname === requestUrl.hostname || (isLoopbackHost(target.hostname) && isLoopbackHost(requestUrl.hostname));
}
