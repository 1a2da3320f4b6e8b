import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Db } from "@/lib/embedded/db";
import { dataVersionOf } from "@/lib/embedded/data-version";
import { tempDatabase } from "../support/temp-db";

describe("dataVersionOf", () => {
  let writer: Db;
  const dir = tempDatabase("spanboard-data-version-", (db) => (writer = db));

  it("changes with every commit by another connection, and only then", () => {
    writer.exec("CREATE TABLE scratch (x)");
    const version = dataVersionOf(dir.file("db.sqlite"));
    const v0 = version();
    assert.equal(typeof v0, "number");
    assert.equal(version(), v0);
    writer.exec("INSERT INTO scratch VALUES (1)");
    const v1 = version();
    assert.notEqual(v1, v0);
    assert.equal(version(), v1);
    // A rolled-back transaction commits nothing.
    writer.exec("BEGIN; DELETE FROM scratch; ROLLBACK;");
    assert.equal(version(), v1);
    writer.exec("DELETE FROM scratch");
    assert.notEqual(version(), v1);
  });

  it("is null for a file it cannot read", () => {
    const version = dataVersionOf(dir.file("missing.sqlite"));
    assert.equal(version(), null);
  });
});
