"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useDeferredValue, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { criticalPath, parentIds, selfTimeMs, visibleRows, type SpanTree } from "@/lib/span-detail/tree";
import { TreeRowView, type Highlight } from "./tree-row";

const ROW_HEIGHT = 44;

type Props = { tree: SpanTree; selectedId: string; onSelect(id: string): void; height: string };

/**
 * The trace's spans as an ARIA tree, virtualized (only the rows in view are in the DOM), with
 * collapse/expand, search that keeps each match's ancestors, keyboard navigation and optional
 * critical-path / self-time highlighting. Focus stays on the tree; the row under focus is its
 * `aria-activedescendant`.
 */
export function TraceTree({ tree, selectedId, onSelect, height }: Props) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [search, setSearch] = useState("");
  const deferredSearch = useDeferredValue(search);
  const [highlight, setHighlight] = useState<Highlight>("none");
  const rows = useMemo(() => visibleRows(tree, collapsed, deferredSearch), [tree, collapsed, deferredSearch]);
  const critical = useMemo(() => (highlight === "critical" ? criticalPath(tree) : null), [tree, highlight]);
  const selfTimes = useMemo(() => (highlight === "self" ? new Map(tree.order.map((n) => [n.id, selfTimeMs(n)])) : null), [tree, highlight]);
  const [activeId, setActiveId] = useState(selectedId);
  const activeIndex = Math.max(0, rows.findIndex((r) => r.node.id === activeId));
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is meant to re-render this component on scroll.
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const matchCount = deferredSearch.trim() ? rows.filter((r) => r.match).length : 0;

  // The selected span is made visible once (its ancestors opened, scrolled into view).
  useEffect(() => {
    setActiveId(selectedId);
    const node = tree.byId.get(selectedId);
    if (!node) return;
    setCollapsed((prev) => {
      let next: Set<string> | null = null;
      for (let p = node.parent; p; p = p.parent) if (prev.has(p.id)) (next ??= new Set(prev)).delete(p.id);
      return next ?? prev;
    });
  }, [selectedId, tree]);
  const selectedIndex = rows.findIndex((r) => r.node.id === selectedId);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: "auto" });
  }, [selectedIndex, virtualizer]);

  const toggle = (id: string, open?: boolean) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      const shouldOpen = open ?? next.has(id);
      if (shouldOpen) next.delete(id);
      else next.add(id);
      return next;
    });

  const move = (index: number) => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!row) return;
    setActiveId(row.node.id);
    virtualizer.scrollToIndex(rows.indexOf(row), { align: "auto" });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const row = rows[activeIndex];
    if (!row) return;
    const { node } = row;
    switch (e.key) {
      case "ArrowDown":
        move(activeIndex + 1);
        break;
      case "ArrowUp":
        move(activeIndex - 1);
        break;
      case "Home":
        move(0);
        break;
      case "End":
        move(rows.length - 1);
        break;
      case "ArrowRight":
        if (node.children.length && !row.expanded) toggle(node.id, true);
        else if (row.expanded) move(activeIndex + 1);
        break;
      case "ArrowLeft":
        if (row.expanded && !deferredSearch.trim()) toggle(node.id, false);
        else if (node.parent) move(rows.findIndex((r) => r.node.id === node.parent!.id));
        break;
      case "Enter":
      case " ":
        onSelect(node.id);
        break;
      default:
        return;
    }
    // The page must not scroll, and the page-level shortcuts must not see these keys.
    e.preventDefault();
    e.stopPropagation();
  };

  const btn = "rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";
  return (
    <section aria-label="Span tree" className="flex min-h-0 flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <input
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          aria-label="Search spans in the tree"
          placeholder="Search name, model, tag…"
          className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
        />
        <button type="button" className={btn} onClick={() => setCollapsed(new Set())}>
          Expand all
        </button>
        <button type="button" className={btn} onClick={() => setCollapsed(parentIds(tree))}>
          Collapse all
        </button>
        <label className="flex items-center gap-1 text-xs">
          Highlight
          <select
            value={highlight}
            onChange={(e) => setHighlight(e.target.value as Highlight)}
            className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-700 dark:bg-slate-900"
          >
            <option value="none">nothing</option>
            <option value="critical">critical path</option>
            <option value="self">self time</option>
          </select>
        </label>
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400" aria-live="polite">
        {deferredSearch.trim()
          ? `${matchCount.toLocaleString("en-US")} matching span${matchCount === 1 ? "" : "s"}`
          : `${tree.order.length.toLocaleString("en-US")} span${tree.order.length === 1 ? "" : "s"} in this trace`}
      </p>
      <div
        ref={scroller}
        role="tree"
        aria-label="Spans of the trace"
        tabIndex={0}
        aria-activedescendant={rows[activeIndex] ? `tree-${rows[activeIndex].node.id}` : undefined}
        onKeyDown={onKeyDown}
        className="overflow-auto rounded border border-slate-200 dark:border-slate-800"
        style={{ height }}
      >
        {rows.length === 0 ? (
          <p className="p-3 text-sm text-slate-600 dark:text-slate-400">No span matches “{deferredSearch}”.</p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index]!;
              return (
                <TreeRowView
                  key={row.node.id}
                  row={row}
                  tree={tree}
                  top={item.start}
                  height={ROW_HEIGHT}
                  selected={row.node.id === selectedId}
                  active={item.index === activeIndex}
                  onCritical={critical?.has(row.node.id) ?? false}
                  selfMs={selfTimes?.get(row.node.id)}
                  highlight={highlight}
                  onToggle={() => toggle(row.node.id)}
                  onSelect={() => {
                    setActiveId(row.node.id);
                    onSelect(row.node.id);
                  }}
                />
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}
