import type { z } from "zod";
import { OpikError, RETRYABLE_STATUSES, errorFromResponse } from "./errors";
import { isLoopbackHost } from "./loopback";

/**
 * The transport under every client method: base URL, auth headers, one deadline per call, cancellation,
 * retries for idempotent reads, and the mapping of every failure to an OpikError.
 */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type QueryValue = string | number | boolean | null | undefined | readonly unknown[] | object;

/** Per-call options every client method accepts last. */
export type CallOptions = { signal?: AbortSignal; timeoutMs?: number };

export type TransportOptions = {
  baseUrl: string;
  apiKey?: string;
  workspace?: string;
  /** Deadline for a whole call, retries included; for streams, the longest silence allowed. */
  timeoutMs?: number;
  /** Attempts for idempotent reads (1 = no retry). Writes are always sent once. */
  maxAttempts?: number;
  /** First backoff step; doubles per attempt, with jitter. */
  retryBaseMs?: number;
  /** A Retry-After longer than this is not waited for: the call fails with `retryAfterMs` set. */
  maxRetryAfterMs?: number;
  fetch?: typeof fetch;
};

export type Call = {
  method: Method;
  /** Already URL-encoded path below the base URL, e.g. `/v1/private/spans/0191…`. */
  path: string;
  /** Label for messages, e.g. `GET /v1/private/spans/{id}`. */
  endpoint: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Safe to send twice (reads, and the search stream): only these are retried. */
  idempotent?: boolean;
  /** Defaults to JSON; the search stream is `application/octet-stream` and Jersey answers 406 to a mismatch. */
  accept?: string;
  /** Replaces Opik's message for a status, e.g. 501 on DELETE span. */
  statusMessages?: Partial<Record<number, string>>;
  maxAttempts?: number;
  options?: CallOptions;
};

export type Answer = { status: number; headers: Headers; text: string };
export type OpenStream = { body: ReadableStream<Uint8Array>; deadline: Deadline };

export class Transport {
  readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly headers: Record<string, string>;

  constructor(opts: TransportOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, "");
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.maxAttempts = Math.max(1, opts.maxAttempts ?? 3);
    this.retryBaseMs = opts.retryBaseMs ?? 200;
    this.maxRetryAfterMs = opts.maxRetryAfterMs ?? 10_000;
    this.fetchImpl = opts.fetch ?? globalThis.fetch;
    // Opik Cloud wants the raw key, no "Bearer " (§1.1).
    this.headers = { accept: "application/json" };
    if (opts.apiKey) this.headers["authorization"] = opts.apiKey;
    if (opts.workspace) this.headers["Comet-Workspace"] = opts.workspace;
    // fetch asks for gzip by default; over loopback that only costs CPU at both ends (~7% of a page render).
    if (URL.canParse(this.baseUrl) && isLoopbackHost(new URL(this.baseUrl).hostname)) this.headers["accept-encoding"] = "identity";
  }

  /** Sends a call and reads the whole answer; non-2xx becomes an OpikError. */
  async send(call: Call): Promise<Answer> {
    const deadline = this.deadline(call);
    try {
      return await this.attempts(call, deadline, async (res) => ({ status: res.status, headers: res.headers, text: await res.text() }));
    } finally {
      deadline.dispose();
    }
  }

  /** Sends a call and validates its JSON answer with a wire contract. */
  async json<S extends z.ZodType>(call: Call, schema: S): Promise<z.output<S>> {
    const { status, text } = await this.send(call);
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw badResponse(call.endpoint, `answered ${status} with a body that is not JSON: ${snippet(text)}`, status);
    }
    return validate(schema, data, call.endpoint);
  }

  /**
   * Opens a streaming answer: retried (when idempotent) until a 2xx arrives, then the body is the
   * caller's. The deadline turns into an idle timer the reader restarts on every chunk.
   */
  async open(call: Call): Promise<OpenStream> {
    const deadline = this.deadline(call);
    try {
      const body = await this.attempts(call, deadline, async (res) => res.body ?? new Response("").body!);
      return { body, deadline };
    } catch (error) {
      deadline.dispose();
      throw error;
    }
  }

  private deadline(call: Call): Deadline {
    return new Deadline(call.options?.timeoutMs ?? this.timeoutMs, call.options?.signal);
  }

  private async attempts<T>(call: Call, deadline: Deadline, read: (res: Response) => Promise<T>): Promise<T> {
    const max = call.idempotent ? (call.maxAttempts ?? this.maxAttempts) : 1;
    for (let attempt = 1; ; attempt++) {
      let failure: OpikError;
      try {
        const res = await this.fetchImpl(this.url(call), {
          method: call.method,
          headers: {
            ...this.headers,
            ...(call.accept ? { accept: call.accept } : {}),
            ...(call.body === undefined ? {} : { "content-type": "application/json" }),
          },
          body: call.body === undefined ? undefined : JSON.stringify(call.body),
          signal: deadline.signal,
        });
        if (res.ok) return await read(res);
        const text = await res.text();
        failure = errorFromResponse(res, text, call.endpoint, call.statusMessages?.[res.status]);
      } catch (error) {
        failure = deadline.failure(error, call.endpoint, this.baseUrl);
      }
      const retryable = failure.kind !== "timeout" && failure.kind !== "cancelled" && (failure.status === 0 || RETRYABLE_STATUSES.has(failure.status));
      if (attempt >= max || !retryable) throw failure;
      if (failure.retryAfterMs !== undefined && failure.retryAfterMs > this.maxRetryAfterMs) throw failure;
      const backoff = this.retryBaseMs * 2 ** (attempt - 1);
      // Honour Retry-After exactly; otherwise "equal jitter" so retrying clients spread out.
      const delay = failure.retryAfterMs ?? backoff / 2 + Math.random() * (backoff / 2);
      if (delay >= deadline.remaining()) throw failure;
      try {
        await deadline.sleep(delay);
      } catch (error) {
        throw deadline.failure(error, call.endpoint, this.baseUrl);
      }
    }
  }

  private url(call: Call): string {
    const url = `${this.baseUrl}${call.path}`;
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(call.query ?? {})) {
      if (value === undefined || value === null) continue;
      search.set(key, typeof value === "object" ? JSON.stringify(value) : String(value));
    }
    const qs = search.toString();
    return qs ? `${url}?${qs}` : url;
  }
}

/** One call's clock: an overall (or, for streams, idle) timeout merged with the caller's signal. */
export class Deadline {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private expiresAt = 0;
  private timedOut = false;
  private readonly onAbort = () => this.controller.abort(this.user?.reason);

  constructor(
    readonly ms: number,
    private readonly user?: AbortSignal,
  ) {
    if (user?.aborted) this.controller.abort(user.reason);
    else user?.addEventListener("abort", this.onAbort, { once: true });
    this.restart();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  restart(): void {
    clearTimeout(this.timer);
    if (this.controller.signal.aborted) return;
    this.expiresAt = Date.now() + this.ms;
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new Error("timeout"));
    }, this.ms);
  }

  /** Stops the clock while nobody waits on the network (a stream consumer busy with a span). */
  pause(): void {
    clearTimeout(this.timer);
  }

  remaining(): number {
    return this.expiresAt - Date.now();
  }

  sleep(ms: number): Promise<void> {
    const signal = this.signal;
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const done = () => {
        clearTimeout(t);
        reject(signal.reason);
      };
      const t = setTimeout(() => {
        signal.removeEventListener("abort", done);
        resolve();
      }, ms);
      signal.addEventListener("abort", done, { once: true });
    });
  }

  /** Maps whatever fetch or a body read threw to an OpikError, telling a timeout from a cancel. */
  failure(error: unknown, endpoint: string, baseUrl: string): OpikError {
    if (error instanceof OpikError) return error;
    if (this.timedOut) {
      return new OpikError({ kind: "timeout", status: 0, endpoint, message: `${endpoint} got no answer within ${this.ms} ms` });
    }
    if (this.user?.aborted) return new OpikError({ kind: "cancelled", status: 0, endpoint, message: `${endpoint} was cancelled`, cause: error });
    const message = `cannot reach Opik at ${baseUrl} (${networkDetail(error)})`;
    return new OpikError({ kind: "unavailable", status: 0, endpoint, message, cause: error });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.user?.removeEventListener("abort", this.onAbort);
  }
}

/** undici reports "fetch failed" / "terminated"; the useful part is in `cause`. */
export function networkDetail(error: unknown): string {
  const cause = (error as { cause?: { message?: string; code?: string } } | undefined)?.cause;
  return cause?.message || cause?.code || (error instanceof Error ? error.message : String(error));
}

export function badResponse(endpoint: string, what: string, status = 200): OpikError {
  return new OpikError({ kind: "bad_response", status, endpoint, message: `${endpoint} ${what}` });
}

/** Validates an answer with its contract; a mismatch names the endpoint and the first few paths. */
export function validate<S extends z.ZodType>(schema: S, data: unknown, endpoint: string, what = "answered with a body"): z.output<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
  throw badResponse(endpoint, `${what} that does not match Opik's contract (${issues.join("; ")})`);
}

export function snippet(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat === "" ? "(empty)" : JSON.stringify(flat.length > 120 ? `${flat.slice(0, 120)}…` : flat);
}
