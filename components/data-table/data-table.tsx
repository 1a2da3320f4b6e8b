"use client";

import { FlexRender, type Column, type Header, type RowData } from "@tanstack/react-table";
import { useRef, useState, useSyncExternalStore, type CSSProperties, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";
import type { DataTable as Table, DataTableFeatures } from "./features";

export type Density = "compact" | "standard" | "comfortable";
export type SortState = { field: string; direction: "asc" | "desc" } | undefined;

export type Selection = {
  isSelected(id: string): boolean;
  /** `range`: extend from the last toggled row (shift-click / shift-space). */
  toggle(id: string, range: boolean): void;
  /** State of the page's header checkbox. */
  page: "all" | "some" | "none";
  togglePage(): void;
};

type Props<T extends RowData> = {
  table: Table<T>;
  /** Accessible name of the table. */
  label: string;
  density: Density;
  /** No data yet: skeleton rows with the real column widths. */
  loading?: boolean;
  skeletonRows?: number;
  /** Data shown is stale (the next page is loading): dimmed, aria-busy. */
  stale?: boolean;
  sort?: SortState;
  onSort?(next: SortState): void;
  selection?: Selection;
  activeRowId?: string;
  onActivateRow?(id: string): void;
  /** Shown in place of rows when there are none. */
  empty?: ReactNode;
};

const PAD: Record<Density, string> = { compact: "py-0.5", standard: "py-1.5", comfortable: "py-3" };
/**
 * Rows in the server's HTML: a screenful, so the first paint shows data, while the rest of the page
 * is drawn in the browser right after hydration. Server-rendering a row costs ~0.35 ms of the
 * server's one rendering thread; 50 of them were a third of a spans page's server time.
 */
const FIRST_PAINT_ROWS = 20;
const noSubscription = () => () => undefined;
const SELECT_WIDTH = 40;

function pinStyle<T extends RowData>(column: Column<DataTableFeatures, T, unknown>, offset: number): CSSProperties {
  const pinned = column.getIsPinned();
  if (pinned === "start") return { position: "sticky", left: column.getStart("start") + offset, zIndex: 1 };
  if (pinned === "end") return { position: "sticky", right: column.getAfter("end"), zIndex: 1 };
  return {};
}

function nextSort(current: SortState, field: string): SortState {
  if (current?.field !== field) return { field, direction: "desc" };
  return current.direction === "desc" ? { field, direction: "asc" } : undefined;
}

/**
 * A real `<table>`: server-sorted headers (aria-sort), resizable and pinnable columns, row selection with
 * shift ranges, a roving focus over rows (↑/↓, Home/End, Enter opens, Space selects). Knows nothing
 * about what the rows are.
 */
export function DataTable<T extends RowData>(props: Props<T>) {
  const { table, label, density, loading, stale, sort, onSort, selection, activeRowId, onActivateRow, empty } = props;
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const allRows = table.getRowModel().rows;
  const rows = hydrated ? allRows : allRows.slice(0, FIRST_PAINT_ROWS);
  const [focusIndex, setFocusIndex] = useState(0);
  const body = useRef<HTMLTableSectionElement>(null);
  const offset = selection ? SELECT_WIDTH : 0;
  const columns = table.getVisibleLeafColumns();
  const width = table.getTotalSize() + offset;
  // Every cell of a column looks the same: work it out once per render, not once per cell (a page
  // of 50 rows has ~850 cells, and each column getter is a memoised lookup in the table's store).
  const cellLook = new Map(
    columns.map((c) => {
      const pinned = c.getIsPinned() ? "bg-white dark:bg-slate-950" : "";
      const align = c.columnDef.meta?.align === "end" ? "text-right tabular-nums" : "";
      return [c.id, { style: { width: c.getSize(), ...pinStyle(c, offset) }, className: `truncate px-2 ${PAD[density]} ${pinned} ${align}` }] as const;
    }),
  );

  const focusRow = (index: number) => {
    const clamped = Math.max(0, Math.min(rows.length - 1, index));
    setFocusIndex(clamped);
    body.current?.querySelectorAll<HTMLTableRowElement>("tr[data-row]")[clamped]?.focus();
  };

  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, index: number, id: string) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === "ArrowDown") focusRow(index + 1);
    else if (e.key === "ArrowUp") focusRow(index - 1);
    else if (e.key === "Home") focusRow(0);
    else if (e.key === "End") focusRow(rows.length - 1);
    else if (e.key === "Enter") onActivateRow?.(id);
    else if (e.key === " " && selection) selection.toggle(id, e.shiftKey);
    else return;
    e.preventDefault();
  };

  const onRowClick = (e: MouseEvent<HTMLTableRowElement>, index: number, id: string) => {
    // Clicks on controls inside the row (links, checkboxes) are theirs.
    if ((e.target as HTMLElement).closest("a,button,input,label")) return;
    setFocusIndex(index);
    if (e.shiftKey && selection) selection.toggle(id, true);
    else onActivateRow?.(id);
  };

  return (
    <div className={`overflow-auto rounded-lg border border-slate-200 dark:border-slate-800 ${stale ? "opacity-70" : ""}`}>
      <table aria-label={label} aria-busy={loading || stale} aria-rowcount={loading ? -1 : undefined} className="table-fixed border-collapse text-sm" style={{ width }}>
        <thead className="sticky top-0 z-10 bg-slate-50 dark:bg-slate-900">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {selection ? (
                <th scope="col" style={{ width: SELECT_WIDTH, position: "sticky", left: 0, zIndex: 2 }} className="bg-slate-50 px-2 dark:bg-slate-900">
                  <input
                    type="checkbox"
                    aria-label="Select all rows on this page"
                    checked={selection.page === "all"}
                    ref={(el) => {
                      if (el) el.indeterminate = selection.page === "some";
                    }}
                    onChange={selection.togglePage}
                    disabled={loading || rows.length === 0}
                  />
                </th>
              ) : null}
              {group.headers.map((header) => (
                <HeaderCell key={header.id} header={header} table={table} sort={sort} onSort={onSort} offset={offset} />
              ))}
            </tr>
          ))}
        </thead>
        <tbody ref={body}>
          {loading
            ? Array.from({ length: props.skeletonRows ?? 10 }, (_, i) => (
                <tr key={`skeleton-${i}`} aria-hidden className="border-t border-slate-100 dark:border-slate-800">
                  {selection ? <td style={{ width: SELECT_WIDTH }} /> : null}
                  {columns.map((c) => (
                    <td key={c.id} className={`px-2 ${PAD[density]}`} style={{ width: c.getSize() }}>
                      <div className="h-4 animate-pulse rounded bg-slate-200 dark:bg-slate-700" style={{ width: `${50 + ((i * 7 + c.getIndex() * 13) % 40)}%` }} />
                    </td>
                  ))}
                </tr>
              ))
            : rows.map((row, index) => {
                const selected = selection?.isSelected(row.id) ?? false;
                const active = row.id === activeRowId;
                return (
                  <tr
                    key={row.id}
                    data-row
                    data-id={row.id}
                    tabIndex={index === Math.min(focusIndex, rows.length - 1) ? 0 : -1}
                    aria-selected={selection ? selected : undefined}
                    aria-current={active ? "true" : undefined}
                    onKeyDown={(e) => onRowKey(e, index, row.id)}
                    onClick={(e) => onRowClick(e, index, row.id)}
                    onFocus={() => setFocusIndex(index)}
                    className={`cursor-pointer border-t border-slate-100 outline-none hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-600 dark:border-slate-800 dark:hover:bg-slate-900 ${
                      active ? "bg-sky-50 dark:bg-sky-950/50" : selected ? "bg-amber-50 dark:bg-amber-950/30" : ""
                    }`}
                  >
                    {selection ? (
                      <td style={{ width: SELECT_WIDTH, position: "sticky", left: 0 }} className="bg-inherit px-2">
                        <input
                          type="checkbox"
                          aria-label={`Select row ${index + 1}`}
                          checked={selected}
                          onClick={(e) => {
                            e.stopPropagation();
                            selection.toggle(row.id, e.shiftKey);
                          }}
                          onChange={() => undefined}
                        />
                      </td>
                    ) : null}
                    {row.getVisibleCells().map((cell) => (
                      <td key={cell.id} {...cellLook.get(cell.column.id)}>
                        <FlexRender cell={cell} />
                      </td>
                    ))}
                  </tr>
                );
              })}
        </tbody>
      </table>
      {!loading && rows.length === 0 ? <div className="p-6 text-center text-sm text-slate-600 dark:text-slate-400">{empty}</div> : null}
    </div>
  );
}

function HeaderCell<T extends RowData>({ header, table, sort, onSort, offset }: { header: Header<DataTableFeatures, T, unknown>; table: Table<T>; sort: SortState; onSort?: (next: SortState) => void; offset: number }) {
  const meta = header.column.columnDef.meta;
  const field = meta?.sortField;
  const active = field !== undefined && sort?.field === field;
  const ariaSort = active ? (sort.direction === "asc" ? "ascending" : "descending") : field ? "none" : undefined;
  const title = header.isPlaceholder ? null : <FlexRender header={header} />;
  const resize = (delta: number) => table.setColumnSizing((s) => ({ ...s, [header.column.id]: Math.max(60, header.getSize() + delta) }));
  return (
    <th
      scope="col"
      aria-sort={ariaSort}
      style={{ width: header.getSize(), ...pinStyle(header.column, offset) }}
      className={`group relative bg-slate-50 px-2 py-2 text-left font-medium text-slate-700 dark:bg-slate-900 dark:text-slate-200 ${meta?.align === "end" ? "text-right" : ""}`}
    >
      {field && onSort ? (
        <button
          type="button"
          onClick={() => onSort(nextSort(sort, field))}
          className="inline-flex max-w-full items-center gap-1 truncate rounded hover:underline focus-visible:outline-2 focus-visible:outline-sky-600"
        >
          <span className="truncate">{title}</span>
          <span aria-hidden className="text-xs text-slate-500">
            {active ? (sort.direction === "asc" ? "▲" : "▼") : "↕"}
          </span>
        </button>
      ) : (
        <span className="block truncate">{title}</span>
      )}
      {header.column.getCanResize() ? (
        <div
          role="separator"
          aria-orientation="vertical"
          aria-label={`Resize ${meta?.label ?? header.column.id}`}
          aria-valuenow={header.getSize()}
          tabIndex={0}
          onMouseDown={header.getResizeHandler()}
          onTouchStart={header.getResizeHandler()}
          onDoubleClick={() => header.column.resetSize()}
          onKeyDown={(e) => {
            if (e.key === "ArrowLeft") resize(-16);
            else if (e.key === "ArrowRight") resize(16);
            else return;
            e.preventDefault();
          }}
          className="absolute top-0 right-0 h-full w-1.5 cursor-col-resize touch-none select-none bg-transparent hover:bg-sky-400 focus-visible:bg-sky-600 focus-visible:outline-none"
        />
      ) : null}
    </th>
  );
}
