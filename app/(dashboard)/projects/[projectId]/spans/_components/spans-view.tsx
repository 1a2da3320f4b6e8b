"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { Pagination } from "@/components/data-table/pagination";
import { useDataTable } from "@/components/data-table/use-data-table";
import { Alert } from "@/components/ui/alert";
import { errorMessage } from "@/lib/actions/result";
import type { SpanPublic } from "@/lib/opik/client";
import { useSpanList } from "@/lib/spans/hooks";
import { spanScoreNamesQuery } from "@/lib/spans/queries";
import { PAGE_SIZES, toListSpansInput, type PageSize } from "@/lib/spans/search-params";
import { FilterChips } from "./filter-builder";
import { LiveBanner } from "./live-banner";
import { metadataKeys, spanColumns } from "./span-columns";
import { SpansToolbar } from "./spans-toolbar";
import { useSelection } from "./use-selection";
import { useSpanView } from "./use-span-view";

const SpanPanel = dynamic(() => import("@/components/span-detail/span-panel").then((m) => m.SpanPanel), { ssr: false });
const BulkBar = dynamic(() => import("./bulk-bar").then((m) => m.BulkBar), { ssr: false });

const NO_SPANS: SpanPublic[] = [];
const getRowId = (s: SpanPublic) => s.id;

/** The span explorer: toolbar, filter chips, the server-driven table, paging and the detail panel. */
export function SpansView({ projectId, projectName }: { projectId: string; projectName: string }) {
  const { view, update } = useSpanView();
  const input = useMemo(() => toListSpansInput(view, projectId), [view, projectId]);
  const list = useSpanList(input);
  const scores = useQuery(spanScoreNamesQuery({ project_id: projectId }));
  const spans = list.data?.content ?? NO_SPANS;
  const scoreNames = useMemo(() => (scores.data ?? []).map((s) => s.name), [scores.data]);
  const metaKeys = useMemo(() => metadataKeys(spans), [spans]);
  const tags = useMemo(() => [...new Set(spans.flatMap((s) => s.tags ?? []))].sort(), [spans]);
  const sortableBy = list.data?.sortable_by;
  const columns = useMemo(() => spanColumns(scoreNames, metaKeys, sortableBy), [scoreNames, metaKeys, sortableBy]);
  const { table, resetColumns } = useDataTable({ storageKey: "spanboard:span-columns:v1", columns, data: spans, getRowId, defaultPinning: PIN_NAME });
  const criteriaKey = JSON.stringify([view.filters, view.q, view.from, view.to, view.type]);
  const selection = useSelection(spans, criteriaKey);

  const total = list.isPlaceholderData ? undefined : list.data?.total;
  const index = view.span ? spans.findIndex((s) => s.id === view.span) : -1;
  const open = (id: string | undefined) => update({ span: id }, "replace");

  return (
    <div className="space-y-3">
      <SpansToolbar
        view={view}
        update={update}
        table={table}
        resetColumns={resetColumns}
        suggestions={{ scoreNames, metadataKeys: metaKeys, tags }}
        projectId={projectId}
        projectName={projectName}
        selectedIds={selection.ids}
        total={total}
      />
      <FilterChips filters={view.filters} onRemove={(i) => update({ filters: view.filters.filter((_, j) => j !== i) })} onClear={() => update({ filters: [] })} />
      <LiveBanner input={input} live={view.live} shownTotal={total} onShow={() => update({ page: 1 })} />
      {selection.count > 0 ? <BulkBar projectId={projectId} selected={selection.selected} onClear={selection.clear} /> : null}
      {list.isError ? (
        <Alert title="The spans could not be loaded">
          <p>{errorMessage(list.error)}</p>
          <button type="button" onClick={() => void list.refetch()} className="font-medium underline underline-offset-2">
            Try again
          </button>
        </Alert>
      ) : null}
      {/* Docked, the panel's column takes its width but never the table's last 420 px (a saved width from a wider window); span-panel.tsx TABLE_ROOM is the same room measured on the window. */}
      <div className={view.span ? "grid gap-3 lg:grid-cols-[minmax(420px,1fr)_minmax(0,auto)]" : ""}>
        <div className="min-w-0 space-y-3">
          <DataTable
            table={table}
            label="Spans"
            density={view.density}
            loading={list.isPending}
            skeletonRows={Math.min(view.size, 15)}
            stale={list.isPlaceholderData}
            sort={view.sort}
            onSort={(sort) => update({ sort })}
            selection={selection.api}
            activeRowId={view.span}
            onActivateRow={open}
            empty={<EmptyState filtered={view.filters.length > 0 || !!view.q || !!view.from || !!view.to || !!view.type} onClear={() => update({ filters: [], q: "", from: undefined, to: undefined, type: undefined })} />}
          />
          <Pagination
            page={view.page}
            size={view.size}
            sizes={PAGE_SIZES}
            total={total}
            onPage={(page) => update({ page })}
            onSize={(size) => update({ size: size as PageSize })}
          />
        </div>
        {view.span ? (
          <SpanPanel
            projectId={projectId}
            spanId={view.span}
            onClose={() => open(undefined)}
            onPrev={index > 0 ? () => open(spans[index - 1]!.id) : undefined}
            onNext={index >= 0 && index < spans.length - 1 ? () => open(spans[index + 1]!.id) : undefined}
          />
        ) : null}
      </div>
    </div>
  );
}

const PIN_NAME = { start: ["name"], end: [] };

function EmptyState({ filtered, onClear }: { filtered: boolean; onClear(): void }) {
  if (!filtered) return <p>No spans in this project yet. Spans logged through Opik&apos;s SDK or REST API show up here.</p>;
  return (
    <p>
      No spans match these filters.{" "}
      <button type="button" onClick={onClear} className="font-medium underline underline-offset-2">
        Clear all filters
      </button>
    </p>
  );
}
