import type { Db } from "./db";

/**
 * `make(db)` once per connection, the same result on every later call with that connection: the
 * prepared statements of a store module (each worker thread has its own connection).
 */
export function perConnection<T>(make: (db: Db) => T): (db: Db) => T {
  const made = new WeakMap<Db, T>();
  return (db) => {
    let value = made.get(db);
    if (value === undefined) made.set(db, (value = make(db)));
    return value;
  };
}
