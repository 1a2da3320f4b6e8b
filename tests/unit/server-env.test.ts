import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import { serverEnv } from "@/scripts/server-env.mjs";

describe("the server's environment", () => {
  it("caps the main thread's heap and fixes glibc's mmap threshold", () => {
    const env = serverEnv({ PATH: "/usr/bin" });
    assert.equal(env.NODE_OPTIONS, "--max-old-space-size=1024");
    assert.equal(env.MALLOC_MMAP_THRESHOLD_, "131072");
    assert.equal(env.PATH, "/usr/bin");
  });

  it("keeps the caller's settings, theirs after ours so that theirs win", () => {
    const env = serverEnv({ NODE_OPTIONS: "--max-old-space-size=2048 --enable-source-maps", MALLOC_MMAP_THRESHOLD_: "65536" });
    assert.equal(env.NODE_OPTIONS, "--max-old-space-size=1024 --max-old-space-size=2048 --enable-source-maps");
    assert.equal(env.MALLOC_MMAP_THRESHOLD_, "65536");
  });

  it("sets no cap when the main thread serves the API itself (SPANBOARD_READ_WORKERS=0)", () => {
    assert.equal(serverEnv({ SPANBOARD_READ_WORKERS: "0" }).NODE_OPTIONS, "");
    assert.equal(serverEnv({ SPANBOARD_READ_WORKERS: "0", NODE_OPTIONS: "--enable-source-maps" }).NODE_OPTIONS, "--enable-source-maps");
    assert.equal(serverEnv({ SPANBOARD_READ_WORKERS: "2" }).NODE_OPTIONS, "--max-old-space-size=1024");
  });

  // What scripts/serve.mjs relies on: lifting the flag after start leaves the main thread's cap in
  // place and gives a worker started afterwards V8's default.
  it("gives the main thread its cap and, once serve.mjs lifts it, workers V8's default", () => {
    const script = `
      const v8 = require("node:v8");
      const { Worker } = require("node:worker_threads");
      const mb = () => v8.getHeapStatistics().heap_size_limit / 2 ** 20;
      const main = mb();
      v8.setFlagsFromString("--max-old-space-size=0");
      const worker = new Worker("require('node:worker_threads').parentPort.postMessage(require('node:v8').getHeapStatistics().heap_size_limit / 2 ** 20)", { eval: true });
      worker.once("message", (limit) => { console.log(JSON.stringify({ main, worker: limit, afterMain: mb() })); worker.terminate(); });
    `;
    const run = spawnSync(process.execPath, ["-e", script], { env: serverEnv({ PATH: process.env.PATH }), encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    const limits = JSON.parse(run.stdout) as { main: number; worker: number; afterMain: number };
    const plain = spawnSync(process.execPath, ["-p", "require('node:v8').getHeapStatistics().heap_size_limit / 2 ** 20"], { env: { ...process.env, NODE_OPTIONS: "" }, encoding: "utf8" });
    const defaultLimit = Number(plain.stdout);
    assert.ok(limits.main < 1200, `main thread cap ${limits.main} MB`);
    assert.equal(limits.afterMain, limits.main, "lifting the flag leaves the running main thread's cap");
    assert.equal(limits.worker, defaultLimit, "the worker's cap is V8's default");
  });
});
