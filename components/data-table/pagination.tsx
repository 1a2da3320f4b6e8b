"use client";

import { useEffect, useId } from "react";

type Props = {
  page: number;
  size: number;
  sizes: readonly number[];
  /** Undefined while the count is not known yet. */
  total?: number;
  onPage(page: number): void;
  onSize(size: number): void;
  /** Alt+←/→ (and PageUp/PageDown outside text fields) turn pages from anywhere on the page. */
  keyboard?: boolean;
};

const fmt = (n: number) => n.toLocaleString("en-US");

/** Page controls with the total; the keys are announced in the buttons' titles. */
export function Pagination({ page, size, sizes, total, onPage, onSize, keyboard = true }: Props) {
  const sizeId = useId();
  const pages = total === undefined ? undefined : Math.max(1, Math.ceil(total / size));
  const canPrev = page > 1;
  const canNext = pages === undefined || page < pages;

  useEffect(() => {
    if (!keyboard) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = target?.closest("input,textarea,select,[contenteditable=true],[role=dialog]");
      const prev = (e.altKey && e.key === "ArrowLeft") || (!typing && e.key === "PageUp");
      const next = (e.altKey && e.key === "ArrowRight") || (!typing && e.key === "PageDown");
      if (prev && canPrev) onPage(page - 1);
      else if (next && canNext) onPage(page + 1);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [keyboard, page, canPrev, canNext, onPage]);

  const first = total === 0 ? 0 : (page - 1) * size + 1;
  const last = total === undefined ? page * size : Math.min(total, page * size);
  const button = "rounded border border-slate-300 px-2 py-1 disabled:opacity-40 dark:border-slate-700 focus-visible:outline-2 focus-visible:outline-sky-600";
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p aria-live="polite">
        {total === undefined ? "Counting…" : total === 0 ? "No rows" : `${fmt(first)}–${fmt(last)} of ${fmt(total)}`}
      </p>
      <div className="flex items-center gap-2">
        <label htmlFor={sizeId}>Rows per page</label>
        <select id={sizeId} value={size} onChange={(e) => onSize(Number(e.target.value))} className="rounded border border-slate-300 bg-transparent px-1 py-1 dark:border-slate-700">
          {sizes.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <button type="button" className={button} disabled={!canPrev} onClick={() => onPage(1)} aria-label="First page">
          «
        </button>
        <button type="button" className={button} disabled={!canPrev} onClick={() => onPage(page - 1)} title="Previous page (Alt+←)">
          Previous
        </button>
        <span>
          Page {fmt(page)}
          {pages === undefined ? "" : ` of ${fmt(pages)}`}
        </span>
        <button type="button" className={button} disabled={!canNext} onClick={() => onPage(page + 1)} title="Next page (Alt+→)">
          Next
        </button>
        <button type="button" className={button} disabled={!canNext || pages === undefined} onClick={() => pages && onPage(pages)} aria-label="Last page">
          »
        </button>
      </div>
    </nav>
  );
}
