"use client";

import { useMemo, useState } from "react";
import { JsonTree } from "@/components/json/json-tree";
import { formatBytes } from "@/lib/span-detail/format";
import { detectConversation } from "@/lib/span-detail/messages";
import type { PayloadPreview } from "@/lib/span-detail/payload-preview";
import type { PayloadField } from "@/lib/spans/span-view-inputs";
import { Markdown } from "./lazy-markdown";
import { MessagesView } from "./messages-view";
import { PreviewNotice, usePayload, type Payload } from "./use-payload";

type Mode = "messages" | "pretty" | "json" | "raw";

/** Beyond these sizes a view renders a preview first: markdown and raw text of megabytes block the page. */
const MARKDOWN_LIMIT = 100_000;
const RAW_PREVIEW = 200_000;
/** Bigger payloads open as the (lazy) JSON tree, whatever their shape, and raw text is not re-indented. */
const LARGE = 1_000_000;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Characters of the payload as JSON, without serialising a big one again. */
function sizeOf({ value, preview, text }: Pick<Payload, "value" | "preview" | "text">): number {
  if (preview) return preview.bytes;
  if (text !== undefined) return text.length;
  return value === undefined ? 0 : typeof value === "string" ? value.length : JSON.stringify(value).length;
}

/** The raw view's text, computed only when that view is chosen. */
function rawText(payload: Payload, size: number): string {
  const { value } = payload;
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  if (size > LARGE) return payload.text ?? JSON.stringify(value);
  return JSON.stringify(value, null, 2);
}

type Props = { spanId: string; field: PayloadField; label: string; value: unknown; preview?: PayloadPreview };

/**
 * A span's input or output, in the view that suits it: chat messages, pretty (markdown), a JSON
 * tree, or raw text. A payload the server previewed (over 256 KB) shows its preview with a control
 * to load it whole; nothing heavy (stringify, markdown, conversation detection of megabytes) runs
 * before it is needed, and nothing is fetched from the payload's URLs.
 */
export function SpanIO({ spanId, field, label, value: given, preview: givenPreview }: Props) {
  const state = usePayload(spanId, field, given, givenPreview);
  const { payload } = state;
  const { value, preview, text } = payload;
  const size = useMemo(() => sizeOf({ value, preview, text }), [value, preview, text]);
  const conversation = useMemo(() => (size <= LARGE * 4 ? detectConversation(value) : null), [value, size]);
  const modes: Mode[] = [...(conversation ? (["messages"] as const) : []), "pretty", ...(typeof value === "string" ? [] : (["json"] as const)), "raw"];
  const initial: Mode = conversation ? "messages" : typeof value === "string" ? (size > MARKDOWN_LIMIT ? "raw" : "pretty") : "json";
  const [chosen, setMode] = useState<Mode | null>(null);
  const mode = chosen && modes.includes(chosen) ? chosen : initial;
  const empty = value === undefined || value === null || (isObj(value) && Object.keys(value).length === 0) || value === "";
  const cuts = preview?.cuts;

  return (
    <section aria-label={label} className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h2 className="text-base font-semibold">{label}</h2>
        {!empty ? <span className="text-xs text-slate-600 dark:text-slate-400">{formatBytes(size)}</span> : null}
        {!empty ? (
          <div role="group" aria-label={`${label} view`} className="ml-auto flex gap-1">
            {modes.map((m) => (
              <button
                key={m}
                type="button"
                aria-pressed={mode === m}
                onClick={() => setMode(m)}
                className={`rounded px-2 py-0.5 text-xs ${mode === m ? "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900" : "border border-slate-300 dark:border-slate-700"}`}
              >
                {m === "messages" ? "Messages" : m === "pretty" ? "Pretty" : m === "json" ? "JSON" : "Raw"}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      <PreviewNotice label={label} state={state} />
      {empty ? (
        <p className="text-sm text-slate-600 italic dark:text-slate-400">No {label.toLowerCase()}.</p>
      ) : mode === "messages" && conversation ? (
        <MessagesView conversation={conversation} label={label} />
      ) : mode === "json" ? (
        // A new tree once the whole value arrives: it opens as a fresh value would.
        <JsonTree key={cuts ? "preview" : "whole"} value={value} label={`${label} JSON`} cuts={cuts} onLoadAll={payload.load} />
      ) : mode === "pretty" ? (
        <Pretty value={value} label={label} cuts={cuts} onLoadAll={payload.load} />
      ) : (
        <RawText text={rawText(payload, size)} label={label} partial={Boolean(cuts)} />
      )}
    </section>
  );
}

type PrettyProps = { value: unknown; label: string; cuts?: Record<string, number>; onLoadAll(): void };

function Pretty({ value, label, cuts, onLoadAll }: PrettyProps) {
  if (typeof value === "string") return value.length > MARKDOWN_LIMIT ? <RawText text={value} label={label} /> : <Markdown text={value} />;
  // A preview is shown as the tree, which marks what was cut.
  if (!isObj(value) || Object.keys(value).length > 50 || cuts) return <JsonTree value={value} label={`${label} JSON`} cuts={cuts} onLoadAll={onLoadAll} />;
  return (
    <dl className="space-y-3">
      {Object.entries(value).map(([k, v]) => (
        <div key={k}>
          <dt className="text-xs font-semibold text-slate-600 dark:text-slate-400">{k}</dt>
          <dd>
            {typeof v === "string" ? (
              v.length > MARKDOWN_LIMIT ? (
                <RawText text={v} label={`${label} ${k}`} />
              ) : (
                <Markdown text={v} />
              )
            ) : typeof v === "number" || typeof v === "boolean" || v === null ? (
              <code className="text-sm">{String(v)}</code>
            ) : (
              <JsonTree value={v} label={`${label} ${k}`} maxHeight={320} />
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function RawText({ text, label, partial = false }: { text: string; label: string; partial?: boolean }) {
  const [all, setAll] = useState(false);
  const cut = !all && text.length > RAW_PREVIEW;
  return (
    <div className="space-y-2">
      <pre aria-label={`${label} raw text`} className="max-h-[480px] overflow-auto rounded bg-slate-50 p-2 text-xs break-all whitespace-pre-wrap dark:bg-slate-900">
        {cut ? text.slice(0, RAW_PREVIEW) : text}
      </pre>
      {cut ? (
        <button type="button" onClick={() => setAll(true)} className="text-sm text-sky-800 underline dark:text-sky-300">
          Show all {formatBytes(text.length)} (the first {formatBytes(RAW_PREVIEW)} are shown)
        </button>
      ) : null}
      {partial ? null : (
        <button
          type="button"
          onClick={() => navigator.clipboard.writeText(text).catch(() => undefined)}
          className="ml-2 rounded border border-slate-300 px-1.5 py-0.5 text-xs dark:border-slate-700"
        >
          Copy {label.toLowerCase()}
        </button>
      )}
    </div>
  );
}
