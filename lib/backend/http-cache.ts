import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { newNonce } from "@/lib/auth/csp";
import { dataVersionOf } from "@/lib/embedded/data-version";
import { env } from "@/lib/env";
import { opikConfig } from "@/lib/opik/config";
import { ResponseStore, type StoredAnswer } from "./response-store";

/**
 * The production server's answer cache (scripts/serve.mjs), on the embedded default only: a page or
 * an embedded API read asked again, the same way, before anything has been committed since is
 * answered from memory instead of being rendered or read again. Many people looking at the same
 * project ask the same pages and lists; each commit (lib/embedded/data-version.ts) ends every entry,
 * so an answer is never older than a write acknowledged before it was asked for. Entries also end
 * after TTL_MS, which bounds what the data does not say (the header's ping time).
 *
 * Only plain GETs: not a client-side navigation or prefetch (Next's router headers), a server
 * action, an export, the sign-in pages, or a reload that asks for no cache. Only 200s of HTML or
 * JSON without cookies. The key holds everything a page or answer depends on besides the URL: the
 * host, the cookies (the session, with a password set), the API key and workspace headers and the
 * user agent, so an answer goes only to a request that would have been given the same one. A
 * page's CSP nonce is fresh on every answer (lib/auth/gate.ts): a cached page is stored cut at its
 * nonce and joined with a new one, which also replaces it in the headers.
 */
const TTL_MS = 5_000;
const MAX_BYTES = 32 * 1024 * 1024;
const MAX_ENTRY_BYTES = 4 * 1024 * 1024;
const NOT_CACHED_PATHS = /^\/(?:_next\/|healthz|export\/|login|logout)/;
const ROUTER_HEADERS = ["rsc", "next-router-prefetch", "next-router-state-tree", "next-router-segment-prefetch", "next-action", "range"];
const NO_CACHE = /no-cache|no-store/i;
const HOP_HEADERS = new Set(["content-length", "transfer-encoding", "date", "connection", "keep-alive"]);

export type HttpCache = {
  /** Answers `req` from memory, or lets `make` answer it (keeping what it sends when it may be kept). */
  answer(req: IncomingMessage, res: ServerResponse, make: () => void): void;
};

/** The cache for this process's configuration, or null: turned off, or another Opik configured. */
export function httpCache(): HttpCache | null {
  try {
    if (!env().SPANBOARD_RESPONSE_CACHE || opikConfig().mode !== "embedded") return null;
  } catch {
    return null; // an invalid configuration: the pages say so, uncached
  }
  const version = dataVersionOf(env().dbPath);
  const store = new ResponseStore({ maxBytes: MAX_BYTES, maxEntryBytes: MAX_ENTRY_BYTES, ttlMs: TTL_MS });
  return {
    answer(req, res, make) {
      let made = false;
      const once = () => {
        if (made) return;
        made = true;
        make();
      };
      guarded(res, () => made, once, () => {
        const v = cacheable(req) ? version() : null;
        if (v === null) return once();
        const key = keyOf(req);
        const hit = store.get(key, v);
        if (hit) return replay(hit, res);
        if (!store.lead(key, v)) {
          // Run later, from the maker's "close" event: guarded again, as nothing may throw there.
          return store.follow(key, () =>
            guarded(res, () => made, once, () => {
              const ready = store.get(key, version() ?? Number.NaN);
              if (ready) replay(ready, res);
              else once();
            }),
          );
        }
        // First, so that whatever happens next, those waiting are let go when this request ends.
        res.once("close", () => store.release(key, v));
        capture(res, (answer) => store.put(key, v, version(), answer));
        once();
      });
    },
  };
}

/** A fault of the cache's own answers the request afresh (or ends it, if it had begun): never the process. */
function guarded(res: ServerResponse, made: () => boolean, make: () => void, run: () => void): void {
  try {
    run();
  } catch (error) {
    console.error("Spanboard: the answer cache failed; answering afresh", error);
    if (!made() && !res.headersSent) make();
    else if (!res.writableEnded) res.destroy();
  }
}

function cacheable(req: IncomingMessage): boolean {
  if (req.method !== "GET" || !req.url || NOT_CACHED_PATHS.test(req.url)) return false;
  if (ROUTER_HEADERS.some((name) => req.headers[name] !== undefined)) return false;
  return !NO_CACHE.test(req.headers["cache-control"] ?? "") && !NO_CACHE.test(String(req.headers.pragma ?? ""));
}

function keyOf(req: IncomingMessage): string {
  const h = req.headers;
  // The user agent: Next renders a page's metadata up front for the crawlers it knows, streamed otherwise.
  return [h.host ?? "", req.url, h.cookie ?? "", h.authorization ?? "", h["comet-workspace"] ?? "", h["user-agent"] ?? ""].join("\n");
}

/** Calls `done` with what `res` sent, when it is a 200 of HTML or JSON without cookies that fits. */
function capture(res: ServerResponse, done: (answer: StoredAnswer) => void): void {
  const { writeHead, write, end } = res;
  let status = 0;
  let headers: Record<string, string | string[]> = {};
  const chunks: Buffer[] = [];
  let bytes = 0;
  let keep = true;
  const add = (chunk: unknown, encoding: unknown) => {
    if (!keep || chunk === undefined || chunk === null || typeof chunk === "function") return;
    const buffer =
      typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array);
    bytes += buffer.byteLength;
    if (bytes > MAX_ENTRY_BYTES) {
      keep = false;
      chunks.length = 0;
    } else chunks.push(buffer);
  };
  // ServerResponse sends implicit headers through writeHead too, so every answer passes here.
  res.writeHead = function (this: ServerResponse, code: number, ...rest: unknown[]) {
    status = code;
    headers = { ...plain(res.getHeaders()), ...plain(rest.find((r) => typeof r === "object" && r !== null) as OutgoingHttpHeaders | unknown[] | undefined) };
    return (writeHead as (...a: unknown[]) => ServerResponse).call(this, code, ...rest);
  } as ServerResponse["writeHead"];
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    add(chunk, rest[0]);
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as ServerResponse["write"];
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    add(args[0], args[1]);
    const sent = (end as (...a: unknown[]) => ServerResponse).apply(this, args);
    const answer = keep ? stored(status, headers, chunks, bytes) : null;
    if (answer) done(answer);
    return sent;
  } as ServerResponse["end"];
}

function stored(status: number, headers: Record<string, string | string[]>, chunks: Buffer[], bytes: number): StoredAnswer | null {
  const type = String(headers["content-type"] ?? "");
  if (status !== 200 || headers["set-cookie"] !== undefined) return null;
  if (type.startsWith("application/json")) return { status, headers, body: [Buffer.concat(chunks)], bytes };
  if (!type.startsWith("text/html")) return null;
  const nonce = /'nonce-([^']+)'/.exec(String(headers["content-security-policy"] ?? ""))?.[1];
  if (!nonce) return null;
  return { status, headers, body: cutAt(Buffer.concat(chunks), Buffer.from(nonce)), bytes, nonce };
}

function replay(answer: StoredAnswer, res: ServerResponse): void {
  let headers: Record<string, string | string[]> = { ...answer.headers, "x-spanboard-cache": "hit" };
  let body = answer.body;
  if (answer.nonce) {
    const [old, nonce] = [answer.nonce, newNonce()];
    // The CSP, and Next's preload `Link` header, which carries the nonce too.
    const renew = (v: string) => v.replaceAll(old, nonce);
    headers = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.map(renew) : renew(v)]));
    const joint = Buffer.from(nonce);
    body = body.flatMap((part, i) => (i === 0 ? [part] : [joint, part]));
  }
  headers["content-length"] = String(body.reduce((n, part) => n + part.byteLength, 0));
  res.writeHead(answer.status, headers);
  // The stored parts themselves, gathered into one write: nothing is copied per answer.
  res.cork();
  for (const part of body) res.write(part);
  res.end();
  res.uncork();
}

/** `buffer` cut at every occurrence of `at`, without it. */
function cutAt(buffer: Buffer, at: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let i = buffer.indexOf(at); i !== -1; i = buffer.indexOf(at, from)) {
    parts.push(buffer.subarray(from, i));
    from = i + at.byteLength;
  }
  parts.push(buffer.subarray(from));
  return parts;
}

/** Headers as lower-case names and string values, without the ones that describe one connection or body. */
function plain(given: OutgoingHttpHeaders | unknown[] | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const set = (name: string, value: unknown) => {
    const key = name.toLowerCase();
    if (value === undefined || HOP_HEADERS.has(key)) return;
    const values = Array.isArray(value) ? value.map(String) : [String(value)];
    const had = out[key];
    // A name given twice in a list is sent twice, as writeHead would.
    out[key] = had === undefined ? (values.length === 1 ? values[0]! : values) : [...(Array.isArray(had) ? had : [had]), ...values];
  };
  if (Array.isArray(given)) {
    // [name, value, name, value…] or [[name, value]…], as writeHead takes them
    if (Array.isArray(given[0])) for (const [n, v] of given as [string, unknown][]) set(n, v);
    else for (let i = 0; i + 1 < given.length; i += 2) set(String(given[i]), given[i + 1]);
  } else if (given) for (const [n, v] of Object.entries(given)) set(n, v);
  return out;
}
