/**
 * A concurrency bound shared by every stats request of the view: at most `limit` run at once, the
 * rest wait in arrival order (so the totals, asked first, come first). Each stats call is a full
 * aggregate on the server; firing forty at once would only make each of them slower.
 */
export type Limiter = {
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  readonly active: number;
  readonly waiting: number;
};

export function createLimiter(limit: number): Limiter {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError("limit must be a positive integer");
  let active = 0;
  const queue: { start: () => void; signal?: AbortSignal; cancel: () => void }[] = [];

  const next = () => {
    while (active < limit && queue.length > 0) {
      const item = queue.shift()!;
      if (item.signal?.aborted) {
        item.cancel();
        continue;
      }
      item.start();
    }
  };

  return {
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
    run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const abortError = () => signal?.reason ?? new DOMException("The operation was aborted", "AbortError");
        if (signal?.aborted) return reject(abortError());
        const item = {
          signal,
          cancel: () => reject(abortError()),
          start: () => {
            active++;
            signal?.removeEventListener("abort", onAbort);
            task()
              .then(resolve, reject)
              .finally(() => {
                active--;
                next();
              });
          },
        };
        // A request nobody waits for any more leaves the queue at once instead of taking a slot.
        const onAbort = () => {
          const at = queue.indexOf(item);
          if (at >= 0) {
            queue.splice(at, 1);
            item.cancel();
          }
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        queue.push(item);
        next();
      });
    },
  };
}

/** Runs `fn` over `items` with at most `limit` at once; results keep the input order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const limiter = createLimiter(limit);
  return Promise.all(items.map((item, i) => limiter.run(() => fn(item, i))));
}
