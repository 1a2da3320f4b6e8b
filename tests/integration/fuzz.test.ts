import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { ROUTES } from "@/lib/embedded/routes";
import { bodyArb, checkRequest, dbProbe, segmentArb, type FuzzRequest, type Probe } from "../support/fuzz";
import { plausibleQueryArb, queryArb } from "../support/fuzz-values";
import { createFixture, realIds, templates, type Fixture } from "../support/fuzz-fixture";
import { startServer, type TestServer } from "../support/server";

/**
 * Property-based bad input against every route of lib/embedded/routes.ts: random path ids, query
 * strings and bodies. Whatever arrives, the answer is below 500, an error is in one of Opik's shapes,
 * and a rejected request writes nothing. FUZZ_RUNS / FUZZ_SEED reproduce or deepen a run; a failure
 * prints the seed and the shrunk request.
 */
// Through `next start` a request costs several times more than in-process; both stay well under a minute.
const RUNS = Number(process.env.FUZZ_RUNS ?? (process.env.SPANBOARD_TEST_SERVER === "next" ? 50 : 100));
const SEED = Number(process.env.FUZZ_SEED ?? 20_250_711);

let server: TestServer;
let probe: Probe;
let f: Fixture;

before(async () => {
  server = await startServer();
  f = await createFixture(server.apiUrl);
  probe = dbProbe(server.dbPath);
});
after(async () => {
  probe?.close();
  await server.stop();
});

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Random requests to one route. */
export function requestArb(x: Fixture, method: string, path: string): fc.Arbitrary<FuzzRequest> {
  const params = path.split("/").filter((s) => s.startsWith(":"));
  const segments = fc.tuple(...params.map((p) => segmentArb(realIds(x, method, path, p.slice(1)))));
  const template = templates(x)[`${method} ${path}`];
  const body = BODY_METHODS.has(method) ? (method === "DELETE" ? fc.option(bodyArb(template), { freq: 3 }) : bodyArb(template)) : fc.constant(null);
  const project = { name: x.project, id: x.projectId };
  const query = method === "GET" ? fc.oneof({ weight: 1, arbitrary: queryArb(project, x.traceId) }, { weight: 2, arbitrary: plausibleQueryArb(project) }) : queryArb(project, x.traceId);
  return fc.tuple(segments, query, body).map(([values, query, b]) => {
    let i = 0;
    const concrete = path.replace(/:[A-Za-z]+/g, () => values[i++]!);
    return { method, path: concrete, query, ...(b ? b : {}) };
  });
}

describe("every embedded route survives random input", () => {
  it("the database probe sees a write (so 'nothing written' below means something)", async () => {
    const before = probe.snapshot();
    const body = JSON.stringify({ text: "probe" });
    const res = await checkRequest(server.apiUrl, probe, { method: "POST", path: `/v1/private/spans/${f.spanId}/comments`, body });
    assert.equal(res.status, 201);
    const after = probe.snapshot();
    assert.equal(after.comments, before.comments! + 1);
    assert.notEqual(after.data_version, before.data_version);
  });

  ROUTES.forEach((route, index) => {
    it(`${route.method} ${route.path}`, async () => {
      await fc.assert(
        fc.asyncProperty(requestArb(f, route.method, route.path), async (request) => {
          await checkRequest(server.apiUrl, probe, request);
        }),
        { numRuns: RUNS, seed: SEED + index, interruptAfterTimeLimit: 60_000 },
      );
    });
  });

  it("routes the table does not have: 404/405 in Opik's shape", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE"),
        fc.array(fc.oneof(fc.constantFrom("v1", "private", "spans", "traces", "projects", "batch", "x"), fc.string({ maxLength: 12 }).map(encodeURIComponent)), { minLength: 1, maxLength: 6 }),
        async (method, parts) => {
          await checkRequest(server.apiUrl, probe, { method, path: `/${parts.join("/")}`, body: method === "GET" ? undefined : "{}" });
        },
      ),
      { numRuns: RUNS, seed: SEED - 1 },
    );
  });
});
