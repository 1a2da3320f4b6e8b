import { OpikErrorBody } from "./schemas/common";

/**
 * Every failure of the Opik client is an OpikError: the UI branches on `kind`, shows `userMessage`,
 * and `message` stays Opik's own words so nothing the server said is lost.
 */
export type OpikErrorKind =
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "invalid"
  | "rate_limited"
  | "server"
  | "unavailable"
  | "timeout"
  | "not_supported"
  | "bad_response"
  | "cancelled";

export type OpikErrorInit = {
  kind: OpikErrorKind;
  /** HTTP status, or 0 when no response arrived (network error, timeout, cancel). */
  status: number;
  message: string;
  /** `GET /v1/private/spans/{id}` — which call failed. */
  endpoint?: string;
  retryAfterMs?: number;
  cause?: unknown;
};

/** The plain, serialisable form a server action hands to the browser. */
export type OpikErrorInfo = {
  kind: OpikErrorKind;
  status: number;
  message: string;
  userMessage: string;
  endpoint?: string;
  retryAfterMs?: number;
};

export class OpikError extends Error {
  override readonly name = "OpikError";
  readonly kind: OpikErrorKind;
  readonly status: number;
  readonly endpoint?: string;
  readonly retryAfterMs?: number;

  constructor(init: OpikErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.endpoint = init.endpoint;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** A sentence for a person, naming what to check where that helps. */
  get userMessage(): string {
    return userMessage(this);
  }

  toJSON(): OpikErrorInfo {
    return {
      kind: this.kind,
      status: this.status,
      message: this.message,
      userMessage: this.userMessage,
      ...(this.endpoint === undefined ? {} : { endpoint: this.endpoint }),
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
    };
  }
}

export function isOpikError(error: unknown): error is OpikError {
  return error instanceof OpikError;
}

/** The HTTP statuses a retry can help with (the call must also be idempotent). */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

export function kindForStatus(status: number): OpikErrorKind {
  if (status === 401) return "unauthorized";
  if (status === 402 || status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 405 || status === 501) return "not_supported";
  if (status === 409) return "conflict";
  if (status === 429) return "rate_limited";
  if (status === 502 || status === 503 || status === 504) return "unavailable";
  if (status >= 500) return "server";
  return "invalid";
}

/**
 * Opik's own message from either error shape (§1.3): `{code,message,details}` gives "message: details",
 * `{errors:[…]}` the entries joined. Undefined when the body is not one of them (an HTML proxy page).
 */
export function opikMessageFromBody(text: string): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const body = OpikErrorBody.safeParse(json);
  if (!body.success) return undefined;
  const data = body.data as { errors?: string[]; message?: string; details?: string };
  if (data.errors) return data.errors.join("; ") || undefined;
  const { message, details } = data;
  return details && details !== message ? `${message}: ${details}` : message;
}

/** Milliseconds from a `Retry-After` header: delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Builds the error for a non-2xx answer. `fallback` replaces an empty or foreign body's message. */
export function errorFromResponse(
  res: { status: number; statusText: string; headers: Headers },
  text: string,
  endpoint: string,
  fallback?: string,
): OpikError {
  const own = opikMessageFromBody(text);
  const plain = text.trim();
  const shortPlain = plain && plain.length <= 200 && !plain.startsWith("<") ? plain : undefined;
  const message = fallback ?? own ?? shortPlain ?? `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`;
  return new OpikError({
    kind: kindForStatus(res.status),
    status: res.status,
    message,
    endpoint,
    retryAfterMs: parseRetryAfter(res.headers.get("retry-after")),
  });
}

function userMessage(e: OpikError): string {
  const code = e.status ? ` (${e.status})` : "";
  // Opik's messages sometimes end in punctuation already ("User not allowed to access workspace!").
  const m = /[.!?]$/.test(e.message) ? e.message : `${e.message}.`;
  switch (e.kind) {
    case "unauthorized":
      return `Opik rejected the API key${code}: ${m} Check OPIK_API_KEY or api_key in ~/.opik.config.`;
    case "forbidden":
      return `Opik refused the request${code}: ${m} Check that the API key may use this workspace (OPIK_WORKSPACE).`;
    case "not_found":
      return `Not found in Opik${code}: ${m}`;
    case "conflict":
      return `Opik reported a conflict${code}: ${m}`;
    case "invalid":
      return `Opik rejected the request${code}: ${m}`;
    case "rate_limited": {
      const wait = e.retryAfterMs === undefined ? "" : ` Try again in ${Math.max(1, Math.ceil(e.retryAfterMs / 1000))} s.`;
      return `Opik is limiting the request rate${code}: ${m}${wait}`;
    }
    case "server":
      return `Opik failed with an internal error${code}: ${m}`;
    case "unavailable":
      return `Opik is unreachable${code}: ${m} Check that the server is running and OPIK_URL_OVERRIDE is right.`;
    case "timeout":
      return `Opik did not answer in time: ${m}`;
    case "not_supported":
      return `Not supported by this Opik server${code}: ${m}`;
    case "bad_response":
      return `Opik sent an answer Spanboard cannot read: ${m}`;
    case "cancelled":
      return "The request was cancelled.";
  }
}

/** Any thrown value → the serialisable error info (non-Opik errors become "server"). */
export function toOpikErrorInfo(error: unknown): OpikErrorInfo {
  if (isOpikError(error)) return error.toJSON();
  const message = error instanceof Error ? error.message : String(error);
  return new OpikError({ kind: "server", status: 0, message }).toJSON();
}
