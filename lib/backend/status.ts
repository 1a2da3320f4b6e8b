import { cache } from "react";
import type { OpikErrorInfo } from "@/lib/opik/errors";
import { backendConfig, ConfigError, displayUrl, gateway, redactUrls } from "./gateway";

/**
 * Which Opik the dashboard talks to and whether it answers: what the header shows on every page and
 * what decides between the page and the setup screen. Plain data, safe to hand to the browser: the
 * API key is never part of it.
 */
export type BackendTarget = {
  mode: "embedded" | "remote";
  /** The base URL tried, credentials masked. */
  url: string;
  /** `host[:port]` for the header. */
  host: string;
  workspace: string;
  /** Whether a key is configured; the key itself never leaves the server. */
  apiKeySet: boolean;
};

export type BackendStatus =
  | { state: "config_error"; message: string }
  | ({ state: "reachable"; latencyMs: number; checkedAt: string } & BackendTarget)
  | ({ state: "unreachable"; latencyMs: number; checkedAt: string; error: OpikErrorInfo } & BackendTarget);

/** Keep the header snappy when a remote host swallows packets instead of refusing them. */
export const PING_TIMEOUT_MS = 3000;

/**
 * Every page render asks, and a ping is one more loopback request on the server's rendering thread
 * per page. A "reachable" answer is reused for a few seconds (a failure is never reused, so recovery shows at
 * once; an Opik that dies meanwhile shows as the page's own data error).
 */
const REACHABLE_REUSE_MS = 5_000;
let lastReachable: { key: string; at: number; status: BackendStatus } | null = null;

/** A fresh ping (the header's re-check); page renders use `requestBackendStatus`. */
export async function backendStatus(reuse = false): Promise<BackendStatus> {
  let client;
  let apiKeySet: boolean;
  try {
    apiKeySet = Boolean(backendConfig().apiKey);
    client = gateway();
  } catch (error) {
    if (error instanceof ConfigError) return { state: "config_error", message: redactUrls(error.message) };
    throw error;
  }
  const { mode, baseUrl, workspace } = client.config;
  const target: BackendTarget = { mode, url: displayUrl(baseUrl), host: hostOf(baseUrl), workspace, apiKeySet };
  const key = JSON.stringify(target);
  if (reuse && lastReachable?.key === key && Date.now() - lastReachable.at < REACHABLE_REUSE_MS) return lastReachable.status;
  const ping = await client.ping({ timeoutMs: PING_TIMEOUT_MS });
  const checkedAt = new Date().toISOString();
  if (ping.ok) {
    const status: BackendStatus = { state: "reachable", latencyMs: ping.latencyMs, checkedAt, ...target };
    lastReachable = { key, at: Date.now(), status };
    return status;
  }
  lastReachable = null;
  const error = ping.error.toJSON();
  return {
    state: "unreachable",
    latencyMs: ping.latencyMs,
    checkedAt,
    ...target,
    error: { ...error, message: redactUrls(error.message), userMessage: redactUrls(error.userMessage) },
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Once per server request: the layout and the setup page share one ping. */
export const requestBackendStatus = cache(() => backendStatus(true));
