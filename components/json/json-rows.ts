/**
 * A JSON value as the rows of a collapsible tree, computed only for what is open: a 5 MB payload
 * with one level open costs as many rows as that level has children, not the whole document.
 * Paths are JSON pointers ("" is the root, "/messages/0/content"), unique and cheap to build.
 */
export type JsonKind = "object" | "array" | "string" | "number" | "boolean" | "null";

/**
 * Where a value was cut (a preview of a bigger document): JSON pointer → the real number of items
 * (array), keys (object) or characters (string) there.
 */
export type JsonCuts = Readonly<Record<string, number>>;

export type JsonRow = {
  path: string;
  key: string | number | null;
  depth: number;
  value: unknown;
  /**
   * `more`: the row after the shown children of a cut container; `size` says how many are left out
   * and its `path` is `more:<container path>` (never a JSON pointer, so never a real row's).
   */
  kind: JsonKind | "more";
  /** Children of an object or array (the real count when cut); for a cut string, its real length. */
  size: number;
  expanded: boolean;
  /** A string or container of a preview that holds less than the real value. */
  cut?: boolean;
};

export const kindOf = (v: unknown): JsonKind =>
  v === null || v === undefined ? "null" : Array.isArray(v) ? "array" : typeof v === "object" ? "object" : (typeof v as JsonKind);

const escapeKey = (k: string) => k.replace(/~/g, "~0").replace(/\//g, "~1");
export const childPath = (parent: string, key: string | number) => `${parent}/${typeof key === "number" ? key : escapeKey(key)}`;

function entries(value: unknown): [string | number, unknown][] {
  if (Array.isArray(value)) return value.map((v, i) => [i, v]);
  if (value && typeof value === "object") return Object.entries(value as Record<string, unknown>);
  return [];
}

const sizeOf = (v: unknown) => (Array.isArray(v) ? v.length : v && typeof v === "object" ? Object.keys(v).length : 0);

type Pending = { path: string; key: string | number | null; depth: number; value: unknown; more?: number };

/** The visible rows for the set of open paths; `cuts` marks a preview's cut values (see JsonCuts). */
export function jsonRows(root: unknown, open: ReadonlySet<string>, cuts: JsonCuts = {}): JsonRow[] {
  const rows: JsonRow[] = [];
  const stack: Pending[] = [{ path: "", key: null, depth: 0, value: root }];
  while (stack.length) {
    const { path, key, depth, value, more } = stack.pop()!;
    if (more !== undefined) {
      rows.push({ path, key: null, depth, value: null, kind: "more", size: more, expanded: false });
      continue;
    }
    const kind = kindOf(value);
    const container = kind === "object" || kind === "array";
    const expanded = container && open.has(path);
    const real = cuts[path];
    const size = container ? sizeOf(value) : 0;
    const row: JsonRow = { path, key, depth, value, kind, size: real ?? size, expanded };
    if (real !== undefined) row.cut = true;
    rows.push(row);
    if (!expanded) continue;
    if (real !== undefined && real > size) stack.push({ path: `more:${path}`, key: null, depth: depth + 1, value: null, more: real - size });
    const kids = entries(value);
    for (let i = kids.length - 1; i >= 0; i--) {
      const [k, v] = kids[i]!;
      stack.push({ path: childPath(path, k), key: k, depth: depth + 1, value: v });
    }
  }
  return rows;
}

/**
 * The paths to open first: breadth-first while the rows stay under `budget`, so a small value shows
 * whole and a huge one shows its top level only.
 */
export function initialOpen(root: unknown, budget = 200): Set<string> {
  const open = new Set<string>();
  let shown = 1;
  let level: { path: string; value: unknown }[] = [{ path: "", value: root }];
  while (level.length) {
    const next: { path: string; value: unknown }[] = [];
    for (const { path, value } of level) {
      const n = sizeOf(value);
      if (kindOf(value) !== "object" && kindOf(value) !== "array") continue;
      if (shown + n > budget) return open;
      open.add(path);
      shown += n;
      for (const [k, v] of entries(value)) next.push({ path: childPath(path, k), value: v });
    }
    level = next;
  }
  return open;
}

/** Every container path: "expand all" (callers gate it on size). */
export function allContainerPaths(root: unknown, limit = 5000): Set<string> {
  const open = new Set<string>();
  const stack: { path: string; value: unknown }[] = [{ path: "", value: root }];
  while (stack.length && open.size < limit) {
    const { path, value } = stack.pop()!;
    const kind = kindOf(value);
    if (kind !== "object" && kind !== "array") continue;
    open.add(path);
    for (const [k, v] of entries(value)) stack.push({ path: childPath(path, k), value: v });
  }
  return open;
}

export type JsonSearch = { matches: Set<string>; open: Set<string>; truncated: boolean };

/**
 * Paths whose key or primitive value contains `query` (case-insensitive), and the containers to
 * open so each shows. Stops after `limit` matches.
 */
export function searchJson(root: unknown, query: string, limit = 1000): JsonSearch {
  const q = query.trim().toLowerCase();
  const matches = new Set<string>();
  const open = new Set<string>();
  if (!q) return { matches, open, truncated: false };
  const stack: { path: string; key: string | number | null; value: unknown; parents: string[] }[] = [{ path: "", key: null, value: root, parents: [] }];
  while (stack.length) {
    const { path, key, value, parents } = stack.pop()!;
    const kind = kindOf(value);
    const keyHit = typeof key === "string" && key.toLowerCase().includes(q);
    const valueHit = kind !== "object" && kind !== "array" && String(value).toLowerCase().includes(q);
    if (keyHit || valueHit) {
      matches.add(path);
      for (const p of parents) open.add(p);
      if (matches.size >= limit) return { matches, open, truncated: true };
    }
    if (kind === "object" || kind === "array") {
      const next = [...parents, path];
      const kids = entries(value);
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ path: childPath(path, kids[i]![0]), key: kids[i]![0], value: kids[i]![1], parents: next });
    }
  }
  return { matches, open, truncated: false };
}
