import assert from "node:assert/strict";
import Database from "better-sqlite3";
import fc from "fast-check";
import { anyJson, anyText, uuidText } from "./fuzz-values";

/**
 * Generators and checks for the property-based tests of the embedded API (tests/integration/fuzz*).
 * Every request is checked the same way: never a 5xx, an error in one of Opik's two shapes, and a
 * rejected request leaves the database exactly as it was.
 */

export const TABLES = ["spans", "span_io", "span_meta", "feedback_scores", "span_scores", "comments", "traces", "projects"] as const;

/** A read-only view of the server's database file: row counts plus SQLite's commit counter. */
export function dbProbe(dbPath: string) {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  const counts = db.prepare(`SELECT ${TABLES.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(", ")}`);
  return {
    /** Row counts per table and `data_version`, which moves whenever another connection commits. */
    snapshot: (): Record<string, number> => ({ ...(counts.get() as Record<string, number>), data_version: db.pragma("data_version", { simple: true }) as number }),
    close: () => db.close(),
  };
}

export type Probe = ReturnType<typeof dbProbe>;

export type FuzzRequest = {
  method: string;
  path: string;
  query?: [string, string][];
  body?: string | Uint8Array;
  contentType?: string | null;
};

export type FuzzAnswer = { status: number; text: string };

export async function send(apiUrl: string, r: FuzzRequest): Promise<FuzzAnswer> {
  const search = r.query?.length ? `?${new URLSearchParams(r.query).toString()}` : "";
  const headers: Record<string, string> = {};
  if (r.body !== undefined && r.contentType !== null) headers["content-type"] = r.contentType ?? "application/json";
  const res = await fetch(`${apiUrl}${r.path}${search}`, { method: r.method, headers, body: r.body as BodyInit | undefined });
  return { status: res.status, text: await res.text() };
}

/** Opik's error bodies: `{code:number,message:string}` (+details) or `{errors:string[]}`. */
export function isOpikErrorBody(body: unknown): boolean {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return false;
  const b = body as Record<string, unknown>;
  if ("errors" in b) return Array.isArray(b.errors) && b.errors.every((e) => typeof e === "string");
  return typeof b.code === "number" && typeof b.message === "string" && (b.details === undefined || typeof b.details === "string");
}

const describe = (r: FuzzRequest) => {
  const body = r.body === undefined ? "" : typeof r.body === "string" ? r.body : `<${r.body.byteLength} bytes>`;
  return `${r.method} ${r.path} ${JSON.stringify(r.query ?? [])} body(${body.length}): ${body.slice(0, 300)}`;
};

/** Sends one request and checks the three promises; returns the answer for further checks. */
export async function checkRequest(apiUrl: string, probe: Probe, r: FuzzRequest): Promise<FuzzAnswer> {
  const before = probe.snapshot();
  const res = await send(apiUrl, r);
  const where = `${describe(r)}\n→ ${res.status} ${res.text.slice(0, 500)}`;
  assert.ok(res.status < 500, `server error\n${where}`);
  if (res.status >= 400) {
    let body: unknown;
    try {
      body = JSON.parse(res.text);
    } catch {
      body = undefined;
    }
    assert.ok(isOpikErrorBody(body), `not an Opik error body\n${where}`);
    assert.deepEqual(probe.snapshot(), before, `a rejected request changed the database\n${where}`);
  } else if (res.status === 200 && r.path.endsWith("/spans/search")) {
    // The stream has already said 200; a failure would surface as a {"code":500} line.
    assert.ok(!/"code":5\d\d/.test(res.text), `the stream reported a server error\n${where}`);
  }
  return res;
}

/** A path segment: a real id, other UUIDs (v4, nil, upper-case), or anything at all. */
export function segmentArb(real: string[]): fc.Arbitrary<string> {
  // Malformed escapes and empty segments (`/spans//x`) too: the production server answers them on
  // its direct path, in Opik's shape, where Next would redirect or fail.
  const encoded = fc
    .oneof(uuidText, anyText, fc.string({ minLength: 200, maxLength: 2000 }))
    .map((s) => encodeURIComponent(s));
  const raw = fc.constantFrom("%E0%A4%A", "%", "%F0%9F", "%00", "..", "%2e%2e", "%2F", "null", "-1", "a%20b", "batch", "stats", "search");
  return fc.oneof({ weight: real.length ? 3 : 0, arbitrary: fc.constantFrom(...(real.length ? real : ["x"])) }, { weight: 3, arbitrary: encoded }, { weight: 1, arbitrary: raw });
}

/**
 * A request body: a mutation of a valid template (one field replaced by a value of any type, or
 * removed), any JSON at all, or bytes that are not JSON.
 */
export function bodyArb(template: Record<string, unknown> | undefined): fc.Arbitrary<{ body: string | Uint8Array; contentType?: string | null }> {
  const asJson = (v: unknown) => ({ body: JSON.stringify(v) });
  const mutated = template
    ? fc.oneof(
        fc.constant(template).map(asJson),
        fc.tuple(fc.constantFrom(...allPaths(template)), anyJson).map(([path, v]) => asJson(setAt(template, path, v))),
        fc.constantFrom(...allPaths(template)).map((path) => asJson(setAt(template, path, undefined))),
        fc.tuple(fc.constantFrom(...allPaths(template)), fc.constantFrom(...allPaths(template)), anyJson, anyJson).map(([a, b, x, y]) => asJson(setAt(setAt(template, a, x), b, y))),
      )
    : fc.constant({ body: "{}" });
  const garbage = fc.oneof(
    fc.uint8Array({ maxLength: 200 }).map((b) => ({ body: b, contentType: "application/octet-stream" as string | null })),
    fc.constantFrom("{", "[1,2", '{"a":}', "NaN", "{'a':1}", '{"a":Infinity}', "\uFEFF{}", "{}garbage", '"just a string"', "\u0000", "   ", "").map((body) => ({ body })),
    fc.tuple(anyText, fc.constantFrom("text/plain", null, "application/json; charset=latin1")).map(([body, contentType]) => ({ body, contentType })),
  );
  return fc.oneof({ weight: 5, arbitrary: mutated }, { weight: 2, arbitrary: anyJson.map(asJson) }, { weight: 2, arbitrary: garbage });
}

type Path = (string | number)[];

/** Every path into a template's objects and arrays, the root excluded. */
function allPaths(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== "object" || value === null) return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...allPaths(v, [...prefix, k])]);
}

/** A copy of `value` with the element at `path` replaced (or removed when `next` is undefined). */
export function setAt(value: unknown, path: Path, next: unknown): unknown {
  if (path.length === 0) return next;
  const copy: Record<string | number, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  const [head, ...rest] = path;
  const child = setAt((copy as Record<string | number, unknown>)[head!], rest, next);
  if (child === undefined && !Array.isArray(copy)) delete (copy as Record<string, unknown>)[head!];
  else (copy as Record<string | number, unknown>)[head!] = child;
  return copy;
}

/** `[[[…]]]` / `{"a":{"a":…}}` nested `depth` levels, built as text (JSON.stringify would recurse). */
export function nested(depth: number, kind: "array" | "object"): string {
  if (kind === "array") return "[".repeat(depth) + "]".repeat(depth);
  return '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}
