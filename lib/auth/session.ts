import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The signed session cookie. Its value is `<expiry seconds>.<HMAC-SHA256>`; the HMAC key is derived
 * from the password and a secret (SPANBOARD_SESSION_SECRET, or random per process), so changing the
 * password or restarting without a configured secret ends every session. Nothing secret is in the
 * cookie itself, and a forged or altered one fails the constant-time comparison.
 */
export const SESSION_COOKIE = "spanboard_session";
export const SESSION_TTL_SECONDS = 7 * 24 * 3600;

const processSecretSlot = Symbol.for("spanboard.auth.processSecret");
type Slot = { [processSecretSlot]?: Buffer };

/** One random secret per process, shared by every bundle of it (the proxy and the app are bundled apart). */
function processSecret(): Buffer {
  const slot = globalThis as Slot;
  return (slot[processSecretSlot] ??= randomBytes(32));
}

let memo: { password: string; secret?: string; key: Buffer } | undefined;

export function sessionKey(password: string, configuredSecret?: string): Buffer {
  // Every request derives it: remember the last one (the settings do not change while running).
  if (memo && memo.password === password && memo.secret === configuredSecret) return memo.key;
  const secret = configuredSecret === undefined ? processSecret() : Buffer.from(configuredSecret, "utf8");
  const key = createHmac("sha256", secret).update(`spanboard session v1\0${password}`, "utf8").digest();
  memo = { password, secret: configuredSecret, key };
  return key;
}

const mac = (key: Buffer, expires: number) => createHmac("sha256", key).update(`v1.${expires}`).digest("base64url");

export function signSession(key: Buffer, nowMs = Date.now()): string {
  const expires = Math.floor(nowMs / 1000) + SESSION_TTL_SECONDS;
  return `${expires}.${mac(key, expires)}`;
}

export function verifySession(key: Buffer, value: string | undefined, nowMs = Date.now()): boolean {
  if (!value) return false;
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!match) return false;
  const expires = Number(match[1]);
  // Both checks always run: the answer time does not say which one failed.
  const genuine = sameSecret(match[2]!, mac(key, expires));
  return genuine && expires > nowMs / 1000;
}

/** Constant-time comparison; hashing first makes the lengths equal, so the length does not leak either. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}
