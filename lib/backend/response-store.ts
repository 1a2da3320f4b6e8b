/**
 * Answers kept in memory against the data version they were made at (lib/embedded/data-version.ts):
 * an entry serves only while the version is unchanged and for at most `ttlMs`, and the store holds
 * at most `maxBytes`, dropping the least recently used first. While one request makes a key's answer
 * at a version, others for the same key and version wait for it (`lead` / `follow` / `release`)
 * instead of making it again: after each commit every reader of a page would otherwise render it at
 * once.
 */
export type StoredAnswer = { status: number; headers: Record<string, string | string[]>; body: Buffer[]; bytes: number; nonce?: string };

type Entry = { version: number; expires: number; answer: StoredAnswer };
type Waiting = { version: number; waiters: (() => void)[] };

export type StoreOptions = { maxBytes: number; maxEntryBytes: number; ttlMs: number; now?: () => number };

export class ResponseStore {
  private readonly entries = new Map<string, Entry>();
  private readonly making = new Map<string, Waiting>();
  private bytes = 0;
  private readonly now: () => number;

  constructor(private readonly options: StoreOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  get(key: string, version: number): StoredAnswer | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.version !== version || entry.expires <= this.now()) {
      this.drop(key, entry);
      return undefined;
    }
    // Most recently used last: Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.answer;
  }

  /** Kept only if it fits and the version it was made at is still the current one. */
  put(key: string, version: number, current: number | null, answer: StoredAnswer): boolean {
    if (current !== version || answer.bytes > this.options.maxEntryBytes) return false;
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    this.entries.set(key, { version, expires: this.now() + this.options.ttlMs, answer });
    this.bytes += answer.bytes;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.options.maxBytes) break;
      this.drop(k, e);
    }
    return true;
  }

  /** True when the caller is to make the answer (and `release` it after); false when another is making it. */
  lead(key: string, version: number): boolean {
    const waiting = this.making.get(key);
    if (waiting && waiting.version === version) return false;
    if (!waiting) this.making.set(key, { version, waiters: [] });
    return true;
  }

  /** Runs `then` once the answer being made for `key` is done (kept or not). */
  follow(key: string, then: () => void): void {
    const waiting = this.making.get(key);
    if (waiting) waiting.waiters.push(then);
    else then();
  }

  release(key: string, version: number): void {
    const waiting = this.making.get(key);
    if (!waiting || waiting.version !== version) return;
    this.making.delete(key);
    for (const then of waiting.waiters) then();
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.answer.bytes;
  }
}
