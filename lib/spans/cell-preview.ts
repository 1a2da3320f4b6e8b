/** How many characters of an input or output a span table cell shows; the detail panel has the rest. */
export const CELL_PREVIEW_CHARS = 300;

/**
 * What the span table needs of an input or output: the value itself when it is short, else the
 * start of what the cell shows (a string as it is, anything else as JSON), one character longer
 * than the cell shows so that the cell still adds "…". A page of 50 spans then carries ~600
 * characters of each span's payloads instead of all of them, in the server's HTML (every spans page
 * render on the server's one rendering thread) and in the browser's cache alike.
 */
export function cellPreview(value: unknown): unknown {
  const text = cellText(value);
  return text.length > CELL_PREVIEW_CHARS + 1 ? text.slice(0, CELL_PREVIEW_CHARS + 1) : value;
}

/** The text a cell shows for an input, output or metadata value: one line, cut with "…". */
export function previewText(value: unknown, max = CELL_PREVIEW_CHARS): string {
  const text = cellText(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A string as it is, anything else as JSON; nothing for a missing value. */
const cellText = (value: unknown): string => (value === undefined || value === null ? "" : typeof value === "string" ? value : (JSON.stringify(value) ?? ""));
