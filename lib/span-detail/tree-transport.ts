/**
 * How a prefetched span tree travels from the page's server render to the browser. React's flight
 * encoding walks every value of the dehydrated state one by one; 10,000 spans are ~150,000 values
 * and cost far more to encode and decode than one string. So the tree is sent as a single JSON
 * string, compacted: keys are factored out (`columns` + one row per span), a column with one value
 * for every span (trace and project ids, author) is sent once, and a parent is the row number of its
 * span. The browser unpacks it before it reaches the cache, which keeps the usual `{ trace, spans }`.
 */
type Span = Record<string, unknown> & { id: string };
type Tree = { trace: unknown; spans: Span[] };
export type PackedTree = { __packedSpanTree: string };
type Wire = { trace: unknown; columns: string[]; constants: Record<string, unknown>; rows: unknown[][] };

const PARENT = "parent_span_id";
/** Not needed by the tree or its search; the span's own query has them. */
const DROPPED = new Set(["last_updated_at", "created_at", "last_updated_by"]);

const isTree = (data: unknown): data is Tree =>
  typeof data === "object" && data !== null && "trace" in data && Array.isArray((data as Tree).spans);

export const isPackedTree = (data: unknown): data is PackedTree =>
  typeof data === "object" && data !== null && typeof (data as PackedTree).__packedSpanTree === "string";

/** The value of `key` if every span has that same primitive value, else undefined. */
function constant(spans: Span[], key: string): unknown {
  const first = spans[0]?.[key];
  if (first === undefined || (typeof first === "object" && first !== null)) return undefined;
  return spans.every((s) => s[key] === first) ? first : undefined;
}

/** dehydrate's `serializeData`: trees are packed, any other query data passes as it is. */
export function packTreeData(data: unknown): unknown {
  if (!isTree(data)) return data;
  const { spans } = data;
  const rowOf = new Map(spans.map((s, i) => [s.id, i]));
  const constants: Record<string, unknown> = {};
  const columns: string[] = [];
  const index = new Map<string, number>();
  const rows = spans.map((span) => {
    const row: unknown[] = [];
    for (const key in span) {
      let value = span[key];
      if (value === undefined || value === null || DROPPED.has(key)) continue;
      if (!(key in constants) && !index.has(key)) {
        const c = key === PARENT ? undefined : constant(spans, key);
        if (c !== undefined) constants[key] = c;
        else index.set(key, columns.push(key) - 1);
      }
      const i = index.get(key);
      if (i === undefined) continue;
      if (key === PARENT) value = rowOf.get(value as string) ?? value;
      row[i] = value;
    }
    return row;
  });
  const wire: Wire = { trace: data.trace, columns, constants, rows };
  return { __packedSpanTree: JSON.stringify(wire) };
}

/**
 * hydrate's `deserializeData`: the inverse of `packTreeData`. Not during the server render: the
 * tree is drawn only after hydration there, so unpacking it on the server would be wasted work.
 */
export function unpackTreeData(data: unknown, onServer = typeof window === "undefined"): unknown {
  if (onServer || !isPackedTree(data)) return data;
  const { trace, columns, constants, rows } = JSON.parse(data.__packedSpanTree) as Wire;
  const spans = rows.map((row) => {
    const span: Record<string, unknown> = { ...constants };
    for (let i = 0; i < row.length; i++) if (row[i] !== null && row[i] !== undefined) span[columns[i]!] = row[i];
    return span as Span;
  });
  for (const span of spans) {
    const parent = span[PARENT];
    if (typeof parent === "number") span[PARENT] = spans[parent]?.id;
  }
  return { trace, spans };
}
