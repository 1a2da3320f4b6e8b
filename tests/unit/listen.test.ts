import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, it } from "node:test";
import { compressResponses, isLoopbackListen, listenHost } from "@/scripts/listen.mjs";

describe("where the server listens", () => {
  it("binds to loopback unless HOST says otherwise", () => {
    assert.equal(listenHost({}), "127.0.0.1");
    assert.equal(listenHost({ HOST: "0.0.0.0" }), "0.0.0.0");
  });

  it("0.0.0.0 and :: listen beyond this machine; 127.x, localhost and ::1 do not", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]"]) assert.equal(isLoopbackListen(host), true, host);
    for (const host of ["0.0.0.0", "::", "192.168.1.10", "spanboard.example.com", "127.0.0.1.example.com"]) assert.equal(isLoopbackListen(host), false, host);
  });
});

describe("response compression", () => {
  it("is off on loopback and on beyond it, by default", () => {
    assert.equal(compressResponses({}), false);
    assert.equal(compressResponses({ HOST: "localhost" }), false);
    assert.equal(compressResponses({ HOST: "0.0.0.0" }), true);
    assert.equal(compressResponses({ HOST: "0.0.0.0", SPANBOARD_COMPRESS: "" }), true, "empty means unset");
  });

  it("SPANBOARD_COMPRESS overrides it either way", () => {
    assert.equal(compressResponses({ SPANBOARD_COMPRESS: "1" }), true);
    assert.equal(compressResponses({ SPANBOARD_COMPRESS: " Yes " }), true);
    assert.equal(compressResponses({ HOST: "0.0.0.0", SPANBOARD_COMPRESS: "off" }), false, "behind a proxy that compresses");
  });

  it("a value it does not know is an error naming the variable", () => {
    assert.throws(() => compressResponses({ SPANBOARD_COMPRESS: "gzip" }), /SPANBOARD_COMPRESS: expected 1, 0, .* got "gzip"/);
    assert.throws(() => compressResponses({ SPANBOARD_COMPRESS: "constructor" }), /got "constructor"/, "not a name every object has");
  });

  it("npm start stops on it before building or serving anything", () => {
    const start = spawnSync(process.execPath, [path.resolve(__dirname, "../../scripts/start.mjs")], {
      env: { ...process.env, SPANBOARD_COMPRESS: "gzip", SPANBOARD_DIST_DIR: ".next-never-built" },
      encoding: "utf8",
      timeout: 20_000,
    });
    assert.equal(start.status, 1, start.stdout + start.stderr);
    assert.match(start.stderr, /SPANBOARD_COMPRESS: expected 1, 0, .* got "gzip"/);
    assert.doesNotMatch(start.stdout, /build|Ready/);
  });
});
