import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { dehydrate, hydrate, keepPreviousData, MutationObserver, QueryClient, type MutationOptions } from "@tanstack/react-query";
import { v7 } from "uuid";
import { ActionFailure } from "@/lib/actions/result";
import type { SpanPage, SpanPublic } from "@/lib/opik/client";
import { addCommentMutation, deleteCommentsMutation, PENDING_COMMENT_PREFIX, updateCommentMutation } from "@/lib/spans/comment-mutations";
import { deleteScoreMutation, scoreSpanMutation, scoreSpansMutation, updateSpanMutation } from "@/lib/spans/mutations";
import { prefetchNextSpanPage, spanKeys, spanListQuery, spanQuery, traceQuery } from "@/lib/spans/queries";
import { currentNotices, dismiss } from "@/lib/ui/notices";
import { makeQueryClient } from "@/lib/query/client";
import { reply, startFakeOpik, type FakeOpik } from "../support/fake-opik";
import { useOpik } from "../support/actions";
import { api } from "../support/api";
import { startServer, type TestServer } from "../support/server";

/**
 * The React Query layer without a browser: the same query options the pages use, and the mutation
 * options behind the hooks, run on a bare QueryClient against the embedded server (success) and a
 * fake Opik (failure, with the answer held back to look at the optimistic state).
 */
let server: TestServer;
let fake: FakeOpik;
const project = `cache-${v7()}`;
const trace = v7();
const spanA = v7();
const spanB = v7();
const list = { project_name: project, size: 1, sorting: [{ field: "start_time" as const, direction: "ASC" as const }] };

before(async () => {
  server = await startServer();
  fake = await startFakeOpik();
  useOpik(server.apiUrl);
  const spans = [spanA, spanB].map((id, i) => ({ id, trace_id: trace, project_name: project, name: `s${i}`, start_time: `2024-05-01T10:00:0${i}Z` }));
  const http = api(server.apiUrl);
  assert.equal((await http.post("/v1/private/spans/batch", { spans })).status, 204);
  assert.equal((await http.post("/v1/private/traces", { id: trace, project_name: project, name: "t", start_time: "2024-05-01T10:00:00Z" })).status, 201);
});
beforeEach(() => {
  useOpik(server.apiUrl);
  fake.reset();
  for (const n of currentNotices()) dismiss(n.id);
});
after(async () => {
  await fake.stop();
  await server.stop();
});

function run<TData, TVars, TContext>(client: QueryClient, options: MutationOptions<TData, Error, TVars, TContext>, vars: TVars): Promise<TData> {
  return new MutationObserver(client, options).mutate(vars);
}

const scoresOf = (span: SpanPublic | undefined) => (span?.feedback_scores ?? []).map((s) => [s.name, s.value]);

describe("queries", () => {
  it("the list keeps the previous page while the next loads, and the next page can be prefetched", async () => {
    const client = makeQueryClient();
    assert.equal(spanListQuery(list).placeholderData, keepPreviousData);
    const page1 = await client.fetchQuery(spanListQuery(list));
    assert.equal(page1.total, 2);
    await prefetchNextSpanPage(client, list, page1.total);
    assert.deepEqual(client.getQueryData<SpanPage>(spanKeys.list({ ...list, page: 2 }))?.content.map((s) => s.id), [spanB]);
    await prefetchNextSpanPage(client, { ...list, page: 2 }, page1.total);
    assert.equal(client.getQueryData(spanKeys.list({ ...list, page: 3 })), undefined, "no page after the last");
  });

  it("server prefetch and client share keys: dehydrated data hydrates under the client's key", async () => {
    const server = makeQueryClient();
    await server.prefetchQuery(spanQuery(spanA));
    const browser = makeQueryClient();
    hydrate(browser, JSON.parse(JSON.stringify(dehydrate(server))));
    assert.equal(browser.getQueryData<SpanPublic>(spanQuery(spanA).queryKey)?.id, spanA);
  });

  it("a failed action fails the query with an ActionFailure carrying Opik's error, without a retry", async () => {
    const client = makeQueryClient();
    const missing = v7();
    await assert.rejects(client.fetchQuery({ ...spanQuery(missing), retry: client.getDefaultOptions().queries?.retry }), (e: unknown) => {
      assert.ok(e instanceof ActionFailure);
      assert.equal(e.info.kind, "not_found");
      assert.equal(e.info.message, `Span id: ${missing} not found`);
      return true;
    });
    const retry = client.getDefaultOptions().queries?.retry as (failures: number, error: Error) => boolean;
    assert.equal(retry(0, new ActionFailure({ kind: "unavailable", status: 0, message: "x", userMessage: "x", origin: "opik" })), false, "lib/opik already retried");
    assert.equal(retry(0, new Error("chunk load failed")), true, "anything else gets one more try");
  });
});

describe("score mutations", () => {
  it("a score shows at once in every cached copy, then the copies are refetched with Opik's value", async () => {
    const client = makeQueryClient();
    await Promise.all([client.fetchQuery(spanQuery(spanA)), client.fetchQuery(spanListQuery(list)), client.fetchQuery(traceQuery({ trace_id: trace }))]);
    const observer = new MutationObserver(client, scoreSpanMutation(client));
    const done = observer.mutate({ span_id: spanA, name: "quality", value: 0.75 });
    await waitFor(() => scoresOf(client.getQueryData(spanKeys.detail(spanA))).length > 0);
    assert.deepEqual(scoresOf(client.getQueryData(spanKeys.detail(spanA))), [["quality", 0.75]], "detail, optimistically");
    assert.deepEqual(scoresOf(client.getQueryData<SpanPage>(spanKeys.list(list))?.content[0]), [["quality", 0.75]], "list");
    const traced = client.getQueryData<{ spans: SpanPublic[] }>(spanKeys.trace({ trace_id: trace }))!.spans.find((s) => s.id === spanA);
    assert.deepEqual(scoresOf(traced), [["quality", 0.75]], "trace tree");
    await done;
    assert.equal(client.getQueryState(spanKeys.detail(spanA))?.isInvalidated, true, "detail invalidated by prefix");
    assert.equal(client.getQueryState(spanKeys.list(list))?.isInvalidated, true);
    const fresh = await client.fetchQuery(spanQuery(spanA));
    assert.deepEqual(scoresOf(fresh), [["quality", 0.75]], "Opik has it");
    assert.equal(fresh.feedback_scores?.[0]?.source, "ui");

    await run(client, deleteScoreMutation(client), { span_id: spanA, name: "quality" });
    assert.deepEqual(scoresOf(client.getQueryData(spanKeys.detail(spanA))), [], "removed at once");
    assert.deepEqual(scoresOf(await client.fetchQuery(spanQuery(spanA))), []);
  });

  it("a refused score rolls back every copy and posts a visible message", async () => {
    const client = makeQueryClient();
    await Promise.all([client.fetchQuery(spanQuery(spanB)), client.fetchQuery(spanListQuery({ ...list, page: 2 }))]);
    const before = client.getQueryData(spanKeys.detail(spanB));
    useOpik(fake.apiUrl);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    fake.on(`PUT /v1/private/spans/${spanB}/feedback-scores`, async (r) => {
      await held;
      reply(403, { code: 403, message: "You do not have permission to score in this workspace" })(r);
    });
    const done = run(client, scoreSpanMutation(client), { span_id: spanB, name: "quality", value: 1 });
    await fake.next(`PUT /v1/private/spans/${spanB}/feedback-scores`);
    assert.deepEqual(scoresOf(client.getQueryData(spanKeys.detail(spanB))), [["quality", 1]], "optimistic while Opik thinks");
    release();
    await assert.rejects(done, ActionFailure);
    assert.deepEqual(client.getQueryData(spanKeys.detail(spanB)), before, "detail rolled back");
    assert.deepEqual(scoresOf(client.getQueryData<SpanPage>(spanKeys.list({ ...list, page: 2 }))?.content[0]), [], "list rolled back");
    const [notice] = currentNotices();
    assert.equal(notice?.tone, "error");
    assert.match(notice!.message, /^The score "quality" was not saved: Opik refused the request \(403\): You do not have permission/);
  });

  it("a batch score applies to each span at once", async () => {
    const client = makeQueryClient();
    const projectId = (await client.fetchQuery(spanQuery(spanA))).project_id!;
    await client.fetchQuery(spanQuery(spanB));
    await run(client, scoreSpansMutation(client), {
      scores: [spanA, spanB].map((span_id) => ({ span_id, project_id: projectId, name: "batch", value: 2 })),
    });
    for (const id of [spanA, spanB]) assert.deepEqual(scoresOf(await client.fetchQuery(spanQuery(id))), [["batch", 2]]);
  });
});

describe("comment mutations", () => {
  it("add: a pending comment appears, then carries Opik's id; update and delete apply at once", async () => {
    const client = makeQueryClient();
    await client.fetchQuery(spanQuery(spanA));
    const observer = new MutationObserver(client, addCommentMutation(client));
    const done = observer.mutate({ span_id: spanA, text: "needs a look" });
    await waitFor(() => (client.getQueryData<SpanPublic>(spanKeys.detail(spanA))?.comments?.length ?? 0) > 0);
    assert.ok(client.getQueryData<SpanPublic>(spanKeys.detail(spanA))!.comments![0]!.id.startsWith(PENDING_COMMENT_PREFIX));
    const { id } = await done;
    assert.deepEqual(client.getQueryData<SpanPublic>(spanKeys.detail(spanA))?.comments?.map((c) => [c.id, c.text]), [[id, "needs a look"]]);

    await run(client, updateCommentMutation(client), { span_id: spanA, comment_id: id, text: "fixed" });
    assert.equal(client.getQueryData<SpanPublic>(spanKeys.detail(spanA))?.comments?.[0]?.text, "fixed");
    assert.equal((await client.fetchQuery(spanQuery(spanA))).comments?.[0]?.text, "fixed", "Opik agrees");

    await run(client, deleteCommentsMutation(client), { span_id: spanA, ids: [id] });
    assert.equal(client.getQueryData<SpanPublic>(spanKeys.detail(spanA))?.comments, undefined);
    assert.equal((await client.fetchQuery(spanQuery(spanA))).comments, undefined);
  });

  it("a refused comment disappears again with a message", async () => {
    const client = makeQueryClient();
    await client.fetchQuery(spanQuery(spanB));
    useOpik(fake.apiUrl);
    fake.on(`POST /v1/private/spans/${spanB}/comments`, reply(404, { code: 404, message: `Span id: ${spanB} not found` }));
    await assert.rejects(run(client, addCommentMutation(client), { span_id: spanB, text: "hello" }), ActionFailure);
    assert.equal(client.getQueryData<SpanPublic>(spanKeys.detail(spanB))?.comments, undefined);
    assert.match(currentNotices()[0]!.message, /^Your comment was not saved: Not found in Opik \(404\): Span id: .* not found\.$/);
  });
});

describe("other writes", () => {
  it("updateSpan invalidates the span's copies by prefix", async () => {
    const client = makeQueryClient();
    await Promise.all([client.fetchQuery(spanQuery(spanB)), client.fetchQuery(spanListQuery(list))]);
    await run(client, updateSpanMutation(client), { id: spanB, name: "renamed" });
    assert.equal(client.getQueryState(spanKeys.detail(spanB))?.isInvalidated, true);
    assert.equal(client.getQueryState(spanKeys.list(list))?.isInvalidated, true);
    assert.equal((await client.fetchQuery(spanQuery(spanB))).name, "renamed");
  });

  it("a write with bad input fails the mutation with the input error", async () => {
    const client = makeQueryClient();
    useOpik(fake.apiUrl);
    await assert.rejects(run(client, updateSpanMutation(client), { id: "nope", name: "x" }), (e: unknown) => e instanceof ActionFailure && e.info.origin === "input");
    assert.equal(fake.requests.length, 0);
  });
});

/** Polls a condition on the event loop (no fixed sleep): the mutation's onMutate is async. */
async function waitFor(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) assert.fail("condition not met in time");
    await new Promise((resolve) => setImmediate(resolve));
  }
}
