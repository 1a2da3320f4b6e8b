/**
 * A modest brake on password guessing. Per client (the address the request came from): the first
 * FREE_FAILURES wrong passwords in a WINDOW cost nothing, every further one locks that client out for
 * a doubling time (up to MAX_LOCK). Because a directly exposed server cannot tell a forged
 * X-Forwarded-For from a real one, a global cap also locks every sign-in after GLOBAL_FAILURES wrong
 * passwords in a minute: guessing stays slow even for someone who changes "address" at each try.
 * A correct password clears the client's record. Memory is bounded (oldest records dropped first).
 */
export const FREE_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
const GLOBAL_FAILURES = 60;
const GLOBAL_WINDOW_MS = 60_000;
const MAX_CLIENTS = 10_000;

type Record_ = { failures: number; first: number; lockedUntil: number };

export class LoginBrake {
  private clients = new Map<string, Record_>();
  private global: number[] = [];

  /** Milliseconds this client must still wait (0: it may try). */
  retryAfterMs(client: string, now = Date.now()): number {
    this.global = this.global.filter((t) => now - t < GLOBAL_WINDOW_MS);
    const globalWait = this.global.length >= GLOBAL_FAILURES ? this.global[0]! + GLOBAL_WINDOW_MS - now : 0;
    const record = this.clients.get(client);
    const clientWait = record ? Math.max(0, record.lockedUntil - now) : 0;
    return Math.max(globalWait, clientWait);
  }

  failed(client: string, now = Date.now()): void {
    this.global.push(now);
    let record = this.clients.get(client);
    if (!record || now - record.first > WINDOW_MS) record = { failures: 0, first: now, lockedUntil: 0 };
    record.failures += 1;
    const over = record.failures - FREE_FAILURES;
    if (over > 0) record.lockedUntil = now + Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (over - 1));
    // Re-insert so the map's order is least-recently-failed first.
    this.clients.delete(client);
    this.clients.set(client, record);
    if (this.clients.size > MAX_CLIENTS) this.clients.delete(this.clients.keys().next().value!);
  }

  succeeded(client: string): void {
    this.clients.delete(client);
  }
}

const slot = Symbol.for("spanboard.auth.brake");

/** The process-wide brake. */
export function loginBrake(): LoginBrake {
  const g = globalThis as { [slot]?: LoginBrake };
  return (g[slot] ??= new LoginBrake());
}

/**
 * The client's address as a route handler sees it: the last X-Forwarded-For hop (what a reverse proxy
 * in front appended, or the socket address Next fills in when none was sent), else X-Real-IP, else one
 * shared bucket.
 */
export function clientAddress(headers: Headers): string {
  const hops = headers.get("x-forwarded-for")?.split(",").map((s) => s.trim()).filter(Boolean) ?? [];
  return hops.at(-1) ?? headers.get("x-real-ip")?.trim() ?? "unknown";
}
