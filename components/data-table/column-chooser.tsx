"use client";

import type { RowData } from "@tanstack/react-table";
import type { DataTable } from "./features";

/**
 * Show/hide, reorder (move up/down) and pin columns. Buttons rather than drag and drop so the
 * keyboard can do everything; lazy-loaded by the pages that offer it.
 */
export function ColumnChooser<T extends RowData>({ table, onReset }: { table: DataTable<T>; onReset(): void }) {
  // The chooser lists columns in the reader's order: stored ids first, then any the reader never moved.
  const all = table.getAllLeafColumns();
  const stored = (table.options.state?.columnOrder ?? []).filter((id) => all.some((c) => c.id === id));
  const order = [...stored, ...all.map((c) => c.id).filter((id) => !stored.includes(id))];
  const columns = order.map((id) => all.find((c) => c.id === id)!);
  const move = (id: string, delta: number) => {
    const from = order.indexOf(id);
    const to = from + delta;
    if (to < 0 || to >= order.length) return;
    const next = [...order];
    [next[from], next[to]] = [next[to]!, next[from]!];
    table.setColumnOrder(next);
  };
  const small = "rounded border border-slate-300 px-1.5 text-xs disabled:opacity-40 dark:border-slate-700 focus-visible:outline-2 focus-visible:outline-sky-600";
  return (
    <div className="space-y-2">
      <ul aria-label="Columns" className="max-h-96 space-y-1 overflow-auto pr-1">
        {columns.map((column, i) => {
          const label = column.columnDef.meta?.label ?? column.id;
          const pinned = column.getIsPinned();
          return (
            <li key={column.id} className="flex items-center gap-2 text-sm">
              <label className="flex min-w-0 flex-1 items-center gap-2">
                <input type="checkbox" checked={column.getIsVisible()} onChange={column.getToggleVisibilityHandler()} disabled={!column.getCanHide()} />
                <span className="truncate">{label}</span>
              </label>
              <button type="button" className={small} onClick={() => move(column.id, -1)} disabled={i === 0} aria-label={`Move ${label} up`}>
                ↑
              </button>
              <button type="button" className={small} onClick={() => move(column.id, 1)} disabled={i === columns.length - 1} aria-label={`Move ${label} down`}>
                ↓
              </button>
              <select
                aria-label={`Pin ${label}`}
                value={pinned || "none"}
                onChange={(e) => column.pin(e.target.value === "none" ? false : (e.target.value as "start" | "end"))}
                className="rounded border border-slate-300 bg-transparent text-xs dark:border-slate-700"
              >
                <option value="none">Not pinned</option>
                <option value="start">Pinned left</option>
                <option value="end">Pinned right</option>
              </select>
            </li>
          );
        })}
      </ul>
      <button type="button" onClick={onReset} className="text-sm underline underline-offset-2">
        Reset columns
      </button>
    </div>
  );
}
