const TYPES: Record<string, { label: string; className: string }> = {
  llm: { label: "LLM", className: "bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200" },
  tool: { label: "T", className: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200" },
  guardrail: { label: "G", className: "bg-rose-100 text-rose-900 dark:bg-rose-950 dark:text-rose-200" },
  general: { label: "•", className: "bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200" },
};

/** A span's type as a small badge; unknown types (recent Opik has more) show their first letter. */
export function SpanTypeIcon({ type }: { type?: string }) {
  const t = TYPES[type ?? "general"] ?? { label: (type ?? "?").slice(0, 1).toUpperCase(), className: TYPES.general!.className };
  return (
    <span title={`type: ${type ?? "general"}`} className={`inline-flex h-5 min-w-5 shrink-0 items-center justify-center rounded px-1 text-[10px] font-bold ${t.className}`}>
      <span aria-hidden>{t.label}</span>
      <span className="sr-only">{type ?? "general"}</span>
    </span>
  );
}
