import http from "node:http";
import { Readable } from "node:stream";

/**
 * Serves the embedded Opik API's real handler (the one app/api/[...path]/route.ts calls) over
 * node:http, without Next's routing layer. It starts in milliseconds, so the integration suite can
 * give every test file its own server and database. `handler` replaces the router (the worker tests
 * serve it through the worker pool).
 */
export async function startInprocServer(
  handler?: (req: Request) => Promise<Response>,
): Promise<{ origin: string; close(): Promise<void> }> {
  const handleOpikRequest = handler ?? (await import("@/lib/embedded/router")).handleOpikRequest;
  const server = http.createServer(async (req, res) => {
    try {
      const origin = `http://${req.headers.host}`;
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const request = new Request(new URL(req.url ?? "/", origin), {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
        duplex: "half",
      } as RequestInit);
      const response = await handleOpikRequest(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (!response.body) return void res.end();
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
      res.end();
    } catch (error) {
      res.destroy(error as Error);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
