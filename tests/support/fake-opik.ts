import { EventEmitter, once } from "node:events";
import http from "node:http";
import { performance } from "node:perf_hooks";

/**
 * A fault-injecting stand-in for a remote Opik: each test scripts the answers for a route (error
 * bodies, Retry-After, malformed JSON, streams cut mid-line, silence) and inspects what the client
 * sent. Nothing here imports the client, so the client is tested only through HTTP.
 */
export type Recorded = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** performance.now() when the request arrived. */
  at: number;
  req: http.IncomingMessage;
  res: http.ServerResponse;
};

export type Handler = (r: Recorded) => void | Promise<void>;

export type FakeOpik = {
  apiUrl: string;
  requests: Recorded[];
  /** Scripts `METHOD /path` (path below /api); several handlers answer successive requests, the last repeats. */
  on(route: string, ...handlers: Handler[]): void;
  /** Resolves with the next request that arrives for `route`. */
  next(route: string): Promise<Recorded>;
  /** Requests seen for `route`. */
  seen(route: string): Recorded[];
  reset(): void;
  stop(): Promise<void>;
};

export async function startFakeOpik(): Promise<FakeOpik> {
  const routes = new Map<string, { handlers: Handler[]; calls: number }>();
  const requests: Recorded[] = [];
  const arrivals = new EventEmitter();
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = url.pathname.replace(/^\/api/, "");
    const rec: Recorded = {
      method: req.method ?? "GET",
      path,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
      at: performance.now(),
      req,
      res,
    };
    requests.push(rec);
    const key = `${rec.method} ${path}`;
    arrivals.emit(key, rec);
    const route = routes.get(key);
    if (!route) return reply(404, { code: 404, message: `fake Opik has no script for ${key}` })(rec);
    const handler = route.handlers[Math.min(route.calls++, route.handlers.length - 1)]!;
    try {
      await handler(rec);
    } catch {
      res.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    requests,
    on: (route, ...handlers) => void routes.set(route, { handlers, calls: 0 }),
    next: async (route) => (await once(arrivals, route))[0] as Recorded,
    seen: (route) => requests.filter((r) => `${r.method} ${r.path}` === route),
    reset: () => {
      routes.clear();
      requests.length = 0;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers with a status and a JSON (object) or raw (string) body. */
export function reply(status: number, body?: unknown, headers: Record<string, string> = {}): Handler {
  return ({ res }) => {
    const text = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
    const type = typeof body === "string" ? {} : body === undefined ? {} : { "content-type": "application/json" };
    res.writeHead(status, { ...type, ...headers });
    res.end(text);
  };
}

/** Never answers: the connection stays open until the client gives up or the fake stops. */
export const silence: Handler = () => undefined;

/**
 * Streams raw pieces as Opik's search does (octet-stream, chunked). A piece that is a function is
 * awaited instead of written, so a test can hold the stream open until it has seen earlier lines.
 * `end: "cut"` destroys the socket instead of finishing the chunked body; "hang" leaves it open.
 */
export function stream(pieces: (string | (() => Promise<unknown>))[], end: "close" | "cut" | "hang" = "close"): Handler {
  return async ({ res }) => {
    res.writeHead(200, { "content-type": "application/octet-stream" });
    res.flushHeaders();
    for (const piece of pieces) {
      if (typeof piece === "function") await piece();
      else await new Promise<void>((resolve) => res.write(piece, () => resolve()));
    }
    if (end === "close") res.end();
    else if (end === "cut") res.socket?.destroy();
  };
}

/** A minimal span as Opik's read view has it. */
export function wireSpan(id: string, extra: Record<string, unknown> = {}) {
  return { id, trace_id: "0197a5b6-0000-7000-8000-000000000001", project_id: "p", name: `span ${id}`, type: "llm", start_time: "2024-05-01T10:15:30.123456Z", ...extra };
}
