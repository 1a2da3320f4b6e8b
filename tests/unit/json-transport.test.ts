import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { packJson, unpackJson } from "@/lib/query/json-transport";

describe("json transport of prefetched query data", () => {
  it("unpacks what it packed, and passes any other data through untouched", () => {
    const page = { ok: true, data: { page: 1, total: 2, content: [{ id: "a", input: { text: '<script>"x"</script>' } }, { id: "b", tags: ["t"] }] } };
    const packed = packJson(page);
    assert.equal(typeof packed.__packedJson, "string");
    assert.deepEqual(unpackJson(packed), page);
    const plain = { ok: false, error: { kind: "not_found" } };
    assert.equal(unpackJson(plain), plain);
    assert.equal(unpackJson(null), null);
  });
});
