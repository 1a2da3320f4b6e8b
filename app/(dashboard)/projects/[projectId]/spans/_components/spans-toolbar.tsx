"use client";

import dynamic from "next/dynamic";
import { useEffect, useEffectEvent, useState } from "react";
import type { ColumnChooser as ColumnChooserType } from "@/components/data-table/column-chooser";
import type { DataTable } from "@/components/data-table/features";
import type { SpanPublic } from "@/lib/opik/client";
import { SPAN_TYPES } from "@/lib/spans/inputs";
import { DENSITIES, LIVE_MODES, type Density, type LiveMode, type SpanType, type SpanView } from "@/lib/spans/search-params";
import { FilterBuilder } from "./filter-builder";

// A generic component loses its type parameter through dynamic(); the cast restores it.
const ColumnChooser = dynamic(() => import("@/components/data-table/column-chooser").then((m) => m.ColumnChooser), { ssr: false }) as typeof ColumnChooserType;
const ExportDialog = dynamic(() => import("./export-dialog").then((m) => m.ExportDialog), { ssr: false });
const ImportDialog = dynamic(() => import("./import-dialog").then((m) => m.ImportDialog), { ssr: false });

type Props = {
  view: SpanView;
  update(patch: Partial<SpanView>, mode?: "push" | "replace"): void;
  table: DataTable<SpanPublic>;
  resetColumns(): void;
  suggestions: { scoreNames: readonly string[]; metadataKeys: readonly string[]; tags: readonly string[] };
  projectId: string;
  projectName: string;
  selectedIds: string[];
  total?: number;
};

const SEARCH_DELAY_MS = 300;
const control = "rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900";
const button = "rounded border border-slate-300 px-3 py-1 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-slate-700 dark:hover:bg-slate-800";
const LIVE_LABEL: Record<LiveMode, string> = { off: "Off", "5s": "5 s", "30s": "30 s", "1m": "1 min" };

/** Local "2024-05-01T10:15" ⇄ instant. */
const toLocal = (iso?: string) => {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
};
const toIso = (local: string) => (local ? new Date(local).toISOString() : undefined);

export function SpansToolbar({ view, update, table, resetColumns, suggestions, projectId, projectName, selectedIds, total }: Props) {
  const [open, setOpen] = useState<null | "filters" | "columns" | "export" | "import">(null);
  const toggle = (panel: NonNullable<typeof open>) => setOpen((o) => (o === panel ? null : panel));
  return (
    <div className="space-y-2">
      <div role="toolbar" aria-label="Span table controls" className="flex flex-wrap items-end gap-2 text-sm">
        <SearchBox value={view.q} onSearch={(q) => update({ q }, "replace")} />
        <label className="flex flex-col gap-0.5">
          <span>From (start time)</span>
          <input type="datetime-local" step="1" value={toLocal(view.from)} onChange={(e) => update({ from: toIso(e.target.value) })} className={control} />
        </label>
        <label className="flex flex-col gap-0.5">
          <span>To (start time)</span>
          <input type="datetime-local" step="1" value={toLocal(view.to)} onChange={(e) => update({ to: toIso(e.target.value) })} className={control} />
        </label>
        <label className="flex flex-col gap-0.5">
          <span>Span type</span>
          <select value={view.type ?? ""} onChange={(e) => update({ type: (e.target.value || undefined) as SpanType | undefined })} className={control}>
            <option value="">All types</option>
            {SPAN_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-0.5">
          <span>Row density</span>
          <select value={view.density} onChange={(e) => update({ density: e.target.value as Density }, "replace")} className={control}>
            {DENSITIES.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-0.5">
          <span>Live updates</span>
          <select value={view.live} onChange={(e) => update({ live: e.target.value as LiveMode }, "replace")} className={control}>
            {LIVE_MODES.map((m) => (
              <option key={m} value={m}>
                {LIVE_LABEL[m]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className={button} aria-expanded={open === "filters"} onClick={() => toggle("filters")}>
          Add filter
        </button>
        <button type="button" className={button} aria-expanded={open === "columns"} onClick={() => toggle("columns")}>
          Columns
        </button>
        <button type="button" className={button} onClick={() => setOpen("export")}>
          Export
        </button>
        <button type="button" className={button} onClick={() => setOpen("import")}>
          Import
        </button>
      </div>
      {open === "filters" ? (
        <div className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
          <FilterBuilder suggestions={suggestions} onAdd={(f) => update({ filters: [...view.filters, f] })} />
        </div>
      ) : null}
      {open === "columns" ? (
        <section aria-label="Column chooser" className="max-w-xl rounded-lg border border-slate-200 p-3 dark:border-slate-800">
          <ColumnChooser table={table} onReset={resetColumns} />
        </section>
      ) : null}
      {open === "export" ? <ExportDialog projectId={projectId} view={view} selectedIds={selectedIds} total={total} onClose={() => setOpen(null)} /> : null}
      {open === "import" ? <ImportDialog projectName={projectName} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}

/** Debounced: the URL (and the request) follow the typing after a short pause. */
function SearchBox({ value, onSearch }: { value: string; onSearch(q: string): void }) {
  const [text, setText] = useState(value);
  const [synced, setSynced] = useState(value);
  if (synced !== value) {
    // The URL changed from elsewhere (back button, a chip): show it.
    setSynced(value);
    setText(value);
  }
  const search = useEffectEvent((q: string) => onSearch(q));
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => search(text), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, value]);
  return (
    <label className="flex flex-col gap-0.5">
      <span>Search spans</span>
      <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Name, input, output, model…" className={`${control} w-64`} />
    </label>
  );
}
