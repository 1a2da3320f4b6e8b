import fs from "node:fs";
import os from "node:os";
import { z } from "zod";

/**
 * Which Opik the dashboard talks to, read the way Opik's own SDKs read it (opik-spans-api.md §13):
 * OPIK_* environment variables win over the `[opik]` section of `~/.opik.config` (or OPIK_CONFIG_PATH).
 * Unlike the SDKs, no URL at all means the embedded server rather than Opik Cloud: a fresh clone must
 * work offline, and sending spans to comet.com should be a deliberate choice.
 */
export type OpikConfig = {
  mode: "embedded" | "remote";
  /** Ends in `/api` for the usual deployments; never has a trailing slash. */
  baseUrl: string;
  apiKey?: string;
  workspace: string;
  defaultProject: string;
};

export const DEFAULT_WORKSPACE = "default";
export const DEFAULT_PROJECT = "Default Project";
const DEFAULT_CONFIG_FILE = "~/.opik.config";

// An empty variable counts as unset; the SDK would let `OPIK_API_KEY=` blank out the file's key,
// which is never what someone meant.
const text = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

/** The OPIK_* part of the environment (lib/env.ts style: parsed once, with zod). */
const OpikEnvSchema = z.object({
  OPIK_URL_OVERRIDE: text,
  OPIK_API_KEY: text,
  OPIK_WORKSPACE: text,
  OPIK_PROJECT_NAME: text,
  OPIK_CONFIG_PATH: text,
  // The key the embedded server requires when it is exposed (lib/env.ts); its own dashboard sends it.
  SPANBOARD_API_KEY: text,
  // With only a password set, the embedded API takes the password as its key (lib/auth/README.md).
  SPANBOARD_PASSWORD: text,
  PORT: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return 3000;
      const port = Number(v);
      if (Number.isInteger(port) && port >= 1 && port <= 65535) return port;
      ctx.addIssue({ code: "custom", message: `PORT must be a TCP port number (1-65535), got "${v}". Fix or unset PORT.` });
      return z.NEVER;
    }),
});

type Setting = { value: string; from: string };
type FileSettings = Partial<Record<"url_override" | "api_key" | "workspace" | "project_name", Setting>>;

export type ConfigSources = { env?: Record<string, string | undefined>; homeDir?: string };

/** Resolves the configuration from explicit sources; `opikConfig()` is the cached process-wide one. */
export function resolveOpikConfig({ env = process.env, homeDir = os.homedir() }: ConfigSources = {}): OpikConfig {
  const parsed = OpikEnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid Opik configuration: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  const e = parsed.data;
  const file = readConfigFile(e.OPIK_CONFIG_PATH, homeDir);
  const pick = (envName: keyof typeof e, key: keyof FileSettings): Setting | undefined => {
    const fromEnv = e[envName];
    return typeof fromEnv === "string" ? { value: fromEnv, from: envName } : file[key];
  };

  const url = pick("OPIK_URL_OVERRIDE", "url_override");
  const defaultProject = pick("OPIK_PROJECT_NAME", "project_name")?.value ?? DEFAULT_PROJECT;
  if (!url) {
    // Our own server: its key if it requires one, and the workspace must be "default" (a local Opik
    // answers 404 to others).
    const baseUrl = `http://127.0.0.1:${e.PORT}/api`;
    const ownKey = e.SPANBOARD_API_KEY ?? e.SPANBOARD_PASSWORD;
    const key = ownKey ? { apiKey: ownKey } : {};
    return { mode: "embedded", baseUrl, ...key, workspace: DEFAULT_WORKSPACE, defaultProject };
  }
  const baseUrl = checkUrl(url);
  const apiKey = pick("OPIK_API_KEY", "api_key")?.value;
  const workspace = pick("OPIK_WORKSPACE", "workspace")?.value;
  if (new URL(baseUrl).hostname.endsWith("comet.com")) {
    // Same rule and wording as the SDK, plus where to put the value.
    const where = `(required for ${baseUrl}; set it in the environment or in the [opik] section of ${file.path ?? DEFAULT_CONFIG_FILE})`;
    if (!apiKey) throw new Error(`OPIK_API_KEY is not set ${where}`);
    if (!workspace) throw new Error(`OPIK_WORKSPACE is not set ${where}`);
  }
  return { mode: "remote", baseUrl, apiKey, workspace: workspace ?? DEFAULT_WORKSPACE, defaultProject };
}

function checkUrl({ value, from }: Setting): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new Error(
      `${from} must be an http(s) URL such as http://localhost:5173/api or https://www.comet.com/opik/api, got "${value}". ` +
        `Fix it, or remove it to use the embedded server.`,
    );
  }
  return url.href.replace(/\/+$/, "");
}

/**
 * The SDK's rules: OPIK_CONFIG_PATH (with `~` expanded) or `~/.opik.config`; a missing default file is
 * fine, a missing explicit one is an error. Unlike the SDK (which logs and carries on) an unreadable
 * file is an error too: silently falling back to the embedded server would show the wrong spans.
 */
function readConfigFile(explicit: string | undefined, homeDir: string): FileSettings & { path?: string } {
  const given = explicit ?? DEFAULT_CONFIG_FILE;
  const file = given.replace(/^~(?=$|\/|\\)/, homeDir);
  let content: string;
  try {
    content = fs.readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!explicit && code === "ENOENT") return {};
    const setting = explicit ? `OPIK_CONFIG_PATH ("${explicit}")` : `The Opik config file ${file}`;
    const fix = explicit ? "Point OPIK_CONFIG_PATH at a readable file or unset it" : "Fix its permissions or remove it";
    throw new Error(`${setting} cannot be read (${code ?? (error as Error).message}). ${fix}.`);
  }
  const section = parseIni(content)["opik"] ?? {};
  const out: FileSettings & { path?: string } = { path: file };
  for (const key of ["url_override", "api_key", "workspace", "project_name"] as const) {
    const value = section[key]?.trim();
    if (value) out[key] = { value, from: `${key} in ${file}` };
  }
  return out;
}

/**
 * A small INI reader with the semantics of the `ini` package the SDK uses, for the four string keys we
 * need: `[section]` headers, `key = value`, `;`/`#` comment lines, a `;` or `#` ending an unquoted
 * value unless backslash-escaped, and quoted values unquoted. (`ini` is only a transitive dependency of
 * the dev-only `opik` package, so the server bundle must not rely on it.)
 */
export function parseIni(content: string): Record<string, Record<string, string>> {
  const sections: Record<string, Record<string, string>> = {};
  let current: Record<string, string> | undefined;
  for (const raw of content.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith(";") || line.startsWith("#")) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      current = sections[header[1]!.trim()] ??= {};
      continue;
    }
    const eq = line.indexOf("=");
    if (!current || eq <= 0) continue;
    current[line.slice(0, eq).trim()] = unquote(line.slice(eq + 1).trim());
  }
  return sections;
}

function unquote(value: string): string {
  if (value.length >= 2 && value[0] === value.at(-1) && (value[0] === '"' || value[0] === "'")) {
    if (value[0] === "'") return value.slice(1, -1);
    try {
      return String(JSON.parse(value));
    } catch {
      return value.slice(1, -1);
    }
  }
  let out = "";
  let escaped = false;
  for (const ch of value) {
    if (escaped) {
      out += ";#\\".includes(ch) ? ch : `\\${ch}`;
      escaped = false;
    } else if (ch === ";" || ch === "#") break;
    else if (ch === "\\") escaped = true;
    else out += ch;
  }
  return (escaped ? `${out}\\` : out).trim();
}

let cached: OpikConfig | undefined;

/** The process-wide configuration, resolved on first use; throws with a fix-it message when invalid. */
export function opikConfig(): OpikConfig {
  return (cached ??= resolveOpikConfig());
}

/** Tests and scripts that change OPIK_* in-process start over. */
export function resetOpikConfig(): void {
  cached = undefined;
}

