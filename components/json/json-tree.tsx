"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useDeferredValue, useMemo, useRef, useState } from "react";
import { allContainerPaths, initialOpen, jsonRows, searchJson, type JsonCuts, type JsonRow } from "./json-rows";

type Props = {
  value: unknown;
  /** Names the tree for assistive technology ("Input JSON"). */
  label: string;
  /** The scroll box's maximum height in px; rows outside it are not rendered. */
  maxHeight?: number;
  /**
   * The value is a preview of a bigger one (see JsonCuts): cut containers show their real size and a
   * "more" row, cut strings their real length, and both offer `onLoadAll`. Copy is left to the full value.
   */
  cuts?: JsonCuts;
  onLoadAll?(): void;
};

/** Strings longer than this show a preview and a "show all" toggle. */
const PREVIEW = 300;
/** "Expand all" opens at most this many containers; beyond it the button says so. */
const EXPAND_ALL_LIMIT = 5000;

/**
 * A collapsible, searchable JSON tree for values of any size: rows are computed only for open
 * containers (a 5 MB value opens with its top level), and only rows in view are rendered.
 */
export function JsonTree({ value, label, maxHeight = 480, cuts, onLoadAll }: Props) {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => initialOpen(value));
  const [query, setQuery] = useState("");
  const deferred = useDeferredValue(query);
  const search = useMemo(() => searchJson(value, deferred), [value, deferred]);
  const effectiveOpen = useMemo(() => (search.open.size ? new Set([...open, ...search.open]) : open), [open, search]);
  const rows = useMemo(() => jsonRows(value, effectiveOpen, cuts), [value, effectiveOpen, cuts]);
  const partial = Boolean(cuts && Object.keys(cuts).length > 0);
  const [fullStrings, setFullStrings] = useState<ReadonlySet<string>>(() => new Set());
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is meant to re-render this component on scroll.
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => 24, overscan: 20 });

  const toggle = (path: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  const btn = "rounded border border-slate-300 px-1.5 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <input
          type="search"
          aria-label={`Search in ${label}`}
          placeholder={partial ? "Search the preview" : "Search keys and values"}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-2 py-0.5 text-sm dark:border-slate-700 dark:bg-slate-900"
        />
        {deferred.trim() ? (
          <span className="text-xs text-slate-600 dark:text-slate-400" aria-live="polite">
            {search.matches.size}
            {search.truncated ? "+" : ""} match{search.matches.size === 1 ? "" : "es"}
          </span>
        ) : null}
        <button type="button" className={btn} onClick={() => setOpen(allContainerPaths(value, EXPAND_ALL_LIMIT))}>
          Expand all
        </button>
        <button type="button" className={btn} onClick={() => setOpen(new Set())}>
          Collapse all
        </button>
        {partial ? null : (
          <button
            type="button"
            className={btn}
            aria-label={`Copy ${label}`}
            onClick={() => navigator.clipboard.writeText(JSON.stringify(value, null, 2)).catch(() => undefined)}
          >
            Copy JSON
          </button>
        )}
      </div>
      <div
        ref={scroller}
        role="group"
        aria-label={label}
        className="overflow-auto rounded border border-slate-200 bg-slate-50 font-mono text-xs dark:border-slate-800 dark:bg-slate-900"
        style={{ maxHeight, height: Math.min(maxHeight, rows.length * 24 + 8) }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            return (
              <div
                key={row.path}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="absolute right-0 left-0 px-2 py-0.5"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <JsonRowView
                  row={row}
                  match={search.matches.has(row.path)}
                  full={fullStrings.has(row.path)}
                  onToggle={() => toggle(row.path)}
                  onShowAll={() => setFullStrings((s) => new Set(s).add(row.path))}
                  onLoadAll={onLoadAll}
                />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

type RowProps = { row: JsonRow; match: boolean; full: boolean; onToggle(): void; onShowAll(): void; onLoadAll?(): void };

const loadAllBtn = "ml-1 font-sans text-sky-800 underline dark:text-sky-300";

function JsonRowView({ row, match, full, onToggle, onShowAll, onLoadAll }: RowProps) {
  if (row.kind === "more") {
    return (
      <div className="flex items-start gap-1 text-slate-500" style={{ paddingLeft: row.depth * 14 + 20 }}>
        … {row.size.toLocaleString("en-US")} more (not in the preview)
        {onLoadAll ? (
          <button type="button" onClick={onLoadAll} className={loadAllBtn}>
            load all
          </button>
        ) : null}
      </div>
    );
  }
  const keyText = row.key === null ? "" : typeof row.key === "number" ? `${row.key}` : `"${row.key}"`;
  const container = row.kind === "object" || row.kind === "array";
  const hit = match ? "bg-yellow-200 dark:bg-yellow-800" : "";
  return (
    <div className="flex items-start gap-1" style={{ paddingLeft: row.depth * 14 }}>
      {container ? (
        <button
          type="button"
          aria-expanded={row.expanded}
          aria-label={`${row.expanded ? "Collapse" : "Expand"} ${row.key === null ? "root" : String(row.key)}`}
          onClick={onToggle}
          className="w-4 shrink-0 text-slate-500"
        >
          {row.expanded ? "▾" : "▸"}
        </button>
      ) : (
        <span className="w-4 shrink-0" />
      )}
      {keyText ? <span className={`shrink-0 text-violet-800 dark:text-violet-300 ${hit}`}>{keyText}:</span> : null}
      {container ? (
        <span className="text-slate-500">
          {row.kind === "array" ? `[${row.expanded ? "" : ` ${row.size} item${row.size === 1 ? "" : "s"} `}]` : `{${row.expanded ? "" : ` ${row.size} key${row.size === 1 ? "" : "s"} `}}`}
        </span>
      ) : (
        <Primitive row={row} full={full} onShowAll={onShowAll} onLoadAll={onLoadAll} hit={hit} />
      )}
    </div>
  );
}

function Primitive({ row, full, onShowAll, onLoadAll, hit }: { row: JsonRow; full: boolean; onShowAll(): void; onLoadAll?(): void; hit: string }) {
  if (row.kind !== "string") {
    const color = row.kind === "number" ? "text-sky-800 dark:text-sky-300" : "text-amber-800 dark:text-amber-300";
    return <span className={`${color} ${hit}`}>{row.value === undefined ? "null" : String(row.value)}</span>;
  }
  const s = row.value as string;
  // A string the preview cut offers the whole value; a long one that is whole unfolds in place.
  const short = !full && s.length > PREVIEW;
  return (
    <span className={`min-w-0 break-all whitespace-pre-wrap text-emerald-800 dark:text-emerald-300 ${hit}`}>
      &quot;{short || row.cut ? s.slice(0, PREVIEW) : s}
      {short || row.cut ? "…" : ""}&quot;
      {row.cut ? (
        <span className="ml-1 font-sans text-slate-500">
          {row.size.toLocaleString("en-US")} characters in all
          {onLoadAll ? (
            <button type="button" onClick={onLoadAll} className={loadAllBtn}>
              load all
            </button>
          ) : null}
        </span>
      ) : short ? (
        <button type="button" onClick={onShowAll} className={loadAllBtn}>
          show all {s.length.toLocaleString("en-US")} characters
        </button>
      ) : null}
    </span>
  );
}
