import type { SpanPublic } from "@/lib/opik/client";

/**
 * The span tree of a trace, built in the browser from the flat, light span list (`parent_span_id`).
 * Everything here is iterative, never recursive: a real trace was nested ~1,400 levels deep
 * (Langfuse), and a recursive walk of a 10,000-span chain would overflow the stack.
 */
export type TreeNode = {
  span: SpanPublic;
  id: string;
  depth: number;
  parent: TreeNode | null;
  children: TreeNode[];
  /** Epoch ms; a span without an end is drawn as ending where it starts. */
  startMs: number;
  endMs: number;
};

export type SpanTree = {
  roots: TreeNode[];
  byId: Map<string, TreeNode>;
  /** Document order (depth-first, children by start time): the order of the fully expanded tree. */
  order: TreeNode[];
  startMs: number;
  endMs: number;
};

const time = (iso: string | undefined): number => {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? t : NaN;
};

function spanEnd(span: SpanPublic, start: number): number {
  const end = time(span.end_time);
  if (Number.isFinite(end)) return Math.max(end, start);
  return typeof span.duration === "number" && Number.isFinite(span.duration) ? start + span.duration : start;
}

const byStart = (a: TreeNode, b: TreeNode) => a.startMs - b.startMs || a.id.localeCompare(b.id);

/** Spans whose parent is missing (or that sit in a parent cycle) become roots, so none is ever lost. */
export function buildTree(spans: readonly SpanPublic[]): SpanTree {
  const byId = new Map<string, TreeNode>();
  for (const span of spans) {
    const startMs = time(span.start_time);
    const start = Number.isFinite(startMs) ? startMs : 0;
    byId.set(span.id, { span, id: span.id, depth: 0, parent: null, children: [], startMs: start, endMs: spanEnd(span, start) });
  }
  for (const node of byId.values()) {
    const parentId = node.span.parent_span_id;
    const parent = parentId && parentId !== node.id ? byId.get(parentId) : undefined;
    if (parent) {
      node.parent = parent;
      parent.children.push(node);
    }
  }
  const roots = [...byId.values()].filter((n) => !n.parent).sort(byStart);
  const order: TreeNode[] = [];
  const seen = new Set<string>();
  const walk = (from: TreeNode[]) => {
    const stack = [...from].reverse();
    while (stack.length) {
      const node = stack.pop()!;
      if (seen.has(node.id)) continue;
      seen.add(node.id);
      node.depth = node.parent && seen.has(node.parent.id) ? node.parent.depth + 1 : 0;
      order.push(node);
      node.children.sort(byStart);
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
  };
  walk(roots);
  // A parent cycle has no root: cut it at its earliest span.
  for (const node of [...byId.values()].sort(byStart)) {
    if (seen.has(node.id)) continue;
    if (node.parent) node.parent.children = node.parent.children.filter((c) => c !== node);
    node.parent = null;
    roots.push(node);
    walk([node]);
  }
  let startMs = Infinity;
  let endMs = -Infinity;
  for (const n of order) {
    startMs = Math.min(startMs, n.startMs);
    endMs = Math.max(endMs, n.endMs);
  }
  if (!order.length) startMs = endMs = 0;
  return { roots, byId, order, startMs, endMs };
}

/** A visible row of the tree: what the virtualized list draws. */
export type TreeRow = { node: TreeNode; expanded: boolean; match: boolean };

/**
 * The rows to draw: collapsed subtrees hidden; with a search, only matches and their ancestors,
 * forced open so every match shows.
 */
export function visibleRows(tree: SpanTree, collapsed: ReadonlySet<string>, search = ""): TreeRow[] {
  const query = search.trim().toLowerCase();
  const matches = query ? new Set(tree.order.filter((n) => matchesSpan(n.span, query)).map((n) => n.id)) : null;
  let keep: Set<string> | null = null;
  if (matches) {
    keep = new Set();
    for (const id of matches) {
      for (let n: TreeNode | null = tree.byId.get(id) ?? null; n && !keep.has(n.id); n = n.parent) keep.add(n.id);
    }
  }
  const rows: TreeRow[] = [];
  const stack = [...tree.roots].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (keep && !keep.has(node.id)) continue;
    const expanded = keep ? true : !collapsed.has(node.id);
    rows.push({ node, expanded: node.children.length > 0 && expanded, match: matches?.has(node.id) ?? false });
    if (!expanded) continue;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return rows;
}

function matchesSpan(span: SpanPublic, query: string): boolean {
  return (
    (span.name ?? "").toLowerCase().includes(query) ||
    (span.type ?? "").toLowerCase() === query ||
    (span.model ?? "").toLowerCase().includes(query) ||
    span.id.toLowerCase() === query ||
    (span.tags ?? []).some((t) => t.toLowerCase().includes(query))
  );
}

/** Every node with children: "collapse all". */
export const parentIds = (tree: SpanTree): Set<string> => new Set(tree.order.filter((n) => n.children.length).map((n) => n.id));

/**
 * Self time: the part of a span's duration not covered by any of its children (children may run in
 * parallel, so it is the span minus the union of the child intervals, clipped to the span).
 */
export function selfTimeMs(node: TreeNode): number {
  const total = node.endMs - node.startMs;
  if (!node.children.length) return total;
  const intervals = node.children
    .map((c) => [Math.max(c.startMs, node.startMs), Math.min(c.endMs, node.endMs)] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  let covered = 0;
  let curStart = -Infinity;
  let curEnd = -Infinity;
  for (const [s, e] of intervals) {
    if (s > curEnd) {
      if (curEnd > curStart) covered += curEnd - curStart;
      curStart = s;
      curEnd = e;
    } else curEnd = Math.max(curEnd, e);
  }
  if (curEnd > curStart) covered += curEnd - curStart;
  return Math.max(0, total - covered);
}

/**
 * The critical path (as in Jaeger): the chain of spans that determines when the trace ends. From the
 * last-finishing root, take its last-finishing child, then the last-finishing child that ended
 * before that one started, and so on, descending into each chosen child.
 */
export function criticalPath(tree: SpanTree): Set<string> {
  const path = new Set<string>();
  const chooseChain = (siblings: TreeNode[], until: number): TreeNode[] => {
    const chosen: TreeNode[] = [];
    let limit = until;
    const candidates = [...siblings].sort((a, b) => b.endMs - a.endMs);
    for (const c of candidates) {
      if (c.endMs <= limit) {
        chosen.push(c);
        limit = c.startMs;
      }
    }
    return chosen;
  };
  const stack = chooseChain(tree.roots, Infinity);
  while (stack.length) {
    const node = stack.pop()!;
    if (path.has(node.id)) continue;
    path.add(node.id);
    stack.push(...chooseChain(node.children, node.endMs));
  }
  return path;
}
