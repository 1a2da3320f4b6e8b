import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { httpRequest, reusedSocketRetries } from "@/bench/http-client";

describe("the benchmark's HTTP client", () => {
  let server: http.Server;
  let origin = "";
  const stalled: http.ServerResponse[] = [];

  before(async () => {
    const served = new WeakSet<object>();
    server = http.createServer((req, res) => {
      if (req.url === "/stall") return void stalled.push(res);
      // A kept-alive socket's second request on /closing is met by closing it, unanswered.
      if (req.url?.startsWith("/closing")) {
        if (served.has(req.socket)) return void req.socket.destroy();
        served.add(req.socket);
      }
      const parts: Buffer[] = [];
      req.on("data", (part: Buffer) => parts.push(part));
      req.on("end", () => {
        const body = Buffer.concat(parts);
        res.writeHead(req.method === "POST" ? 201 : 200, { "content-type": "application/json" });
        // A large answer arrives in several chunks: all of them must be read.
        res.end(JSON.stringify({ method: req.method, length: req.headers["content-length"], echo: body.toString("utf8"), pad: "x".repeat(300_000) }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    for (const res of stalled) res.end();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("sends the body with its byte length and reads the whole answer", async () => {
    const body = JSON.stringify({ text: "héllo → 世界" });
    const res = await httpRequest(`${origin}/spans/batch`, { method: "POST", headers: { "content-type": "application/json" }, body });
    assert.equal(res.status, 201);
    const answer = JSON.parse(res.body.toString("utf8")) as { method: string; length: string; echo: string; pad: string };
    assert.deepEqual([answer.method, answer.length, answer.echo, answer.pad.length], ["POST", String(Buffer.byteLength(body)), body, 300_000]);
  });

  it("sends bytes as they are, and GETs without a body", async () => {
    const bytes = new TextEncoder().encode('{"spans":[]}');
    const posted = JSON.parse((await httpRequest(origin, { method: "POST", body: bytes })).body.toString("utf8")) as { echo: string };
    assert.equal(posted.echo, '{"spans":[]}');
    const got = await httpRequest(origin);
    assert.equal(got.status, 200);
    assert.equal((JSON.parse(got.body.toString("utf8")) as { method: string }).method, "GET");
  });

  it("a GET whose kept-alive socket is closed under it is sent once more; a POST is not", async () => {
    const before = reusedSocketRetries();
    assert.equal((await httpRequest(`${origin}/closing/a`)).status, 200);
    // The same socket again (the agent reuses the last one freed): closed, so sent on another.
    assert.equal((await httpRequest(`${origin}/closing/b`)).status, 200);
    assert.equal(reusedSocketRetries(), before + 1);
    await assert.rejects(httpRequest(`${origin}/closing/c`, { method: "POST", body: "{}" }), (e: NodeJS.ErrnoException) => e.code === "ECONNRESET");
    assert.equal(reusedSocketRetries(), before + 1);
  });

  it("rejects when its signal aborts before the answer", async () => {
    const signal = AbortSignal.timeout(50);
    await assert.rejects(httpRequest(`${origin}/stall`, { signal }));
    assert.equal(signal.aborted, true);
  });
});
