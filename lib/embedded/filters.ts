import { OPERATORS, OPERATORS_BY_TYPE, SPAN_FILTER_FIELDS, type FilterFieldType, type Operator } from "@/lib/opik/schemas/filters";
import { parseInstant } from "@/lib/opik/instant";
import { badRequest, jsonArrayParam } from "./http";
import { parseJsonPathKey, type PathSegment } from "./json-path";

/**
 * The span `filters` parameter, parsed and validated the way Opik's FiltersFactory does it (§6 of
 * the reference): exact duplicates dropped, `custom` keys mapped to input/output fields, values of
 * non-string types URL-decoded a second time, then operator and value/key checks, each with
 * Opik's own 400 message. The result is typed; filters-sql.ts turns it into SQL.
 */
export type FieldType = FilterFieldType;
export { SPAN_FILTER_FIELDS };
export type SpanFilterField = Exclude<keyof typeof SPAN_FILTER_FIELDS, "custom">;

const ALLOWED = OPERATORS_BY_TYPE;

export const NO_VALUE_OPERATORS: ReadonlySet<Operator> = new Set(["is_empty", "is_not_empty"]);
export const MULTI_VALUE_OPERATORS: ReadonlySet<Operator> = new Set(["in", "not_in"]);
const SOURCE_VALUES = new Set(["sdk", "experiment", "playground", "optimization", "unknown"]);

/** A validated filter. `value` is decoded; `path` is set for dictionary fields. */
export type SpanFilter = {
  field: SpanFilterField;
  type: Exclude<FieldType, "CUSTOM">;
  operator: Operator;
  key: string | null;
  value: string;
  path?: PathSegment[];
};

export type RawFilter = { field: keyof typeof SPAN_FILTER_FIELDS; operator: Operator; key: string | null; value: string };

/** GET /spans and /spans/stats: the `filters` query param (a JSON array in a string). */
export function parseFiltersParam(raw: string | null | undefined): SpanFilter[] {
  if (raw === null || raw === undefined || raw.trim() === "") return [];
  const invalid = () => badRequest(`Invalid filters query parameter '${raw}'`);
  return validateFilters(jsonArrayParam(raw, invalid).map((item) => readRaw(item, () => invalid())));
}

/**
 * POST /spans/search: `filters` is already a JSON array. Its shape is checked while the body is
 * read (errors are JSON-body errors there); `validateFilters` runs later, after the project check.
 */
export function readFiltersBody(items: unknown): RawFilter[] {
  if (items === null || items === undefined) return [];
  const invalid = (why: string) => badRequest(`Unable to process JSON. ${why}`);
  if (!Array.isArray(items)) throw invalid("Cannot deserialize value of type `java.util.ArrayList` at 'filters'");
  return items.map((item) => readRaw(item, invalid));
}

/** Jackson's view of one element: required field/operator/value, scalars coerced to text. */
function readRaw(item: unknown, fail: (why: string) => Error): RawFilter {
  if (item === null || typeof item !== "object" || Array.isArray(item)) throw fail("Cannot deserialize value of type `SpanFilter`");
  const o = item as Record<string, unknown>;
  const text = (v: unknown): string | null | undefined =>
    typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : v === null ? null : undefined;
  const field = text(o.field);
  if (typeof field !== "string" || !Object.hasOwn(SPAN_FILTER_FIELDS, field)) {
    throw fail(`Cannot deserialize value of type \`SpanField\` from String "${String(o.field)}"`);
  }
  const operator = text(o.operator);
  if (typeof operator !== "string" || !(OPERATORS as readonly string[]).includes(operator)) {
    throw fail(`Cannot deserialize value of type \`Operator\` from String "${String(o.operator)}"`);
  }
  const value = text(o.value);
  if (typeof value !== "string") throw fail("Missing required creator property 'value'");
  const key = text(o.key);
  if (key === undefined && o.key !== undefined) throw fail("Cannot deserialize value of type `java.lang.String` at 'key'");
  return { field: field as RawFilter["field"], operator: operator as Operator, key: key ?? null, value };
}

export function validateFilters(raws: RawFilter[]): SpanFilter[] {
  const seen = new Set<string>();
  const out: SpanFilter[] = [];
  for (const raw of raws) {
    const id = JSON.stringify([raw.field, raw.operator, raw.key, raw.value]);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(toValidAndDecoded(mapCustom(raw)));
  }
  return out;
}

/** `custom` with key `input.a[0]` → input_json `a[0]`; a bare `input`/`output` → the STRING field. */
function mapCustom(raw: RawFilter): RawFilter {
  if (raw.field !== "custom") return raw;
  const value = urlDecode(raw.value);
  if (raw.key === null || raw.key.trim() === "") throw badRequest("Custom key cannot be null or empty");
  let key = raw.key.startsWith("$.") ? raw.key.slice(2) : raw.key;
  const dot = key.indexOf(".");
  const head = dot < 0 ? key : key.slice(0, dot);
  const m = /^(.*?)(\[\d+\])?$/s.exec(head)!;
  const base = m[1]!;
  const index = m[2] ?? null;
  key = dot < 0 ? (index ?? "") : index ? `${index}.${key.slice(dot + 1)}` : key.slice(dot + 1);
  const isDictionary = dot >= 0 || index !== null;
  if (base !== "input" && base !== "output") throw badRequest(`Invalid key '${raw.key}' for custom filter`);
  return { field: isDictionary ? `${base}_json` : base, operator: raw.operator, key: isDictionary ? key : null, value };
}

function toValidAndDecoded(raw: RawFilter): SpanFilter {
  const field = raw.field as SpanFilterField;
  const type = SPAN_FILTER_FIELDS[field];
  let value = raw.value;
  // Opik decodes once more for everything but plain strings and enums (§6.3 "value decoding quirk").
  if (type !== "STRING" && type !== "ENUM" && !NO_VALUE_OPERATORS.has(raw.operator)) value = urlDecode(value);
  if (!ALLOWED[type].includes(raw.operator)) {
    throw badRequest(`Invalid operator '${raw.operator}' for field '${field}' of type '${type}'`);
  }
  const filter: SpanFilter = { field, type, operator: raw.operator, key: raw.key, value };
  if (!validValueAndKey(filter)) {
    throw badRequest(`Invalid value '${value}' or key '${raw.key === null ? "null" : raw.key}' for field '${field}' of type '${type}'`);
  }
  return filter;
}

const blank = (s: string | null) => s === null || s.trim() === "";
const PLAIN_NUMBER = /^-?(?:\d+(?:\.\d+)?|\.\d+)$/; // commons-lang NumberUtils.isParsable
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/; // java.math.BigDecimal
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/i; // Instant.parse

function validValueAndKey(f: SpanFilter): boolean {
  const noValue = NO_VALUE_OPERATORS.has(f.operator);
  switch (f.type) {
    case "STRING":
      return !blank(f.value);
    case "DATE_TIME":
      return INSTANT.test(f.value) && parseInstant(f.value) !== null;
    case "NUMBER":
      return PLAIN_NUMBER.test(f.value);
    case "LIST":
    case "ENUM":
      return noValue || !blank(f.value);
    case "ENUM_LEGACY": {
      if (blank(f.value)) return false;
      const values = MULTI_VALUE_OPERATORS.has(f.operator) ? splitValues(f.value) : [f.value];
      return values.length > 0 && values.every((v) => SOURCE_VALUES.has(v));
    }
    case "FEEDBACK_SCORES_NUMBER":
      return !blank(f.key) && (noValue || DECIMAL.test(f.value));
    case "ERROR_CONTAINER":
      return noValue;
    case "DICTIONARY": {
      if (blank(f.key)) return false;
      const path = parseJsonPathKey(f.key!);
      if (!path || path.length === 0) return false;
      f.path = path;
      return true;
    }
  }
}

/** The comma-separated list of `in`/`not_in`, trimmed, empty entries dropped (Opik binds it so). */
export function splitValues(value: string): string[] {
  return value.split(",").map((v) => v.trim()).filter((v) => v !== "");
}

/**
 * java.net.URLDecoder.decode(value, UTF-8): `+` is a space, runs of `%xx` are UTF-8 bytes, and a
 * malformed escape is an IllegalArgumentException, which Opik answers with "Invalid filter '<value>'".
 */
export function urlDecode(value: string): string {
  if (!value.includes("%") && !value.includes("+")) return value;
  let out = "";
  let i = 0;
  while (i < value.length) {
    const c = value[i]!;
    if (c === "+") {
      out += " ";
      i++;
    } else if (c === "%") {
      const bytes: number[] = [];
      while (i < value.length && value[i] === "%") {
        const byte = i + 3 <= value.length ? hexByte(value.slice(i + 1, i + 3)) : null;
        if (byte === null) throw badRequest(`Invalid filter '${value}'`);
        bytes.push(byte);
        i += 3;
      }
      out += new TextDecoder("utf-8").decode(new Uint8Array(bytes));
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Integer.parseInt(s, 16) on two characters, refusing what URLDecoder refuses (incl. negatives). */
function hexByte(pair: string): number | null {
  if (/^[0-9a-f]{2}$/i.test(pair)) return parseInt(pair, 16);
  if (/^\+[0-9a-f]$/i.test(pair)) return parseInt(pair.slice(1), 16);
  if (/^-0$/.test(pair)) return 0;
  return null;
}
