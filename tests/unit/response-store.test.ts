import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ResponseStore, type StoredAnswer } from "@/lib/backend/response-store";

const answer = (text: string): StoredAnswer => ({ status: 200, headers: { "content-type": "application/json" }, body: [Buffer.from(text)], bytes: text.length });
const text = (a: StoredAnswer | undefined) => (a ? Buffer.concat(a.body).toString() : undefined);

function store(options: { maxBytes?: number; maxEntryBytes?: number; ttlMs?: number } = {}) {
  const clock = { now: 0 };
  const s = new ResponseStore({ maxBytes: 1000, maxEntryBytes: 500, ttlMs: 5000, ...options, now: () => clock.now });
  return { s, clock };
}

describe("ResponseStore", () => {
  it("serves an answer only at the data version it was made at", () => {
    const { s } = store();
    assert.equal(s.put("a", 7, 7, answer("seven")), true);
    assert.equal(text(s.get("a", 7)), "seven");
    assert.equal(s.get("a", 8), undefined);
    // A newer version drops the entry: going back to 7 (it cannot) would not bring it back.
    assert.equal(s.get("a", 7), undefined);
    assert.deepEqual(s.size, { entries: 0, bytes: 0 });
  });

  it("does not keep an answer when something was committed while it was made", () => {
    const { s } = store();
    assert.equal(s.put("a", 7, 8, answer("made at 7")), false);
    assert.equal(s.put("a", 7, null, answer("version unreadable")), false);
    assert.equal(s.get("a", 7), undefined);
    assert.equal(s.get("a", 8), undefined);
  });

  it("ends an entry after its time to live", () => {
    const { s, clock } = store({ ttlMs: 5000 });
    s.put("a", 1, 1, answer("x"));
    clock.now = 4999;
    assert.equal(text(s.get("a", 1)), "x");
    clock.now = 5000;
    assert.equal(s.get("a", 1), undefined);
  });

  it("holds at most maxBytes, dropping the least recently used, and never an answer over maxEntryBytes", () => {
    const { s } = store({ maxBytes: 10, maxEntryBytes: 6 });
    assert.equal(s.put("big", 1, 1, answer("1234567")), false);
    s.put("a", 1, 1, answer("aaaa"));
    s.put("b", 1, 1, answer("bbbb"));
    assert.equal(text(s.get("a", 1)), "aaaa"); // now "b" is the least recently used
    s.put("c", 1, 1, answer("cccc"));
    assert.equal(s.get("b", 1), undefined);
    assert.equal(text(s.get("a", 1)), "aaaa");
    assert.equal(text(s.get("c", 1)), "cccc");
    assert.deepEqual(s.size, { entries: 2, bytes: 8 });
    s.put("a", 1, 1, answer("a2"));
    assert.deepEqual(s.size, { entries: 2, bytes: 6 });
  });

  it("lets one request make a key's answer at a version while the others for it wait", () => {
    const { s } = store();
    assert.equal(s.lead("a", 1), true);
    assert.equal(s.lead("a", 1), false);
    const order: string[] = [];
    s.follow("a", () => order.push("first"));
    s.follow("a", () => order.push("second"));
    assert.equal(order.length, 0);
    s.release("a", 2); // another version's maker: not this one
    assert.equal(order.length, 0);
    s.release("a", 1);
    assert.deepEqual(order, ["first", "second"]);
    assert.equal(s.lead("a", 1), true, "the next one leads again");
    s.release("a", 1);
    s.follow("a", () => order.push("nothing being made: at once"));
    assert.deepEqual(order, ["first", "second", "nothing being made: at once"]);
  });

  it("does not hold a request at a new version behind one making the old version's answer", () => {
    const { s } = store();
    assert.equal(s.lead("a", 1), true);
    assert.equal(s.lead("a", 2), true);
  });
});
