import {
  columnOrderingFeature,
  columnPinningFeature,
  columnResizingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  tableFeatures,
  type ColumnDef,
  type ColumnPinningState,
  type ColumnSizingState,
  type Table,
  type ColumnVisibilityState,
  type RowData,
} from "@tanstack/react-table";

/** What a column tells the generic table: its label (chooser, aria), and how it sorts on the server. */
export type DataColumnMeta = {
  label: string;
  /** The server's sort key; absent = not sortable. */
  sortField?: string;
  align?: "start" | "end";
  /** Hidden unless the reader turns it on. */
  optional?: boolean;
};

/**
 * The table features every data table uses. Sorting, filtering and paging are the server's business,
 * so none of TanStack's row-processing features are registered: rows render in the order they came.
 */
export const dataTableFeatures = tableFeatures({
  columnVisibilityFeature,
  columnOrderingFeature,
  columnPinningFeature,
  columnSizingFeature,
  columnResizingFeature,
  columnMeta: {} as DataColumnMeta,
});

export type DataTableFeatures = typeof dataTableFeatures;
export type DataColumn<T extends RowData> = ColumnDef<DataTableFeatures, T, unknown>;
export type DataTable<T extends RowData> = Table<DataTableFeatures, T>;

/** The reader's column choices, remembered per table. */
export type ColumnPrefs = {
  visibility: ColumnVisibilityState;
  order: string[];
  pinning: ColumnPinningState;
  sizing: ColumnSizingState;
};
