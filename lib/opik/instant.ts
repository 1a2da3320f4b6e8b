/**
 * Opik stores instants with microsecond precision and prints them the way Java's Instant.toString
 * does: fractions in groups of three digits, trailing zero groups dropped. We keep instants as
 * integer microseconds since the epoch so they sort, compare and subtract exactly in SQLite.
 */
const ISO = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Parses an ISO-8601 instant to epoch microseconds, or returns null when it is not one. */
export function parseInstant(text: string): number | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [, date, hh, mm, ss = "00", frac = "", zone] = m;
  const base = Date.parse(`${date}T${hh}:${mm}:${ss}${zone!.toUpperCase() === "Z" ? "Z" : zone}`);
  if (Number.isNaN(base)) return null;
  const micros = Number((frac + "000000").slice(0, 6));
  return base * 1000 + micros;
}

export function formatInstant(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const rest = micros - ms * 1000;
  const iso = new Date(ms).toISOString(); // yyyy-mm-ddThh:mm:ss.mmmZ
  const head = iso.slice(0, 19);
  const millis = iso.slice(20, 23);
  if (rest !== 0) return `${head}.${millis}${String(rest).padStart(3, "0")}Z`;
  if (millis !== "000") return `${head}.${millis}Z`;
  return `${head}Z`;
}

export function nowMicros(): number {
  return Date.now() * 1000;
}
