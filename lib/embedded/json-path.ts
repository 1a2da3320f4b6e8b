/**
 * JSON paths as Opik filter keys write them (`model[0].version`, `$.a.b`, `$['my-key']`) turned into
 * the path strings SQLite's JSON functions use. The same string is what `json_tree` reports as
 * `fullkey`, which is how `span_meta` rows are keyed, so a key found by a filter is the key indexed.
 */
export type PathSegment = string | number;

export function parseJsonPathKey(key: string): PathSegment[] | null {
  let rest = key.trim();
  if (rest === "" || rest === "$") return rest === "$" ? [] : null;
  if (rest.startsWith("$")) rest = rest.slice(1);
  const segments: PathSegment[] = [];
  let i = 0;
  while (i < rest.length) {
    const c = rest[i];
    if (c === ".") {
      i++;
      if (rest[i] === '"') {
        const end = rest.indexOf('"', i + 1);
        if (end < 0) return null;
        segments.push(rest.slice(i + 1, end));
        i = end + 1;
        continue;
      }
    }
    if (rest[i] === "[") {
      const close = rest.indexOf("]", i);
      if (close < 0) return null;
      const inner = rest.slice(i + 1, close).trim();
      if (/^\d+$/.test(inner)) segments.push(Number(inner));
      else if (/^'.*'$|^".*"$/.test(inner) && inner.length >= 2) segments.push(inner.slice(1, -1));
      else return null;
      i = close + 1;
      continue;
    }
    let j = i;
    while (j < rest.length && rest[j] !== "." && rest[j] !== "[") j++;
    const name = rest.slice(i, j);
    if (name === "") return null;
    segments.push(name);
    i = j;
  }
  return segments;
}

const PLAIN = /^[A-Za-z][A-Za-z0-9]*$/;

export function sqlitePath(segments: PathSegment[]): string {
  let out = "$";
  for (const seg of segments) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += PLAIN.test(seg) ? `.${seg}` : `."${seg.replace(/"/g, '\\"')}"`;
  }
  return out;
}

/**
 * SQL for the text Opik compares a JSON scalar against: lower-cased text, `true`/`false`/`null` as
 * words, objects and arrays as "" and a missing path as NULL. `doc` and `path` are SQL expressions.
 */
export function jsonScalarTextSql(doc: string, path: string): string {
  return `(CASE json_type(${doc}, ${path}) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' THEN 'null' WHEN 'object' THEN '' WHEN 'array' THEN '' ELSE lower(CAST(json_extract(${doc}, ${path}) AS TEXT)) END)`;
}

/** Longest value prefix kept in the `span_meta` index; longer values match on this prefix, then exactly. */
export const META_VALUE_PREFIX = 200;
