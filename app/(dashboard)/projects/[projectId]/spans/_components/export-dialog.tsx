"use client";

import { useRef, useState } from "react";
import { toStatsFilters, type SpanView } from "@/lib/spans/search-params";
import { Modal } from "@/components/ui/modal";
import { RecordSplitter } from "./record-splitter";

type Props = { projectId: string; view: SpanView; selectedIds: string[]; total?: number; onClose(): void };
type Progress = { done: number; of?: number } | null;

/**
 * Export through the streaming route (/export/spans → Opik's search stream): the whole filtered result,
 * or only the selected spans (the same stream, keeping the selected ids). Progress counts records as
 * they arrive; Cancel aborts the transfer.
 */
export function ExportDialog({ projectId, view, selectedIds, total, onClose }: Props) {
  const [format, setFormat] = useState<"jsonl" | "csv">("jsonl");
  const [scope, setScope] = useState<"all" | "selected">(selectedIds.length ? "selected" : "all");
  const [progress, setProgress] = useState<Progress>(null);
  const [message, setMessage] = useState<{ tone: "error" | "info"; text: string } | null>(null);
  const abort = useRef<AbortController | null>(null);

  const run = async () => {
    const controller = new AbortController();
    abort.current = controller;
    const wanted = scope === "selected" ? new Set(selectedIds) : null;
    const of = wanted ? wanted.size : total;
    setMessage(null);
    setProgress({ done: 0, of });
    const { filters, type } = toStatsFilters(view);
    const params = new URLSearchParams({ project_id: projectId, format });
    if (filters?.length) params.set("filters", JSON.stringify(filters));
    if (type) params.set("type", type);
    try {
      const res = await fetch(`/export/spans?${params}`, { signal: controller.signal });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as { error?: { userMessage?: string } } | null;
        throw new Error(body?.error?.userMessage ?? `The export failed (HTTP ${res.status}).`);
      }
      const parts: string[] = [];
      const splitter = new RecordSplitter(format);
      let done = 0;
      const keep = (record: string, index: number) => {
        if (format === "csv" && index === 0) return parts.push(record); // header
        if (wanted && !wanted.has(idOf(record, format))) return;
        parts.push(record);
        done++;
      };
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        splitter.push(value, keep);
        setProgress({ done, of });
        // Every selected span found: stop reading the rest of the project.
        if (wanted && done >= wanted.size) {
          await reader.cancel();
          break;
        }
      }
      splitter.end(keep);
      download(parts.join(""), format);
      setProgress({ done, of: done });
      setMessage({ tone: "info", text: `Exported ${done.toLocaleString("en-US")} span${done === 1 ? "" : "s"}.` });
    } catch (e) {
      setProgress(null);
      if (controller.signal.aborted) setMessage({ tone: "info", text: "Export cancelled." });
      else setMessage({ tone: "error", text: e instanceof Error ? e.message : String(e) });
    } finally {
      abort.current = null;
    }
  };

  const running = abort.current !== null && progress !== null && message === null;
  const pct = progress?.of ? Math.min(100, Math.round((progress.done / progress.of) * 100)) : undefined;
  return (
    <Modal title="Export spans" onClose={() => { abort.current?.abort(); onClose(); }}>
      <fieldset className="space-y-1">
        <legend className="font-medium">Spans</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="scope" checked={scope === "selected"} disabled={!selectedIds.length} onChange={() => setScope("selected")} />
          Selected spans ({selectedIds.length})
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="scope" checked={scope === "all"} onChange={() => setScope("all")} />
          Every span matching the filters{total !== undefined ? ` (${total.toLocaleString("en-US")})` : ""}
        </label>
      </fieldset>
      <fieldset className="space-y-1">
        <legend className="font-medium">Format</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="format" checked={format === "jsonl"} onChange={() => setFormat("jsonl")} /> JSON Lines
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="format" checked={format === "csv"} onChange={() => setFormat("csv")} /> CSV
        </label>
      </fieldset>
      {view.q ? <p className="text-slate-600 dark:text-slate-400">Note: Opik&apos;s export stream has no free-text search; “{view.q}” is not applied to the file.</p> : null}
      {progress ? (
        <div className="space-y-1">
          <progress aria-label="Export progress" max={progress.of ?? undefined} value={progress.of ? progress.done : undefined} className="w-full" />
          <p aria-live="polite">
            {progress.done.toLocaleString("en-US")} {progress.of !== undefined ? `of ${progress.of.toLocaleString("en-US")} ` : ""}spans{pct !== undefined ? ` (${pct}%)` : ""}
          </p>
        </div>
      ) : null}
      {message ? (
        <p role={message.tone === "error" ? "alert" : "status"} className={message.tone === "error" ? "text-red-700 dark:text-red-400" : ""}>
          {message.text}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        {running ? (
          <button type="button" onClick={() => abort.current?.abort()} className="rounded border border-slate-300 px-3 py-1 dark:border-slate-700">
            Cancel export
          </button>
        ) : (
          <button type="button" onClick={() => void run()} className="rounded bg-sky-700 px-3 py-1 font-medium text-white hover:bg-sky-800">
            Download
          </button>
        )}
      </div>
    </Modal>
  );
}

/** The span id of a record: JSONL's `id`, CSV's first cell (a UUID, never quoted). */
function idOf(record: string, format: "jsonl" | "csv"): string {
  if (format === "csv") return record.slice(0, record.indexOf(","));
  try {
    return (JSON.parse(record) as { id?: string }).id ?? "";
  } catch {
    return "";
  }
}

function download(text: string, format: "jsonl" | "csv") {
  const blob = new Blob([text], { type: format === "csv" ? "text/csv" : "application/x-ndjson" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = `spans-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-")}.${format}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
