"use client";

import { useTable, type RowData, type Updater } from "@tanstack/react-table";
import { useCallback, useMemo } from "react";
import { dataTableFeatures, type ColumnPrefs, type DataColumn } from "./features";
import { useStoredState } from "./use-stored-state";

const EMPTY_PREFS: ColumnPrefs = { visibility: {}, order: [], pinning: { start: [], end: [] }, sizing: {} };

function isPrefs(value: unknown): value is ColumnPrefs {
  if (!value || typeof value !== "object") return false;
  const v = value as Partial<ColumnPrefs>;
  return (
    typeof v.visibility === "object" && v.visibility !== null &&
    Array.isArray(v.order) && v.order.every((id) => typeof id === "string") &&
    typeof v.pinning === "object" && v.pinning !== null && Array.isArray(v.pinning.start) && Array.isArray(v.pinning.end) &&
    typeof v.sizing === "object" && v.sizing !== null
  );
}

function apply<S>(updater: Updater<S>, prev: S): S {
  return typeof updater === "function" ? (updater as (p: S) => S)(prev) : updater;
}

type Options<T extends RowData> = {
  /** localStorage key of the column choices (visibility, order, pinning, widths). */
  storageKey: string;
  columns: DataColumn<T>[];
  data: T[];
  getRowId: (row: T) => string;
  defaultPinning?: ColumnPrefs["pinning"];
};

/**
 * A TanStack table whose column choices persist per `storageKey`. Columns marked `meta.optional`
 * start hidden; a column the reader has never seen (a new score name) follows its default.
 */
export function useDataTable<T extends RowData>({ storageKey, columns, data, getRowId, defaultPinning }: Options<T>) {
  const initial = useMemo(() => ({ ...EMPTY_PREFS, pinning: defaultPinning ?? EMPTY_PREFS.pinning }), [defaultPinning]);
  const [prefs, setPrefs] = useStoredState<ColumnPrefs>(storageKey, initial, isPrefs);
  const visibility = useMemo(() => {
    const defaults: Record<string, boolean> = {};
    for (const c of columns) if (c.id && c.meta?.optional) defaults[c.id] = false;
    return { ...defaults, ...prefs.visibility };
  }, [columns, prefs.visibility]);

  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId,
    columnResizeMode: "onChange",
    state: { columnVisibility: visibility, columnOrder: prefs.order, columnPinning: prefs.pinning, columnSizing: prefs.sizing },
    onColumnVisibilityChange: (u) => setPrefs((p) => ({ ...p, visibility: apply(u, { ...visibility, ...p.visibility }) })),
    onColumnOrderChange: (u) => setPrefs((p) => ({ ...p, order: apply(u, p.order) })),
    onColumnPinningChange: (u) => setPrefs((p) => ({ ...p, pinning: apply(u, p.pinning) })),
    onColumnSizingChange: (u) => setPrefs((p) => ({ ...p, sizing: apply(u, p.sizing) })),
  });
  const reset = useCallback(() => setPrefs(initial), [setPrefs, initial]);
  return { table, resetColumns: reset };
}
