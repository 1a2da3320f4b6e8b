import { serveEmbedded } from "@/lib/embedded/workers/serve";

/**
 * `fetch` for the embedded server's own dashboard: the same Request and Response, handed to the
 * embedded API in this process instead of through a loopback socket. A loopback call cost the one
 * main thread that renders every page the client's HTTP work and the server's HTTP parsing on top
 * of the answer itself; a spans page makes two such calls. The caller's deadline still ends the
 * wait (as fetch's signal would), though the answer being prepared is not interrupted.
 */
export const inProcessFetch = ((input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const signal = init?.signal ?? undefined;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const answer = serveEmbedded(new Request(input, init));
  if (!signal) return answer;
  return new Promise<Response>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener("abort", abort, { once: true });
    answer.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
  });
}) as typeof fetch;
