import { serveEmbedded } from "@/lib/embedded/workers/serve";

/**
 * `fetch` for the embedded server's own dashboard: the same Request and Response, handed to the
 * embedded API in this process instead of through a loopback socket. A loopback call cost the one
 * main thread that renders every page the client's HTTP work and the server's HTTP parsing on top
 * of the answer itself; a spans page makes two such calls.
 */
export const inProcessFetch = ((input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const signal = init?.signal ?? undefined;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const answer = serveEmbedded(new Request(input, init));
  return signal ? withSignal(answer, signal) : answer;
}) as typeof fetch;

/**
 * The signal ends an answer as it ends fetch's: before the answer, the wait fails with its reason
 * (and the answer, when it comes, is cancelled, so a worker stops streaming it); after, the body
 * does. The client's deadlines and a search stream's cancel rely on both.
 */
export function withSignal(answer: Promise<Response>, signal: AbortSignal): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener("abort", abort, { once: true });
    answer.then(
      (res) => {
        signal.removeEventListener("abort", abort);
        if (signal.aborted) void res.body?.cancel(signal.reason).catch(() => undefined);
        else resolve(boundBody(res, signal));
      },
      (error: unknown) => {
        signal.removeEventListener("abort", abort);
        reject(error);
      },
    );
  });
}

function boundBody(res: Response, signal: AbortSignal): Response {
  if (!res.body) return res;
  // Aborting a pipe cancels its source and errors what it feeds, with the signal's reason.
  const body = res.body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>(), { signal });
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}
