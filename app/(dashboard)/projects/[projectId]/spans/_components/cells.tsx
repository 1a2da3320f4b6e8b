import type { SpanPublic } from "@/lib/opik/client";
import { previewText } from "@/lib/spans/cell-preview";

/** Small span cells. Everything is rendered as text: span content is untrusted. */

const muted = <span className="text-slate-400 dark:text-slate-600">—</span>;

export function DurationCell({ ms }: { ms?: number }) {
  if (ms === undefined || ms === null) return muted;
  return <>{ms < 1000 ? `${ms.toFixed(ms < 10 ? 1 : 0)} ms` : `${(ms / 1000).toFixed(2)} s`}</>;
}

export function CostCell({ usd }: { usd?: number }) {
  if (!usd) return muted;
  return <>${usd < 0.01 ? usd.toPrecision(2) : usd.toFixed(4)}</>;
}

export function NumberCell({ value }: { value?: number }) {
  if (value === undefined || value === null) return muted;
  return <>{value.toLocaleString("en-US")}</>;
}

export function TimeCell({ iso }: { iso?: string }) {
  if (!iso) return muted;
  const d = new Date(iso);
  // UTC so server and browser render the same text.
  return <time dateTime={iso}>{Number.isNaN(d.getTime()) ? iso : d.toISOString().replace("T", " ").slice(0, 23)}</time>;
}

const TYPE_COLORS: Record<string, string> = {
  llm: "bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200",
  tool: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  guardrail: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
};

export function TypeCell({ type }: { type?: string }) {
  if (!type) return muted;
  return <span className={`rounded px-1.5 py-0.5 text-xs ${TYPE_COLORS[type] ?? "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200"}`}>{type}</span>;
}

export function TagsCell({ tags }: { tags?: string[] }) {
  if (!tags?.length) return muted;
  return (
    <span className="flex gap-1 overflow-hidden">
      {tags.map((t) => (
        <span key={t} className="rounded bg-slate-100 px-1.5 text-xs dark:bg-slate-800">
          {t}
        </span>
      ))}
    </span>
  );
}

export function ErrorCell({ error }: { error?: SpanPublic["error_info"] }) {
  if (!error) return muted;
  return (
    <span className="text-red-700 dark:text-red-400" title={error.message ?? error.exception_type}>
      {error.exception_type}
    </span>
  );
}

/** One line of JSON (or the string itself), cut for the cell; the full value is in the detail panel. */
export function JsonCell({ value }: { value: unknown }) {
  const text = previewText(value);
  if (!text) return muted;
  return <span className="font-mono text-xs">{text}</span>;
}
