import { opik, type OpikClient } from "@/lib/opik/client";
import { opikConfig, type OpikConfig } from "@/lib/opik/config";
import { inProcessFetch } from "./in-process-fetch";

/**
 * The dashboard's way to the Opik client. Building the client reads the configuration, which throws
 * a plain Error naming the bad setting (lib/opik/config.ts); here that becomes a ConfigError so the
 * actions and pages can tell "your settings are wrong" from a failure of Opik itself.
 */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

export function gateway(): OpikClient {
  try {
    return opik(inProcessFetch);
  } catch (error) {
    throw asConfigError(error);
  }
}

/** The configuration, or a ConfigError. */
export function backendConfig(): OpikConfig {
  try {
    return opikConfig();
  } catch (error) {
    throw asConfigError(error);
  }
}

function asConfigError(error: unknown): ConfigError {
  return error instanceof ConfigError ? error : new ConfigError(error instanceof Error ? error.message : String(error));
}

/** A URL safe to show: user name and password (if someone put them in the URL) are masked. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = "***";
      u.password = "";
    }
    return u.href.replace(/\/+$/, "");
  } catch {
    return url;
  }
}

/** Masks credentials in any URL inside a message (error texts repeat the base URL). */
export function redactUrls(text: string): string {
  return text.replace(/(https?:\/\/)[^/\s@]+@/g, "$1***@");
}
