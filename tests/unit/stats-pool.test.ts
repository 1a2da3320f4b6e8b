import assert from "node:assert/strict";
import { test } from "node:test";
import { createLimiter, mapBounded } from "@/lib/stats/pool";

/** A task that finishes when the test says so. */
function deferred() {
  let resolve!: (v: number) => void;
  const promise = new Promise<number>((r) => (resolve = r));
  return { promise, resolve };
}

test("at most `limit` tasks run at once; the rest start in arrival order as slots free", async () => {
  const limiter = createLimiter(2);
  const started: number[] = [];
  const gates = [0, 1, 2, 3].map(() => deferred());
  const results = gates.map((g, i) => limiter.run(() => (started.push(i), g.promise)));
  assert.deepEqual(started, [0, 1]);
  assert.equal(limiter.active, 2);
  assert.equal(limiter.waiting, 2);
  gates[1]!.resolve(11);
  await results[1];
  await Promise.resolve();
  assert.deepEqual(started, [0, 1, 2]);
  gates[0]!.resolve(10);
  gates[2]!.resolve(12);
  gates[3]!.resolve(13);
  assert.deepEqual(await Promise.all(results), [10, 11, 12, 13]);
  assert.equal(limiter.active, 0);
});

test("an aborted waiting task leaves the queue without running; a failure frees its slot", async () => {
  const limiter = createLimiter(1);
  const gate = deferred();
  const first = limiter.run(() => gate.promise);
  const controller = new AbortController();
  let ran = false;
  const second = limiter.run(async () => ((ran = true), 2), controller.signal);
  controller.abort();
  await assert.rejects(second);
  assert.equal(limiter.waiting, 0);
  gate.resolve(1);
  assert.equal(await first, 1);
  assert.equal(ran, false);
  await assert.rejects(limiter.run(() => Promise.reject(new Error("boom"))), /boom/);
  assert.equal(await limiter.run(async () => 3), 3);
});

test("mapBounded keeps order and never exceeds the bound", async () => {
  let active = 0;
  let peak = 0;
  const out = await mapBounded([5, 1, 4, 2, 3, 0], 3, async (n) => {
    active++;
    peak = Math.max(peak, active);
    await new Promise((r) => setImmediate(r));
    active--;
    return n * 2;
  });
  assert.deepEqual(out, [10, 2, 8, 4, 6, 0]);
  assert.equal(peak, 3);
});
