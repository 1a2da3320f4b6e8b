import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { internalError } from "@/lib/embedded/http";
import { API_HEADERS } from "../../scripts/api-headers.mjs";
import { serveApi } from "./embedded-api";

/**
 * The production server's direct path to the API (scripts/serve.mjs): `/api/**` answered from the
 * Node request, before Next's request pipeline, which cost ~2 ms of the main thread's CPU per API
 * request on top of the API's own work (`projects?size=1`: 2.27 → 0.49 ms of CPU, 584 → 2,785
 * requests/s; a 50-span list page 6.8 → 3.8 ms, 229 → 331/s; 4 connections, 50,000 spans). The
 * answer is the same `serveApi` the route handler gives, with the headers next.config.mjs adds.
 * A path with a %-escape still goes through Next, whose proxy answers an undecodable one with Opik's 400.
 */
export function servesDirectly(url: string | undefined): boolean {
  return url !== undefined && url.startsWith("/api/") && !url.includes("%");
}

const NO_BODY = new Set(["GET", "HEAD"]);

export async function serveDirect(req: IncomingMessage, res: ServerResponse, origin: string): Promise<void> {
  let answer: Response;
  try {
    answer = await serveApi(toRequest(req, origin));
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

/** The Node request as a fetch Request, its URL on the Host it was sent to, as Next builds it. */
function toRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  let url: URL;
  try {
    url = new URL(req.url!, req.headers.host ? `http://${req.headers.host}` : origin);
  } catch {
    url = new URL(req.url!, origin);
  }
  const method = req.method ?? "GET";
  const body = NO_BODY.has(method) ? undefined : (Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>);
  return new Request(url, { method, headers, body, duplex: "half" } as RequestInit);
}
