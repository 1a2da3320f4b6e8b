import http from "node:http";

/**
 * The load generators' HTTP client: node:http over kept-alive sockets, not fetch. The generators
 * share the server's two cores, so what they spend is taken from the figure they measure. Posting
 * 1,000-span batches (~1.5 MB each) to the server, fetch cost the client 9.8–11.6 µs of CPU per span
 * (~10% of a core at 10,000 spans/s), undici's `request` 3.9–4.0, node:http 1.2–2.4.
 */
const agent = new http.Agent({ keepAlive: true });

export type HttpAnswer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

export type HttpInit = { method?: string; headers?: Record<string, string>; body?: Uint8Array | string; signal?: AbortSignal };

let retries = 0;

/**
 * GETs sent again because a kept-alive socket was closed under them before any answer came (the
 * server ending an idle connection as the request set off; browsers and fetch send such a request
 * again too, RFC 9112 §9.3.1). Counted, so the load report can show them.
 */
export const reusedSocketRetries = (): number => retries;

/** Sends one request and reads the whole answer. Rejects on a network error or an aborted signal. */
export function httpRequest(url: string, init: HttpInit = {}): Promise<HttpAnswer> {
  return send(url, init, true);
}

function send(url: string, init: HttpInit, mayRetry: boolean): Promise<HttpAnswer> {
  const method = init.method ?? "GET";
  const body = typeof init.body === "string" ? Buffer.from(init.body) : init.body;
  const headers = body ? { ...init.headers, "content-length": String(body.byteLength) } : init.headers;
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(url, { agent, method, headers, signal: init.signal }, (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on("data", (part: Buffer) => parts.push(part));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      res.on("error", reject);
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      // Only before any answer, and only once.
      const closedUnder = !answered && req.reusedSocket && (error.code === "ECONNRESET" || error.code === "EPIPE");
      if (mayRetry && closedUnder && method === "GET" && !init.signal?.aborted) {
        retries++;
        resolve(send(url, init, false));
      } else reject(error);
    });
    req.end(body);
  });
}
