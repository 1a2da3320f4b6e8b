import { v7 } from "uuid";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(text: unknown): text is string {
  return typeof text === "string" && UUID.test(text);
}

export function isUuidV7(text: unknown): text is string {
  return isUuid(text) && text[14] === "7";
}

export function newId(): string {
  return v7();
}

/** The creation time (epoch ms) a UUIDv7 carries in its first 48 bits. */
export function uuid7Millis(id: string): number {
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/**
 * Bounds for Opik's `from_time`/`to_time`: every v7 id created within the given millisecond sorts
 * between these two strings, so a time window becomes a plain range on the id column.
 */
export function uuid7LowerBound(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-0000-000000000000`;
}

export function uuid7UpperBound(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7fff-ffff-ffffffffffff`;
}
