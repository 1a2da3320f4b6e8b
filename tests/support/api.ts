/** Small helpers for talking to the Opik API in tests: JSON in, status + JSON out. */
export type ApiResponse<T = unknown> = { status: number; headers: Headers; body: T; text: string };

export function api(apiUrl: string) {
  const call = async <T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> => {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  };
  return {
    get: <T = any>(path: string, headers?: Record<string, string>) => call<T>("GET", path, undefined, headers),
    post: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>("POST", path, body, headers),
    put: <T = any>(path: string, body?: unknown) => call<T>("PUT", path, body),
    patch: <T = any>(path: string, body?: unknown) => call<T>("PATCH", path, body),
    del: <T = any>(path: string) => call<T>("DELETE", path),
  };
}

/** `?filters=…` etc.: JSON-encodes object values and URL-encodes everything. */
export function qs(params: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    search.set(k, typeof v === "string" ? v : JSON.stringify(v));
  }
  return `?${search.toString()}`;
}
