import http from "node:http";
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { ROUTES } from "@/lib/embedded/routes";
import { resetEnv } from "@/lib/env";
import { checkRequest, dbProbe, nested, setAt, type Probe } from "../support/fuzz";
import { createFixture, realIds, templates, type Fixture } from "../support/fuzz-fixture";
import { startServer, type TestServer } from "../support/server";

/**
 * The extremes of bad input on every route: ~1 MB strings, nesting far past Jackson's 1,000 levels,
 * bodies over the size limit (lowered to 4 MiB here), 8 KB query values. Same promises as
 * fuzz.test.ts: no 5xx, Opik's error shapes, nothing written by a rejected request.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_250_711);
const RUNS = Number(process.env.FUZZ_EXTREME_RUNS ?? 12);
const LIMIT_MB = 4;

let server: TestServer;
let probe: Probe;
let f: Fixture;
const savedLimit = process.env.SPANBOARD_MAX_BODY_MB;

before(async () => {
  process.env.SPANBOARD_MAX_BODY_MB = String(LIMIT_MB);
  server = await startServer();
  f = await createFixture(server.apiUrl);
  probe = dbProbe(server.dbPath);
});
after(async () => {
  probe?.close();
  await server.stop();
  if (savedLimit === undefined) delete process.env.SPANBOARD_MAX_BODY_MB;
  else process.env.SPANBOARD_MAX_BODY_MB = savedLimit;
  resetEnv();
});

const MB = 1024 * 1024;
const MARK = "\u0000extreme\u0000";

/** Raw JSON text that replaces a template value: made as text, since building it as objects would recurse. */
const extremeValue = fc.constantFrom(
  () => JSON.stringify("x".repeat(MB)),
  () => JSON.stringify("é🙂\u0000\"\\".repeat(MB / 8)),
  () => `[${"1,".repeat(MB / 4)}1]`,
  () => nested(1_001, "object"),
  () => nested(5_000, "array"),
  () => nested(100_000, "object"),
  () => `{${Array.from({ length: 20_000 }, (_, i) => `"k${i}":${i}`).join(",")}}`,
);

function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== "object" || value === null) return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
}

const concrete = (method: string, path: string) => {
  const ids = (p: string) => realIds(f, method, path, p.slice(1))[0] ?? "0190babc-62a0-71d2-832a-0feffa4676eb";
  return path.replace(/:[A-Za-z]+/g, ids);
};

describe("huge and deeply nested values in every body", () => {
  for (const route of ROUTES.filter((r) => r.method !== "GET")) {
    it(`${route.method} ${route.path}`, async () => {
      const template = templates(f)[`${route.method} ${route.path}`] ?? {};
      const where = fc.constantFrom<(string | number)[]>([], ...pathsOf(template));
      await fc.assert(
        fc.asyncProperty(where, extremeValue, async (at, make) => {
          const body = at.length === 0 ? make() : JSON.stringify(setAt(template, at, MARK)).replace(JSON.stringify(MARK), make);
          await checkRequest(server.apiUrl, probe, { method: route.method, path: concrete(route.method, route.path), body });
        }),
        { numRuns: RUNS, seed: SEED },
      );
    });
  }
});

describe("huge and deeply nested query values on every read", () => {
  for (const route of ROUTES.filter((r) => r.method === "GET")) {
    it(`${route.method} ${route.path}`, async () => {
      const names = ["filters", "sorting", "exclude", "search", "from_time", "to_time", "page", "size", "name", "type", "project_id", "trace_id", "truncate"];
      const huge = fc.constantFrom(
        () => "x".repeat(8_000),
        () => "%".repeat(2_000),
        () => nested(1_500, "array"),
        () => JSON.stringify([{ field: "metadata", operator: "=", key: "a.".repeat(1_500) + "b", value: "x" }]),
        () => JSON.stringify([{ field: "name", operator: "contains", value: "y".repeat(6_000) }]),
        () => JSON.stringify(Array.from({ length: 150 }, (_, i) => ({ field: "tags", operator: "contains", value: `t${i}` }))),
        () => JSON.stringify([{ field: "feedback_scores", operator: ">", key: "relevance", value: "1".repeat(4_000) }]),
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...names), huge, async (name, make) => {
          const query: [string, string][] = [["project_name", f.project], [name, make()]];
          await checkRequest(server.apiUrl, probe, { method: "GET", path: concrete("GET", route.path), query });
        }),
        { numRuns: RUNS * 2, seed: SEED },
      );
    });
  }
});

describe("bodies over SPANBOARD_MAX_BODY_MB", () => {
  const big = () => JSON.stringify({ spans: [{ project_name: f.project, start_time: "2024-05-01T10:00:00Z", input: "z".repeat((LIMIT_MB + 1) * MB) }] });

  it("a declared length over the limit: 413 in Opik's shape, nothing written", async () => {
    const res = await checkRequest(server.apiUrl, probe, { method: "POST", path: "/v1/private/spans/batch", body: big() });
    assert.equal(res.status, 413);
    assert.match(JSON.parse(res.text).message, new RegExp(`limit is ${LIMIT_MB} MiB`));
  });

  it("a chunked body that grows past the limit is cut off with 413", async () => {
    const before = probe.snapshot();
    const bytes = new TextEncoder().encode(big());
    const chunk = 256 * 1024;
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.subarray(offset, (offset += chunk)));
      },
    });
    let status: number;
    try {
      const res = await fetch(`${server.apiUrl}/v1/private/spans/batch`, { method: "POST", headers: { "content-type": "application/json" }, body: stream, duplex: "half" } as RequestInit);
      status = res.status;
      assert.match((await res.json()).message, /Request entity too large/);
    } catch (error) {
      // The server may answer and close before the client finishes sending; either way nothing is stored.
      status = 413;
      assert.match(String((error as Error).cause ?? error), /ECONNRESET|EPIPE|other side closed|terminated|socket/i);
    }
    assert.equal(status, 413);
    assert.deepEqual(probe.snapshot(), before);
  });

  it("the server still answers normally afterwards", async () => {
    // On a new connection: the cut-off upload's socket may still sit in fetch's pool, closed by the
    // server, and reusing it says nothing about whether the server answers.
    const status = await new Promise<number>((resolve, reject) => {
      http
        .get(`${server.apiUrl}/v1/private/spans/${f.spanId}`, { agent: false }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        })
        .on("error", reject);
    });
    assert.equal(status, 200);
  });
});
