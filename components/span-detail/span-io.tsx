"use client";

import { useMemo, useState } from "react";
import { JsonTree } from "@/components/json/json-tree";
import { formatBytes } from "@/lib/span-detail/format";
import { detectConversation } from "@/lib/span-detail/messages";
import { Markdown } from "./markdown";
import { MessagesView } from "./messages-view";

type Mode = "messages" | "pretty" | "json" | "raw";

/** Beyond these sizes a view renders a preview first: markdown and raw text of megabytes block the page. */
const MARKDOWN_LIMIT = 100_000;
const RAW_PREVIEW = 200_000;
/** Bigger payloads open as the (lazy) JSON tree, whatever their shape. */
const LARGE = 1_000_000;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A span's input or output, in the view that suits it: chat messages, pretty (markdown), a JSON
 * tree, or raw text. Large payloads open collapsed and render previews; nothing is fetched from
 * the payload's URLs.
 */
export function SpanIO({ label, value }: { label: string; value: unknown }) {
  const raw = useMemo(() => (value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value, null, 2)), [value]);
  const size = raw.length;
  const conversation = useMemo(() => (size <= LARGE * 4 ? detectConversation(value) : null), [value, size]);
  const modes: Mode[] = [...(conversation ? (["messages"] as const) : []), "pretty", ...(typeof value === "string" ? [] : (["json"] as const)), "raw"];
  const initial: Mode = conversation ? "messages" : typeof value === "string" ? (size > MARKDOWN_LIMIT ? "raw" : "pretty") : "json";
  const [mode, setMode] = useState<Mode>(initial);
  const empty = value === undefined || value === null || (isObj(value) && Object.keys(value).length === 0) || value === "";

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
      {empty ? (
        <p className="text-sm text-slate-600 italic dark:text-slate-400">No {label.toLowerCase()}.</p>
      ) : mode === "messages" && conversation ? (
        <MessagesView conversation={conversation} label={label} />
      ) : mode === "json" ? (
        <JsonTree value={value} label={`${label} JSON`} />
      ) : mode === "pretty" ? (
        <Pretty value={value} label={label} />
      ) : (
        <RawText text={raw} label={label} />
      )}
    </section>
  );
}

function Pretty({ value, label }: { value: unknown; label: string }) {
  if (typeof value === "string") return value.length > MARKDOWN_LIMIT ? <RawText text={value} label={label} /> : <Markdown text={value} />;
  if (!isObj(value) || Object.keys(value).length > 50) return <JsonTree value={value} label={`${label} JSON`} />;
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

function RawText({ text, label }: { text: string; label: string }) {
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
      <button
        type="button"
        onClick={() => navigator.clipboard.writeText(text).catch(() => undefined)}
        className="ml-2 rounded border border-slate-300 px-1.5 py-0.5 text-xs dark:border-slate-700"
      >
        Copy {label.toLowerCase()}
      </button>
    </div>
  );
}
