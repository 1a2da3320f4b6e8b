import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clientAddress, FREE_FAILURES, LoginBrake } from "@/lib/auth/brake";
import { contentSecurityPolicy } from "@/lib/auth/csp";
import { safeNextPath } from "@/lib/auth/redirect";
import { sessionKey, signSession, verifySession } from "@/lib/auth/session";

describe("safeNextPath", () => {
  it("keeps same-site paths with their query and fragment", () => {
    for (const p of ["/", "/setup", "/projects/a/spans?size=50&sort=x", "/projects/a/spans/b#c", "/a%2F%2Fb"]) assert.equal(safeNextPath(p), p);
  });
  it("turns anything that could leave the site, or loop, into /", () => {
    for (const p of [null, undefined, "", "//evil.example", "///evil.example", "/\\evil.example", "\\\\evil.example", "https://evil.example", "javascript:alert(1)", "/\t/evil.example", "/\n/evil.example", "evil.example", "/login", "/logout?x", `/${"a".repeat(3000)}`]) {
      assert.equal(safeNextPath(p), "/", String(p));
    }
  });
});

describe("session cookies", () => {
  const key = sessionKey("password-1", "x".repeat(32));
  it("verify only when signed with the same key and not expired", () => {
    const now = Date.UTC(2026, 0, 1);
    const cookie = signSession(key, now);
    assert.equal(verifySession(key, cookie, now + 1000), true);
    assert.equal(verifySession(key, cookie, now + 8 * 24 * 3600_000), false, "expired after 7 days");
    assert.equal(verifySession(sessionKey("password-2", "x".repeat(32)), cookie, now), false, "another password");
    assert.equal(verifySession(sessionKey("password-1", "y".repeat(32)), cookie, now), false, "another secret");
    assert.equal(verifySession(key, cookie.replace(/^\d+/, (d) => String(Number(d) + 1)), now), false, "re-dated");
    assert.equal(verifySession(key, undefined, now), false);
  });
  it("without a configured secret, the per-process one is stable within the process", () => {
    assert.deepEqual(sessionKey("p"), sessionKey("p"));
    assert.notDeepEqual(sessionKey("p"), sessionKey("q"));
  });
});

describe("LoginBrake", () => {
  it("lets FREE_FAILURES wrong passwords through, then locks for a doubling time", () => {
    const brake = new LoginBrake();
    const t = 1_000_000;
    for (let i = 0; i < FREE_FAILURES; i++) {
      assert.equal(brake.retryAfterMs("a", t), 0);
      brake.failed("a", t);
    }
    assert.equal(brake.retryAfterMs("a", t), 0);
    brake.failed("a", t);
    assert.equal(brake.retryAfterMs("a", t), 30_000);
    assert.equal(brake.retryAfterMs("b", t), 0, "other clients are free");
    brake.failed("a", t + 30_000);
    assert.equal(brake.retryAfterMs("a", t + 30_000), 60_000);
    brake.succeeded("a");
    assert.equal(brake.retryAfterMs("a", t + 30_000), 0);
  });
  it("locks everyone when guesses come from many addresses at once", () => {
    const brake = new LoginBrake();
    for (let i = 0; i < 60; i++) brake.failed(`addr-${i}`, 5000);
    assert.ok(brake.retryAfterMs("fresh", 5000) > 0);
    assert.equal(brake.retryAfterMs("fresh", 5000 + 60_000), 0, "for a minute");
  });
  it("takes the last forwarded hop as the client", () => {
    assert.equal(clientAddress(new Headers({ "x-forwarded-for": "1.1.1.1, 2.2.2.2" })), "2.2.2.2");
    assert.equal(clientAddress(new Headers()), "unknown");
  });
});

describe("contentSecurityPolicy", () => {
  it("has no unsafe script source in production and never allows remote images", () => {
    const csp = contentSecurityPolicy("abc", false);
    assert.match(csp, /script-src 'self' 'nonce-abc' 'strict-dynamic';/);
    assert.doesNotMatch(csp, /unsafe-eval|script-src[^;]*unsafe-inline/);
    assert.match(csp, /img-src 'self' data:;/);
    for (const d of ["object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"]) assert.ok(csp.includes(d), d);
    assert.match(contentSecurityPolicy("abc", true), /'unsafe-eval'/);
  });
});
