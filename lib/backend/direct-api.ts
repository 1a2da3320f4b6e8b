import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { decodablePath, MALFORMED_PATH_MESSAGE } from "@/lib/auth/malformed-path";
import { badRequest, errorResponse, internalError } from "@/lib/embedded/http";
import { API_HEADERS } from "../../scripts/api-headers.mjs";
import { serveApi } from "./embedded-api";

/**
 * The production server's direct path to the API (scripts/serve.mjs): `/api/**` answered from the
 * Node request, before Next's request pipeline, which cost ~2 ms of the main thread's CPU per API
 * request on top of the API's own work (`projects?size=1`: 2.27 → 0.49 ms of CPU, 584 → 2,785
 * requests/s; a 50-span list page 6.8 → 3.8 ms, 229 → 331/s; 4 connections, 50,000 spans). The
 * answer is the same `serveApi` the route handler gives, with the headers next.config.mjs adds.
 * Every `/api/` request takes it, %-escapes included: filters, sorting and search are sent escaped
 * (a light request with one, `projects?size=1&name=b%65nch`, had cost 1.05–1.32 ms of server CPU
 * through Next against 0.46–0.54 here, 4 connections), and Next would answer a path with `//` or
 * `%2e%2e` in it with a redirect of its own instead of Opik's answer. An undecodable path gets the
 * 400 the proxy gives it when Next serves the API (compressed answers, `next dev`).
 */
export function servesDirectly(url: string | undefined): boolean {
  return url !== undefined && url.startsWith("/api/");
}

const NO_BODY = new Set(["GET", "HEAD"]);

export async function serveDirect(req: IncomingMessage, res: ServerResponse, origin: string): Promise<void> {
  let answer: Response;
  try {
    const url = requestUrl(req, origin);
    answer = decodablePath(url.pathname) ? await serveApi(toRequest(req, url)) : errorResponse(badRequest(MALFORMED_PATH_MESSAGE));
  } catch (error) {
    console.error("Spanboard: the embedded API failed", req.method, req.url, error);
    answer = internalError();
  }
  const headers: [string, string][] = API_HEADERS.map(({ key, value }) => [key, value]);
  answer.headers.forEach((value, key) => headers.push([key, value]));
  res.writeHead(answer.status, headers.flat());
  if (!answer.body || req.method === "HEAD") {
    await answer.body?.cancel();
    res.end();
    return;
  }
  // A streamed answer (the span search) is read only as fast as the client takes it; a client that
  // goes away cancels it.
  await pipeline(Readable.fromWeb(answer.body as import("node:stream/web").ReadableStream), res).catch(() => undefined);
}

/** The request's URL on the Host it was sent to, as Next builds it. */
function requestUrl(req: IncomingMessage, origin: string): URL {
  try {
    return new URL(req.url!, req.headers.host ? `http://${req.headers.host}` : origin);
  } catch {
    return new URL(req.url!, origin);
  }
}

/** The Node request as a fetch Request at `url`. */
function toRequest(req: IncomingMessage, url: URL): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const method = req.method ?? "GET";
  const body = NO_BODY.has(method) ? undefined : (Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>);
  return new Request(url, { method, headers, body, duplex: "half" } as RequestInit);
}

export { httpCache } from "./http-cache";
