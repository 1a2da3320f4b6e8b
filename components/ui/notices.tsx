"use client";

import { dismiss, useNotices } from "@/lib/ui/notices";

/** Messages posted by lib/ui/notices (e.g. a score that was rolled back), announced politely. */
export function Notices() {
  const notices = useNotices();
  return (
    <div aria-live="polite" className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-96 max-w-[calc(100vw-2rem)] flex-col gap-2">
      {notices.map((n) => (
        <div
          key={n.id}
          role={n.tone === "error" ? "alert" : "status"}
          className={`pointer-events-auto flex items-start gap-3 rounded-md border p-3 text-sm shadow-md ${
            n.tone === "error"
              ? "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
              : "border-slate-300 bg-white text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
          }`}
        >
          <p className="flex-1">{n.message}</p>
          <button type="button" onClick={() => dismiss(n.id)} className="rounded px-1 font-medium underline-offset-2 hover:underline" aria-label="Dismiss message">
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
