/**
 * Prefetched query data sent from a page's server render to the browser as one JSON string.
 * React's flight encoding walks every value of the dehydrated state one by one, and the server's
 * HTML render decodes them again; a page of spans is a few thousand values. One string costs one
 * `JSON.stringify` and one `JSON.parse`.
 */
export type PackedJson = { __packedJson: string };

const isPacked = (data: unknown): data is PackedJson =>
  typeof data === "object" && data !== null && typeof (data as PackedJson).__packedJson === "string";

/** dehydrate's `serializeData`. */
export const packJson = (data: unknown): PackedJson => ({ __packedJson: JSON.stringify(data) });

/** hydrate's `deserializeData`: the inverse of `packJson`; anything else passes as it is. */
export const unpackJson = (data: unknown): unknown => (isPacked(data) ? JSON.parse(data.__packedJson) : data);
