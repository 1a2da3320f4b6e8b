import assert from "node:assert/strict";
import net from "node:net";
import { after, before, beforeEach, describe, it } from "node:test";
import { performance } from "node:perf_hooks";
import { createOpikClient, OpikError, type OpikClient, type OpikErrorKind } from "@/lib/opik/client";
import { parseRetryAfter } from "@/lib/opik/errors";
import { Deadline } from "@/lib/opik/http";
import { SpanPublic } from "@/lib/opik/schemas/spans";
import { lineStream } from "@/lib/opik/stream";
import { reply, silence, startFakeOpik, stream, wireSpan, type FakeOpik } from "../support/fake-opik";

/** The client against a fake Opik that fails in every way a real one (or the network) can. */
let fake: FakeOpik;
let client: OpikClient;
const SPANS = "GET /v1/private/spans";
const SEARCH = "POST /v1/private/spans/search";
const SPAN_ID = "0197a5b6-1111-7000-8000-000000000001";
const project = { project_name: "faults" };

before(async () => {
  fake = await startFakeOpik();
  client = createOpikClient({ baseUrl: fake.apiUrl, apiKey: "key-123", workspace: "team-ws", timeoutMs: 2000, retryBaseMs: 5 });
});
beforeEach(() => fake.reset());
after(() => fake.stop());

/** Runs `fn`, which must fail with an OpikError of `kind`, and returns the error. */
async function failure(fn: () => Promise<unknown>, kind: OpikErrorKind): Promise<OpikError> {
  try {
    await fn();
  } catch (error) {
    assert.ok(error instanceof OpikError, `expected an OpikError, got ${String(error)}`);
    assert.equal(error.kind, kind, `kind of "${error.message}"`);
    return error;
  }
  assert.fail(`expected a ${kind} OpikError`);
}

const page = (content: unknown[]) => ({ page: 1, size: content.length, total: content.length, content, sortable_by: ["id", "name"] });

describe("HTTP errors keep Opik's own message", { timeout: 10_000 }, () => {
  it("401: unauthorized, raw API key and workspace headers were sent", async () => {
    fake.on(SPANS, reply(401, { code: 401, message: "User not allowed to access workspace!" }));
    const e = await failure(() => client.listSpans(project), "unauthorized");
    assert.equal(e.status, 401);
    assert.equal(e.message, "User not allowed to access workspace!");
    assert.equal(e.userMessage, "Opik rejected the API key (401): User not allowed to access workspace! Check OPIK_API_KEY or api_key in ~/.opik.config.");
    const [req] = fake.seen(SPANS);
    assert.equal(req!.headers["authorization"], "key-123");
    assert.equal(req!.headers["comet-workspace"], "team-ws");
    assert.equal(fake.seen(SPANS).length, 1, "a 401 is not retried");
  });

  it("403: forbidden", async () => {
    fake.on(SPANS, reply(403, { code: 403, message: "Access denied to workspace" }));
    const e = await failure(() => client.listSpans(project), "forbidden");
    assert.equal(e.message, "Access denied to workspace");
  });

  it("404: not_found, not retried", async () => {
    fake.on(`GET /v1/private/spans/${SPAN_ID}`, reply(404, { code: 404, message: `Span id: ${SPAN_ID} not found` }));
    const e = await failure(() => client.getSpan(SPAN_ID), "not_found");
    assert.equal(e.message, `Span id: ${SPAN_ID} not found`);
    assert.equal(e.endpoint, "GET /v1/private/spans/{id}");
    assert.equal(fake.requests.length, 1);
  });

  it("409 with the {errors:[…]} shape: conflict", async () => {
    fake.on("POST /v1/private/spans", reply(409, { errors: ["trace_id does not match the existing span"] }));
    const e = await failure(() => client.createSpan({ id: SPAN_ID, start_time: "2024-05-01T10:00:00Z" }), "conflict");
    assert.equal(e.message, "trace_id does not match the existing span");
  });

  it("422 in both shapes: invalid, errors joined, details appended", async () => {
    fake.on("POST /v1/private/spans/batch", reply(422, { errors: ["spans[0].name must not be blank", "spans size must be between 1 and 1000"] }));
    const a = await failure(() => client.createSpans([{ start_time: "2024-05-01T10:00:00Z" }]), "invalid");
    assert.equal(a.message, "spans[0].name must not be blank; spans size must be between 1 and 1000");
    fake.on("POST /v1/private/spans/batch", reply(422, { code: 422, message: `Duplicate span id '${SPAN_ID}'` }));
    const b = await failure(() => client.createSpans([{ start_time: "2024-05-01T10:00:00Z" }]), "invalid");
    assert.equal(b.message, `Duplicate span id '${SPAN_ID}'`);
    fake.on("POST /v1/private/spans", reply(400, { code: 400, message: "Invalid UUID for id", details: "Span id must be a version 7 UUID" }));
    const c = await failure(() => client.createSpan({ id: "x", start_time: "2024-05-01T10:00:00Z" }), "invalid");
    assert.equal(c.message, "Invalid UUID for id: Span id must be a version 7 UUID");
  });

  it("501 on DELETE span: not_supported with a plain explanation", async () => {
    fake.on(`DELETE /v1/private/spans/${SPAN_ID}`, reply(501));
    const e = await failure(() => client.deleteSpan(SPAN_ID), "not_supported");
    assert.equal(e.status, 501);
    assert.equal(e.message, "this Opik server does not support deleting single spans");
  });

  it("a non-JSON error page (a proxy's HTML) still gives a readable message", async () => {
    fake.on(SPANS, reply(502, "<html><body>Bad Gateway</body></html>"));
    const e = await failure(() => client.listSpans(project), "unavailable");
    assert.equal(e.message, "HTTP 502 Bad Gateway");
    assert.equal(fake.seen(SPANS).length, 3, "502 on a read is retried, up to 3 attempts");
  });
});

describe("retries", { timeout: 10_000 }, () => {
  it("429 + Retry-After on a read: waits that long, then succeeds", async () => {
    fake.on(SPANS, reply(429, { code: 429, message: "Too Many Requests" }, { "retry-after": "1" }), reply(200, page([wireSpan(SPAN_ID)])));
    const res = await client.listSpans(project);
    assert.equal(res.content[0]!.id, SPAN_ID);
    const [first, second] = fake.seen(SPANS);
    assert.ok(second, "the read was retried");
    assert.ok(second.at - first!.at >= 990, `retried after ${Math.round(second.at - first!.at)} ms, Retry-After said 1000`);
  });

  it("429 on a write: not retried, the wait is reported", async () => {
    fake.on("POST /v1/private/spans", reply(429, { code: 429, message: "Too Many Requests" }, { "retry-after": "1" }));
    const e = await failure(() => client.createSpan({ start_time: "2024-05-01T10:00:00Z" }), "rate_limited");
    assert.equal(e.retryAfterMs, 1000);
    assert.equal(e.message, "Too Many Requests");
    assert.match(e.userMessage, /Try again in 1 s\.$/);
    assert.equal(fake.seen("POST /v1/private/spans").length, 1);
  });

  it("a Retry-After beyond the cap fails at once instead of stalling the page", async () => {
    fake.on(SPANS, reply(429, { code: 429, message: "slow down" }, { "retry-after": "3600" }));
    const started = performance.now();
    const e = await failure(() => client.listSpans(project), "rate_limited");
    assert.equal(e.retryAfterMs, 3_600_000);
    assert.ok(performance.now() - started < 500);
    assert.equal(fake.seen(SPANS).length, 1);
  });

  it("Retry-After as an HTTP date", () => {
    const now = Date.parse("2024-05-01T10:00:00Z");
    assert.equal(parseRetryAfter("Wed, 01 May 2024 10:00:03 GMT", now), 3000);
    assert.equal(parseRetryAfter("0", now), 0);
    assert.equal(parseRetryAfter("soon", now), undefined);
  });

  it("500 on a read: three attempts, then a server error with Opik's message", async () => {
    fake.on(SPANS, reply(500, { code: 500, message: "There was an error processing your request" }));
    const e = await failure(() => client.listSpans(project), "server");
    assert.equal(e.message, "There was an error processing your request");
    assert.equal(fake.seen(SPANS).length, 3);
  });

  it("503 then 200 on a read succeeds; a 503 on a write is not retried", async () => {
    fake.on(SPANS, reply(503, { code: 503, message: "Service Unavailable" }), reply(200, page([])));
    assert.equal((await client.listSpans(project)).total, 0);
    assert.equal(fake.seen(SPANS).length, 2);
    fake.on(`PATCH /v1/private/spans/${SPAN_ID}`, reply(503, { code: 503, message: "Service Unavailable" }));
    await failure(() => client.updateSpan(SPAN_ID, { trace_id: SPAN_ID, name: "x" }), "unavailable");
    assert.equal(fake.seen(`PATCH /v1/private/spans/${SPAN_ID}`).length, 1);
  });

  it("the search stream POST is retried before it starts", async () => {
    fake.on(SEARCH, reply(503, { code: 503, message: "busy" }), stream([`${JSON.stringify(wireSpan(SPAN_ID))}\r\n`]));
    const ids: string[] = [];
    for await (const span of client.searchSpans(project)) ids.push(span.id);
    assert.deepEqual(ids, [SPAN_ID]);
    assert.equal(fake.seen(SEARCH).length, 2);
  });

  it("a refused connection: unavailable, naming the URL", async () => {
    const port = await freePort();
    const offline = createOpikClient({ baseUrl: `http://127.0.0.1:${port}/api`, retryBaseMs: 5, timeoutMs: 2000 });
    const e = await failure(() => offline.listSpans(project), "unavailable");
    assert.match(e.message, new RegExp(`cannot reach Opik at http://127.0.0.1:${port}/api \\(.*ECONNREFUSED`));
    const ping = await offline.ping();
    assert.equal(ping.ok, false);
    assert.equal(!ping.ok && ping.error.kind, "unavailable");
  });
});

describe("timeouts and cancellation", { timeout: 10_000 }, () => {
  const quick = () => createOpikClient({ baseUrl: fake.apiUrl, timeoutMs: 300, retryBaseMs: 5 });

  it("a server that never answers: timeout within ~2× the timeout", async () => {
    fake.on(SPANS, silence);
    const started = performance.now();
    const e = await failure(() => quick().listSpans(project), "timeout");
    const took = performance.now() - started;
    assert.ok(took >= 290 && took < 600, `took ${Math.round(took)} ms`);
    assert.equal(e.message, "GET /v1/private/spans got no answer within 300 ms");
  });

  it("a stream that goes silent after a span: timeout, the span already delivered", async () => {
    fake.on(SEARCH, stream([`${JSON.stringify(wireSpan(SPAN_ID))}\r\n`], "hang"));
    const ids: string[] = [];
    const started = performance.now();
    await failure(async () => {
      for await (const span of quick().searchSpans(project)) ids.push(span.id);
    }, "timeout");
    assert.deepEqual(ids, [SPAN_ID]);
    assert.ok(performance.now() - started < 600);
  });

  it("an AbortSignal cancels a pending call", async () => {
    fake.on(SPANS, silence);
    const controller = new AbortController();
    const arrived = fake.next(SPANS);
    const call = client.listSpans(project, { signal: controller.signal });
    await arrived;
    controller.abort();
    const e = await failure(() => call, "cancelled");
    assert.equal(e.status, 0);
  });

  it("cancel() ends a stream quietly and closes the connection", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    fake.on(SEARCH, stream([`${JSON.stringify(wireSpan(SPAN_ID))}\r\n`, () => held, `${JSON.stringify(wireSpan("never"))}\r\n`], "hang"));
    const arrived = fake.next(SEARCH);
    const spans = client.searchSpans(project);
    const ids: string[] = [];
    const reading = (async () => {
      for await (const span of spans) {
        ids.push(span.id);
        spans.cancel();
      }
    })();
    const { res } = await arrived;
    await Promise.all([reading, new Promise((resolve) => res.once("close", resolve))]);
    release();
    assert.deepEqual(ids, [SPAN_ID]);
  });

  it("breaking out of the loop closes the connection too", async () => {
    fake.on(SEARCH, stream([`${JSON.stringify(wireSpan(SPAN_ID))}\r\n`], "hang"));
    const arrived = fake.next(SEARCH);
    for await (const span of client.searchSpans(project)) {
      assert.equal(span.id, SPAN_ID);
      break;
    }
    const { res } = await arrived;
    if (!res.destroyed) await new Promise((resolve) => res.once("close", resolve));
  });
});

describe("answers that do not match the contract", { timeout: 10_000 }, () => {
  it("malformed JSON: bad_response naming the endpoint, not retried", async () => {
    fake.on(SPANS, reply(200, '{"page":1,"content":[{"id":'));
    const e = await failure(() => client.listSpans(project), "bad_response");
    assert.match(e.message, /^GET \/v1\/private\/spans answered 200 with a body that is not JSON/);
    assert.equal(fake.seen(SPANS).length, 1);
  });

  it("a schema-invalid body: bad_response naming the endpoint and the field", async () => {
    fake.on(SPANS, reply(200, { page: 1, size: 1, total: 1, content: [{ id: 7, start_time: "x" }] }));
    const e = await failure(() => client.listSpans(project), "bad_response");
    assert.match(e.message, /^GET \/v1\/private\/spans answered with a body that does not match Opik's contract \(content\.0\.id: /);
  });

  it("unknown fields and span types pass through; sortable_by survives", async () => {
    fake.on(SPANS, reply(200, page([wireSpan(SPAN_ID, { type: "atomic_agent", brand_new_field: { x: 1 } })])));
    const res = await client.listSpans(project);
    assert.deepEqual(res.sortable_by, ["id", "name"]);
    assert.equal(res.content[0]!.type, "atomic_agent");
    assert.deepEqual((res.content[0] as Record<string, unknown>)["brand_new_field"], { x: 1 });
  });

  it("a comment id from the Location header when an older server sends no body", async () => {
    const route = `POST /v1/private/spans/${SPAN_ID}/comments`;
    fake.on(route, reply(201, undefined, { location: `${fake.apiUrl}/v1/private/spans/${SPAN_ID}/comments/c-42` }));
    assert.deepEqual(await client.createSpanComment(SPAN_ID, "hi"), { id: "c-42" });
    assert.equal(fake.seen(route)[0]!.body, JSON.stringify({ text: "hi" }));
  });
});

describe("the search stream", { timeout: 10_000 }, () => {
  const line = (id: string) => `${JSON.stringify(wireSpan(id, { input: { text: "naïve café ☕" } }))}\r\n`;

  it("is read incrementally: a span arrives before the server sends the next", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    fake.on(SEARCH, stream([line("a"), () => held, line("b")]));
    const ids: string[] = [];
    for await (const span of client.searchSpans({ ...project, limit: 2 })) {
      ids.push(span.id);
      if (span.id === "a") release();
    }
    assert.deepEqual(ids, ["a", "b"]);
    assert.deepEqual(JSON.parse(fake.seen(SEARCH)[0]!.body), { ...project, limit: 2, truncate: false });
    assert.equal(fake.seen(SEARCH)[0]!.headers.accept, "application/octet-stream, application/json");
  });

  it("handles chunk boundaries mid-line and mid-character, and skips blank lines, {}, [], null", async () => {
    const bytes = Buffer.from(`${line("a")}\r\n{}\r\n[]\r\nnull\r\n${line("b")}${line("c")}`);
    // Feed the reader exact 7-byte chunks (TCP would coalesce them), cutting through "ï", "é", "☕".
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 7) controller.enqueue(new Uint8Array(bytes.subarray(i, i + 7)));
        controller.close();
      },
    });
    const spans = lineStream({ endpoint: "test", schema: SpanPublic, open: async (signal) => ({ body, deadline: new Deadline(1000, signal) }) });
    const got = [];
    for await (const span of spans) got.push(span);
    assert.deepEqual(got.map((s) => s.id), ["a", "b", "c"]);
    assert.deepEqual(got[2]!.input, { text: "naïve café ☕" });
  });

  it("a stream cut in the middle: the spans so far, then an unavailable error", async () => {
    fake.on(SEARCH, stream([line("a"), line("b"), line("c").slice(0, 25)], "cut"));
    const ids: string[] = [];
    const e = await failure(async () => {
      for await (const span of client.searchSpans(project)) ids.push(span.id);
    }, "unavailable");
    assert.deepEqual(ids, ["a", "b"]);
    assert.match(e.message, /^the connection closed in the middle of the stream after 2 items/);
  });

  it("a final {code:500} line becomes a server error with Opik's message", async () => {
    fake.on(SEARCH, stream([line("a"), '{"code":500,"message":"Streaming operation timed out"}\r\n']));
    const ids: string[] = [];
    const e = await failure(async () => {
      for await (const span of client.searchSpans(project)) ids.push(span.id);
    }, "server");
    assert.deepEqual(ids, ["a"]);
    assert.equal(e.status, 500);
    assert.equal(e.message, "Streaming operation timed out");
  });

  it("an HTTP error before streaming is an ordinary OpikError", async () => {
    fake.on(SEARCH, reply(404, { code: 404, message: "Project name: faults not found" }));
    const e = await failure(async () => {
      for await (const span of client.searchSpans(project)) assert.fail(`unexpected ${span.id}`);
    }, "not_found");
    assert.equal(e.message, "Project name: faults not found");
  });
});

describe("wire encoding", () => {
  it("filters, sorting and exclude go out as JSON; non-string filter values are escaped for Opik's second decode", async () => {
    fake.on(SPANS, reply(200, page([])));
    await client.listSpans({
      ...project,
      page: 2,
      size: 5,
      truncate: true,
      filters: [
        { field: "name", operator: "contains", value: "a+b%" },
        { field: "metadata", operator: "=", key: "plan", value: "a+b%" },
      ],
      sorting: [{ field: "start_time", direction: "DESC" }],
      exclude: ["input", "output"],
    });
    const q = fake.seen(SPANS)[0]!.query;
    assert.deepEqual(JSON.parse(q.get("filters")!), [
      { field: "name", operator: "contains", value: "a+b%" },
      { field: "metadata", operator: "=", key: "plan", value: "a%2Bb%25" },
    ]);
    assert.deepEqual(JSON.parse(q.get("sorting")!), [{ field: "start_time", direction: "DESC" }]);
    assert.deepEqual(JSON.parse(q.get("exclude")!), ["input", "output"]);
    assert.equal(q.get("page"), "2");
    assert.equal(q.get("truncate"), "true");
    assert.equal(q.get("project_name"), "faults");
  });

  it("ping reports latency when the backend answers", async () => {
    fake.on("GET /v1/private/projects", reply(200, { page: 1, size: 0, total: 0, content: [] }));
    const ping = await client.ping();
    assert.equal(ping.ok, true);
    assert.ok(ping.latencyMs >= 0);
    assert.equal(fake.seen("GET /v1/private/projects")[0]!.query.get("size"), "1");
  });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
