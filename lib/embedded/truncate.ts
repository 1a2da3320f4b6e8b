/**
 * Opik's `truncate=true`: base64 images become "[image]" and every top-level value of input and
 * output is cut to 10,001 characters (a cut nested value comes back as a plain string).
 */
export const TRUNCATION_SIZE = 10_001;

const IMAGE_PREFIXES = ["/9j/", "iVBORw0KGgo", "R0lGODlh", "R0lGODdh", "Qk", "SUkq", "TU0A", "UklGR"];
const DATA_URI = /^data:image\/[a-z0-9.+-]+;base64,/i;
const BASE64 = /^[A-Za-z0-9+/\r\n]+={0,2}$/;

function isBase64Image(text: string): boolean {
  const body = text.replace(DATA_URI, "");
  if (body.length < 16 && body === text) return false;
  return IMAGE_PREFIXES.some((p) => body.startsWith(p)) && BASE64.test(body.slice(0, 4096));
}

/**
 * A string value's text starts right after its opening quote, and the stored payloads are
 * `JSON.stringify` output, which never escapes a letter, digit, "/" or ":". So without a quote
 * followed by an image prefix nothing in the text is an image (keys and other false alarms only
 * cost the full check), and a text that short holds no value to cut.
 */
const MAY_HOLD_IMAGE = new RegExp(`"(?:${[...IMAGE_PREFIXES, "data:image/"].map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`, "i");

/** Whether `truncate=true` leaves this stored JSON text as it is: then parsing it is all there is to do. */
export function truncationKeeps(json: string): boolean {
  return json.length <= TRUNCATION_SIZE && !MAY_HOLD_IMAGE.test(json);
}

export function replaceImages(value: unknown): unknown {
  if (typeof value === "string") return isBase64Image(value) ? "[image]" : value;
  if (Array.isArray(value)) return value.map(replaceImages);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceImages(v)]));
  }
  return value;
}

export function truncatePayload(value: unknown): unknown {
  const cut = (v: unknown): unknown => {
    if (typeof v === "string") return v.length > TRUNCATION_SIZE ? v.slice(0, TRUNCATION_SIZE) : v;
    if (v === null || typeof v !== "object") return v;
    const text = JSON.stringify(v);
    return text.length > TRUNCATION_SIZE ? text.slice(0, TRUNCATION_SIZE) : v;
  };
  const images = replaceImages(value);
  if (Array.isArray(images)) return images.map(cut);
  if (images && typeof images === "object") {
    return Object.fromEntries(Object.entries(images).map(([k, v]) => [k, cut(v)]));
  }
  return cut(images);
}
