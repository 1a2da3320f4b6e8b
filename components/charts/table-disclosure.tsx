"use client";

import { useState, type ReactNode } from "react";

/**
 * "Show as table" behind a disclosure. The table is rendered only while open: every chart of a
 * view carries one, and rendering eight closed tables again on every streamed answer was work
 * nobody saw.
 */
export function TableDisclosure({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="mt-2 text-sm" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer text-slate-700 focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-slate-300">Show as table</summary>
      <div className="mt-2 max-h-72 overflow-auto">{open ? children : null}</div>
    </details>
  );
}
