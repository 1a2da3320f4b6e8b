import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { withSignal } from "@/lib/backend/in-process-fetch";

/** A body that sends one chunk and then nothing, until it is cancelled (a stalled search stream). */
function stalled(): { response: Response; cancelled: Promise<unknown> } {
  let onCancel!: (reason: unknown) => void;
  const cancelled = new Promise<unknown>((resolve) => (onCancel = resolve));
  const body = new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(new TextEncoder().encode('{"id":1}\r\n')),
    cancel: (reason) => onCancel(reason),
  });
  return { response: new Response(body, { status: 200 }), cancelled };
}

describe("withSignal: the in-process answer ends as fetch's does", () => {
  it("an abort after the answer fails the pending read with the reason and cancels the source", async () => {
    const { response, cancelled } = stalled();
    const controller = new AbortController();
    const res = await withSignal(Promise.resolve(response), controller.signal);
    assert.equal(res.status, 200);
    const reader = res.body!.getReader();
    assert.equal(new TextDecoder().decode((await reader.read()).value), '{"id":1}\r\n');
    const pending = reader.read();
    const reason = new Error("timeout");
    controller.abort(reason);
    await assert.rejects(pending, (e: unknown) => e === reason);
    assert.equal(await cancelled, reason);
  });

  it("an abort before the answer rejects the wait; the answer that comes later is cancelled", async () => {
    const { response, cancelled } = stalled();
    let answer!: (res: Response) => void;
    const controller = new AbortController();
    const waiting = withSignal(new Promise<Response>((resolve) => (answer = resolve)), controller.signal);
    const reason = new Error("cancelled by the reader");
    controller.abort(reason);
    await assert.rejects(waiting, (e: unknown) => e === reason);
    answer(response);
    assert.equal(await cancelled, reason);
  });

  it("without an abort the whole body arrives, headers and status kept", async () => {
    const controller = new AbortController();
    const res = await withSignal(Promise.resolve(Response.json({ ok: true }, { status: 201, headers: { location: "/x" } })), controller.signal);
    assert.equal(res.status, 201);
    assert.equal(res.headers.get("location"), "/x");
    assert.deepEqual(await res.json(), { ok: true });
  });
});
