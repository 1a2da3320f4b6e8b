"use client";

import { formatCost, formatDuration, formatTokens, totalTokens } from "@/lib/span-detail/format";
import type { SpanTree, TreeRow } from "@/lib/span-detail/tree";
import { SpanTypeIcon } from "./span-type-icon";

export type Highlight = "none" | "critical" | "self";

type Props = {
  row: TreeRow;
  tree: SpanTree;
  top: number;
  height: number;
  selected: boolean;
  active: boolean;
  onCritical: boolean;
  selfMs?: number;
  highlight: Highlight;
  onToggle(): void;
  onSelect(): void;
};

/** Indentation stops growing past this depth so a deeply nested trace stays readable. */
const MAX_INDENT_DEPTH = 24;

/** One span of the tree: chevron, type, name, badges, and its bar on the trace's timeline. */
export function TreeRowView({ row, tree, top, height, selected, active, onCritical, selfMs, highlight, onToggle, onSelect }: Props) {
  const { node, expanded, match } = row;
  const { span } = node;
  const total = Math.max(1, tree.endMs - tree.startMs);
  const left = ((node.startMs - tree.startMs) / total) * 100;
  const width = Math.max(0.4, ((node.endMs - node.startMs) / total) * 100);
  const duration = node.endMs - node.startMs;
  const tokens = totalTokens(span);
  const scores = span.feedback_scores?.length ?? 0;
  const comments = span.comments?.length ?? 0;
  const error = Boolean(span.error_info);
  const name = span.name || "(unnamed span)";
  const indent = Math.min(node.depth, MAX_INDENT_DEPTH) * 14;
  const description = [error ? "error" : "", onCritical ? "on the critical path" : ""].filter(Boolean).join(", ");
  const selfShare = selfMs !== undefined && duration > 0 ? selfMs / duration : undefined;
  const barColor =
    highlight === "critical" ? (onCritical ? "bg-amber-500" : "bg-slate-300 dark:bg-slate-600") : error ? "bg-red-500" : "bg-sky-500";

  return (
    <div
      id={`tree-${node.id}`}
      role="treeitem"
      aria-level={node.depth + 1}
      aria-expanded={node.children.length ? expanded : undefined}
      aria-selected={selected}
      aria-label={name}
      aria-describedby={description ? `tree-${node.id}-desc` : undefined}
      onClick={onSelect}
      className={`absolute right-0 left-0 flex cursor-pointer flex-col justify-center border-b border-slate-100 px-2 text-sm dark:border-slate-900 ${
        selected ? "bg-sky-100 dark:bg-sky-950" : "hover:bg-slate-50 dark:hover:bg-slate-900"
      } ${active ? "outline-2 -outline-offset-2 outline-sky-600" : ""} ${highlight === "critical" && onCritical ? "border-l-4 border-l-amber-500" : ""} ${
        match ? "font-semibold" : ""
      }`}
      style={{ top, height }}
    >
      {description ? (
        <span id={`tree-${node.id}-desc`} className="sr-only">
          {description}
        </span>
      ) : null}
      <div className="flex min-w-0 items-center gap-1.5" style={{ paddingLeft: indent }}>
        {node.children.length ? (
          <button
            type="button"
            tabIndex={-1}
            aria-hidden
            onClick={(e) => {
              e.stopPropagation();
              onToggle();
            }}
            className="w-4 shrink-0 text-xs text-slate-500"
          >
            {expanded ? "▾" : "▸"}
          </button>
        ) : (
          <span className="w-4 shrink-0" />
        )}
        <SpanTypeIcon type={span.type} />
        <span className="min-w-0 flex-1 truncate" title={name}>
          {name}
        </span>
        {error ? (
          <span className="shrink-0 rounded bg-red-100 px-1 text-xs font-medium text-red-800 dark:bg-red-950 dark:text-red-200" title={span.error_info?.message}>
            error
          </span>
        ) : null}
        {node.depth > MAX_INDENT_DEPTH ? <span className="shrink-0 text-xs text-slate-500">L{node.depth + 1}</span> : null}
        <span className="shrink-0 text-xs text-slate-600 tabular-nums dark:text-slate-400">{formatDuration(duration)}</span>
        {selfMs !== undefined ? <span className="shrink-0 text-xs text-violet-700 tabular-nums dark:text-violet-300">self {formatDuration(selfMs)}</span> : null}
        {tokens !== undefined ? <span className="shrink-0 text-xs text-slate-600 dark:text-slate-400">{formatTokens(tokens)} tok</span> : null}
        {span.total_estimated_cost ? <span className="shrink-0 text-xs text-slate-600 dark:text-slate-400">{formatCost(span.total_estimated_cost)}</span> : null}
        {scores ? (
          <span className="shrink-0 rounded bg-emerald-100 px-1 text-xs text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" title={`${scores} scores`}>
            ★{scores}
          </span>
        ) : null}
        {comments ? (
          <span className="shrink-0 rounded bg-slate-200 px-1 text-xs dark:bg-slate-800" title={`${comments} comments`}>
            💬{comments}
          </span>
        ) : null}
      </div>
      <div className="relative mt-1 h-1.5 rounded bg-slate-100 dark:bg-slate-800" aria-hidden>
        <div className={`absolute top-0 h-full rounded ${barColor}`} style={{ left: `${left}%`, width: `${Math.min(width, 100 - left)}%` }}>
          {selfShare !== undefined ? <div className="h-full rounded bg-violet-600" style={{ width: `${selfShare * 100}%` }} /> : null}
        </div>
      </div>
    </div>
  );
}
