import assert from "node:assert/strict";
import net from "node:net";
import { after, before, beforeEach, describe, it } from "node:test";
import { v7 } from "uuid";
import { checkBackend } from "@/lib/backend/actions";
import { listProjects } from "@/lib/projects/actions";
import { getSpan, listSpans, searchSpans } from "@/lib/spans/actions";
import { addSpanComment, scoreSpan, scoreSpans, updateSpanComment } from "@/lib/spans/feedback-actions";
import { createSpans, deleteSpan, updateSpan } from "@/lib/spans/write-actions";
import { reply, startFakeOpik, stream, wireSpan, type FakeOpik } from "../support/fake-opik";
import { failed, ok, useOpik } from "../support/actions";

/**
 * Server actions when things go wrong: Opik's failures come back as `{ ok: false, error }` with Opik's
 * message and kind (nothing throws), and bad input is refused before any request leaves.
 */
let fake: FakeOpik;
const SPAN = "0197a5b6-1111-7000-8000-000000000001";
const PROJECT = "0197a5b6-2222-7000-8000-000000000002";

before(async () => {
  fake = await startFakeOpik();
  useOpik(fake.apiUrl);
});
beforeEach(() => fake.reset());
after(() => fake.stop());

describe("Opik's failures keep Opik's message and kind", () => {
  it("404 on a list: not_found", async () => {
    fake.on("GET /v1/private/spans", reply(404, { code: 404, message: `Project id: ${PROJECT} not found` }));
    const e = failed(await listSpans({ project_id: PROJECT }));
    assert.deepEqual([e.kind, e.status, e.origin, e.message], ["not_found", 404, "opik", `Project id: ${PROJECT} not found`]);
    assert.equal(e.endpoint, "GET /v1/private/spans");
  });

  it("401: unauthorized, with the user message naming the setting", async () => {
    fake.on(`GET /v1/private/spans/${SPAN}`, reply(401, { code: 401, message: "User not allowed to access workspace!" }));
    const e = failed(await getSpan({ id: SPAN }));
    assert.equal(e.kind, "unauthorized");
    assert.equal(e.message, "User not allowed to access workspace!");
    assert.match(e.userMessage, /OPIK_API_KEY/);
  });

  it("422 in the {errors} shape: invalid, errors joined", async () => {
    fake.on(`PUT /v1/private/spans/${SPAN}/feedback-scores`, reply(422, { errors: ["value must be less than or equal to 1", "name must not be blank"] }));
    const e = failed(await scoreSpan({ span_id: SPAN, name: "q", value: 0.5 }));
    assert.equal(e.kind, "invalid");
    assert.equal(e.message, "value must be less than or equal to 1; name must not be blank");
    const [req] = fake.seen(`PUT /v1/private/spans/${SPAN}/feedback-scores`);
    assert.deepEqual(JSON.parse(req!.body), { name: "q", value: 0.5, source: "ui" });
  });

  it("500 on a write: server, sent once", async () => {
    fake.on(`POST /v1/private/spans/${SPAN}/comments`, reply(500, { code: 500, message: "There was an error processing your request" }));
    const e = failed(await addSpanComment({ span_id: SPAN, text: "hi" }));
    assert.equal(e.kind, "server");
    assert.equal(e.message, "There was an error processing your request");
    assert.equal(fake.requests.length, 1);
  });

  it("501 on DELETE span (real Opik): not_supported", async () => {
    fake.on(`DELETE /v1/private/spans/${SPAN}`, reply(501));
    const e = failed(await deleteSpan({ id: SPAN }));
    assert.equal(e.kind, "not_supported");
    assert.equal(e.message, "this Opik server does not support deleting single spans");
  });

  it("429 with a long Retry-After: rate_limited with the wait", async () => {
    fake.on("GET /v1/private/projects", reply(429, { code: 429, message: "Too many requests" }, { "retry-after": "60" }));
    const e = failed(await listProjects({}));
    assert.equal(e.kind, "rate_limited");
    assert.equal(e.retryAfterMs, 60_000);
  });

  it("409 on the PATCH after the read: conflict; the PATCH carried the span's identity", async () => {
    const parent = v7();
    fake.on(`GET /v1/private/spans/${SPAN}`, reply(200, wireSpan(SPAN, { parent_span_id: parent, project_id: PROJECT })));
    fake.on(`PATCH /v1/private/spans/${SPAN}`, reply(409, { errors: ["trace_id does not match the existing span"] }));
    const e = failed(await updateSpan({ id: SPAN, name: "renamed", tags: ["a"] }));
    assert.equal(e.kind, "conflict");
    assert.equal(e.message, "trace_id does not match the existing span");
    const [patch] = fake.seen(`PATCH /v1/private/spans/${SPAN}`);
    assert.deepEqual(JSON.parse(patch!.body), {
      trace_id: wireSpan(SPAN).trace_id,
      parent_span_id: parent,
      project_id: PROJECT,
      name: "renamed",
      tags: ["a"],
    });
  });

  it("an error line at the end of the search stream fails the search", async () => {
    fake.on("POST /v1/private/spans/search", stream([`${JSON.stringify(wireSpan(SPAN))}\r\n`, `{"code":500,"message":"Streaming operation timed out"}\r\n`]));
    const e = failed(await searchSpans({ project_id: PROJECT, limit: 10 }));
    assert.equal(e.kind, "server");
    assert.equal(e.message, "Streaming operation timed out");
  });

  it("an answer that breaks the contract: bad_response naming the endpoint", async () => {
    fake.on("GET /v1/private/projects", reply(200, { page: 1, content: "nope" }));
    const e = failed(await listProjects({}));
    assert.equal(e.kind, "bad_response");
    assert.match(e.message, /GET \/v1\/private\/projects/);
  });
});

describe("an Opik that cannot be reached or configured", () => {
  it("a closed port: unavailable with the URL tried, and checkBackend says unreachable", async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/api`;
    useOpik(url);
    try {
      const e = failed(await listProjects({}));
      assert.equal(e.kind, "unavailable");
      assert.equal(e.status, 0);
      assert.match(e.message, new RegExp(`cannot reach Opik at ${url.replace(/[.]/g, "\\.")} \\(.*ECONNREFUSED`));
      const status = ok(await checkBackend(undefined));
      assert.equal(status.state, "unreachable");
      if (status.state !== "unreachable") return;
      assert.equal(status.url, url);
      assert.equal(status.error.kind, "unavailable");
    } finally {
      useOpik(fake.apiUrl);
    }
  });

  it("a bad setting: origin config, the message names it; checkBackend says config_error", async () => {
    useOpik("localhost:5173");
    try {
      const e = failed(await listProjects({}));
      assert.equal(e.origin, "config");
      assert.match(e.message, /^OPIK_URL_OVERRIDE must be an http\(s\) URL/);
      assert.match(e.userMessage, /configuration is invalid/);
      const status = ok(await checkBackend(undefined));
      assert.equal(status.state, "config_error");
      assert.match(status.state === "config_error" ? status.message : "", /OPIK_URL_OVERRIDE/);
    } finally {
      useOpik(fake.apiUrl);
    }
  });

  it("credentials in the URL are masked in what the browser gets", async () => {
    const port = await closedPort();
    useOpik(`http://user:hunter2@127.0.0.1:${port}/api`);
    try {
      const status = ok(await checkBackend(undefined));
      assert.ok(!JSON.stringify(status).includes("hunter2"), JSON.stringify(status));
    } finally {
      useOpik(fake.apiUrl);
    }
  });
});

describe("bad input is refused without calling Opik", () => {
  const cases: [string, () => Promise<{ ok: boolean }>, RegExp][] = [
    ["a span id that is not a UUID", () => getSpan({ id: "../../projects" }), /^id: must be a UUID$/],
    ["a list without a project", () => listSpans({}), /project_id: Either project_id or project_name must be given/],
    ["an operator the field's type does not allow", () => listSpans({ project_id: PROJECT, filters: [{ field: "name", operator: ">=", value: "a" }] }), /filters\.0\.operator: '>=' is not allowed for field 'name' of type STRING/],
    ["an unknown filter field", () => listSpans({ project_id: PROJECT, filters: [{ field: "colour", operator: "=", value: "red" }] }), /filters\.0\.field: is not a span filter field/],
    ["a non-numeric value for a number field", () => listSpans({ project_id: PROJECT, filters: [{ field: "duration", operator: ">", value: "slow" }] }), /filters\.0\.value: must be a decimal number/],
    ["a metadata filter without a key", () => listSpans({ project_id: PROJECT, filters: [{ field: "metadata", operator: "=", value: "x" }] }), /filters\.0\.key: is required/],
    ["an unknown operator", () => listSpans({ project_id: PROJECT, filters: [{ field: "name", operator: "LIKE" as never, value: "x" }] }), /filters\.0\.operator: must be one of/],
    ["a page size over the cap", () => listSpans({ project_id: PROJECT, size: 501 }), /size: must be at most 500/],
    ["sorting by an unknown field", () => listSpans({ project_id: PROJECT, sorting: [{ field: "colour" }] }), /sorting\.0\.field: is not a sortable span field/],
    ["an oversize comment", () => addSpanComment({ span_id: SPAN, text: "x".repeat(5001) }), /text: must be at most 5000 characters/],
    ["a blank comment", () => updateSpanComment({ span_id: SPAN, comment_id: SPAN, text: "   " }), /text: must not be blank/],
    ["a score that is not finite", () => scoreSpan({ span_id: SPAN, name: "q", value: Number.NaN }), /value:/],
    ["a score beyond Opik's range", () => scoreSpan({ span_id: SPAN, name: "q", value: 1e10 }), /value: must be less than or equal to 999999999\.999999999/],
    ["a batch score without a project", () => scoreSpans({ scores: [{ span_id: SPAN, name: "q", value: 1 }] }), /scores\.0\.project_id: Either project_id or project_name/],
    ["an update with nothing to change", () => updateSpan({ id: SPAN }), /Nothing to update/],
    ["an import over 1000 spans", () => createSpans({ spans: Array.from({ length: 1001 }, () => ({ start_time: "2024-05-01T10:00:00Z" })) }), /spans: at most 1000 spans per call/],
    ["an import with a bad start_time", () => createSpans({ spans: [{ start_time: "yesterday" }] }), /spans\.0\.start_time: must be an ISO-8601 instant/],
    ["a search limit over the cap", () => searchSpans({ project_id: PROJECT, limit: 5001 }), /limit: must be at most 5000/],
    ["input that is not an object at all", () => getSpan("oops" as never), /expected object/],
  ];
  for (const [label, call, message] of cases) {
    it(label, async () => {
      const e = failed((await call()) as never);
      assert.equal(e.origin, "input");
      assert.equal(e.kind, "invalid");
      assert.match(e.message, message);
      assert.match(e.userMessage, /^Invalid input: /);
      assert.equal(fake.requests.length, 0, "nothing was sent to Opik");
    });
  }
});

/** A port nothing listens on: bound, read, and closed again. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
