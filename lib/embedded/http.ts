import type { z } from "zod";
import { TYPE_ERROR } from "@/lib/opik/schemas/common";

/** Opik's two error body shapes: Dropwizard's `{code,message}` and the `{errors:[…]}` list. */
export type OpikErrorBody = { code: number; message: string; details?: string } | { errors: string[] };

/** Thrown anywhere in a handler; the router turns it into the response. */
export class OpikHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: OpikErrorBody | null,
  ) {
    super(body && "message" in body ? body.message : body && "errors" in body ? body.errors.join("; ") : `HTTP ${status}`);
  }
}

export const httpError = (status: number, message: string, details?: string) =>
  new OpikHttpError(status, details === undefined ? { code: status, message } : { code: status, message, details });

export const httpErrors = (status: number, errors: string[]) => new OpikHttpError(status, { errors });

export const badRequest = (message: string) => httpError(400, message);
export const notFound = (message: string) => httpError(404, message);

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  // As bytes: a string body is first scanned for lone surrogates (~0.5 ms per 200 KB list page),
  // and JSON.stringify never emits one.
  return new Response(Buffer.from(JSON.stringify(body), "utf8"), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

export function noContent(headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 204, headers });
}

export function created(location: string, body?: unknown): Response {
  if (body === undefined) return new Response(null, { status: 201, headers: { location } });
  return json(body, 201, { location });
}

export function errorResponse(error: OpikHttpError): Response {
  if (error.body === null) return new Response(null, { status: error.status });
  return json(error.body, error.status);
}

/** Opik's 500, for a failure of the server's own: from the router, the worker pool or the production server's direct path. */
export function internalError(): Response {
  return errorResponse(httpError(500, "There was an error processing your request"));
}

/**
 * A query param that carries a JSON array (`filters`, `sorting`, `exclude`): not JSON, or not an
 * array, is the caller's 400.
 */
export function jsonArrayParam(raw: string, invalid: () => OpikHttpError): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed)) throw invalid();
  return parsed;
}

/** Reads a JSON body, refusing more than `maxBytes` without buffering the rest. */
export async function readJson(req: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const reader = req.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") throw httpErrors(422, ["The request body must not be empty"]);
  const depth = nestingBeyond(text, MAX_JSON_DEPTH);
  if (depth !== null) {
    throw badRequest(
      `Unable to process JSON. Document nesting depth (${depth}) exceeds the maximum allowed (${MAX_JSON_DEPTH}, from \`StreamReadConstraints.getMaxNestingDepth()\`)`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badRequest(`Unable to process JSON. ${(e as Error).message}`);
  }
}

/**
 * Jackson's default nesting limit, which Opik inherits. It is also what keeps the recursive work
 * after parsing (JSON.stringify, metadata flattening) from overflowing the stack.
 */
export const MAX_JSON_DEPTH = 1000;

/** The first nesting depth past `max`, or null. Strings are skipped with indexOf (native speed). */
function nestingBeyond(text: string, max: number): number | null {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let end = i;
      for (;;) {
        end = text.indexOf('"', end + 1);
        if (end === -1) return null; // unterminated string: JSON.parse says so
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === 0x5c) slashes++;
        if (slashes % 2 === 0) break;
      }
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return depth;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return null;
}

function tooLarge(maxBytes: number) {
  return httpError(413, `Request entity too large: the limit is ${Math.floor(maxBytes / (1024 * 1024))} MiB`);
}

/**
 * Validates a request body the way Opik's Jackson + bean-validation stack answers:
 * a value of the wrong JSON type is a 400 "Unable to process JSON" (deserialisation fails first);
 * constraint violations are a 422 `{"errors":["<javaProperty> <constraint message>"]}`.
 */
export function parseBody<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const typeIssue = result.error.issues.find(
    (i) =>
      (i.code === "invalid_type" && !/received (undefined|null)/.test(i.message)) ||
      i.message.startsWith(TYPE_ERROR) ||
      i.code === "invalid_value",
  );
  if (typeIssue) {
    const expected = typeIssue.message.startsWith(TYPE_ERROR)
      ? typeIssue.message.slice(TYPE_ERROR.length)
      : typeIssue.code === "invalid_type"
        ? typeIssue.expected
        : "enum";
    throw badRequest(`Unable to process JSON. Cannot deserialize value of type \`${expected}\` at '${javaPath(typeIssue.path)}'`);
  }
  const messages = result.error.issues.map((i) => {
    const message = i.code === "invalid_type" ? "must not be null" : i.message;
    const where = javaPath(i.path);
    return where ? `${where} ${message}` : message;
  });
  throw httpErrors(422, [...new Set(messages)].sort());
}

/** `["scores", 0, "category_name"]` → `scores[0].categoryName` (Java property names). */
export function javaPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += (out ? "." : "") + String(seg).replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  }
  return out;
}
