"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState, type ChangeEvent } from "react";
import { SpanWrite } from "@/lib/opik/schemas/spans";
import { createSpans } from "@/lib/spans/write-actions";
import { MAX_IMPORT } from "@/lib/spans/inputs";
import { spanKeys } from "@/lib/spans/queries";
import { Modal } from "@/components/ui/modal";

type Problem = { line: number; message: string };
type Span = ReturnType<typeof SpanWrite.parse>;
type Parsed = { spans: Span[]; problems: Problem[] };

const MAX_SHOWN = 50;

/** A JSON array or JSON Lines file → spans checked one by one; each problem names its line (or item). */
export function parseSpansFile(text: string, projectName: string): Parsed {
  const spans: Span[] = [];
  const problems: Problem[] = [];
  const trimmed = text.trim();
  let items: { line: number; value: unknown }[];
  if (trimmed.startsWith("[")) {
    try {
      items = (JSON.parse(trimmed) as unknown[]).map((value, i) => ({ line: i + 1, value }));
    } catch (e) {
      return { spans, problems: [{ line: 1, message: `not valid JSON: ${e instanceof Error ? e.message : e}` }] };
    }
  } else {
    items = [];
    text.split(/\r?\n/).forEach((raw, i) => {
      if (!raw.trim()) return;
      try {
        items.push({ line: i + 1, value: JSON.parse(raw) });
      } catch {
        problems.push({ line: i + 1, message: "not valid JSON" });
      }
    });
  }
  for (const { line, value } of items) {
    const candidate = value && typeof value === "object" && !Array.isArray(value) ? { project_name: projectName, ...value } : value;
    const parsed = SpanWrite.safeParse(candidate);
    if (parsed.success) spans.push(parsed.data);
    else problems.push({ line, message: parsed.error.issues.map((i) => `${i.path.join(".") || "span"}: ${i.message}`).join("; ") });
  }
  return { spans, problems };
}

/** Import spans (create) into this project unless a line names another project. */
export function ImportDialog({ projectName, onClose }: { projectName: string; onClose(): void }) {
  const client = useQueryClient();
  const [parsed, setParsed] = useState<Parsed | null>(null);
  const [state, setState] = useState<{ busy: boolean; result?: string; error?: string }>({ busy: false });

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    setState({ busy: false });
    setParsed(file ? parseSpansFile(await file.text(), projectName) : null);
  };

  const run = async () => {
    if (!parsed?.spans.length) return;
    setState({ busy: true });
    let created = 0;
    for (let i = 0; i < parsed.spans.length; i += MAX_IMPORT) {
      const res = await createSpans({ spans: parsed.spans.slice(i, i + MAX_IMPORT) });
      if (!res.ok) {
        setState({ busy: false, error: `${created ? `${created} spans were imported, then: ` : ""}${res.error.userMessage}` });
        void client.invalidateQueries({ queryKey: spanKeys.all });
        return;
      }
      created += res.data.created;
    }
    void client.invalidateQueries({ queryKey: spanKeys.all });
    setState({ busy: false, result: `Imported ${created.toLocaleString("en-US")} span${created === 1 ? "" : "s"}.` });
  };

  return (
    <Modal title="Import spans" onClose={onClose}>
      <p>A JSON array of spans or a JSON Lines file (one span per line), as Opik&apos;s API takes them: at least <code>start_time</code>; span ids must be UUID v7.</p>
      <label className="flex flex-col gap-1">
        <span className="font-medium">Spans file</span>
        <input type="file" accept=".json,.jsonl,.ndjson,application/json" onChange={(e) => void onFile(e)} />
      </label>
      {parsed ? (
        <p role="status">
          {parsed.spans.length} valid span{parsed.spans.length === 1 ? "" : "s"}, {parsed.problems.length} line{parsed.problems.length === 1 ? "" : "s"} with problems.
        </p>
      ) : null}
      {parsed?.problems.length ? (
        <ul aria-label="Problems in the file" className="max-h-48 list-disc overflow-auto pl-5 text-red-700 dark:text-red-400">
          {parsed.problems.slice(0, MAX_SHOWN).map((p) => (
            <li key={p.line}>
              Line {p.line}: {p.message}
            </li>
          ))}
          {parsed.problems.length > MAX_SHOWN ? <li>…and {parsed.problems.length - MAX_SHOWN} more</li> : null}
        </ul>
      ) : null}
      {state.error ? <p role="alert" className="text-red-700 dark:text-red-400">{state.error}</p> : null}
      {state.result ? <p role="status">{state.result}</p> : null}
      <div className="flex justify-end">
        <button type="button" disabled={!parsed?.spans.length || state.busy} onClick={() => void run()} className="rounded bg-sky-700 px-3 py-1 font-medium text-white hover:bg-sky-800 disabled:opacity-50">
          {state.busy ? "Importing…" : parsed?.problems.length ? `Import the ${parsed.spans.length} valid spans` : "Import"}
        </button>
      </div>
    </Modal>
  );
}
