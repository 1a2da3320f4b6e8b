"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { parseSpanView, serializeSpanView, type SpanView } from "@/lib/spans/search-params";

/** Keys whose change starts the reader at page 1 again. */
const RESETS_PAGE: (keyof SpanView)[] = ["filters", "q", "from", "to", "type", "size", "sort"];

/**
 * The table's view, read from and written to the URL. Writes go through the History API, which
 * Next.js syncs with useSearchParams without a server round trip; the data comes from React Query.
 * `push` makes a back-button step (filters, sorting, paging); `replace` does not (typing, panel).
 */
export function useSpanView() {
  const search = useSearchParams();
  const pathname = usePathname();
  const view = useMemo(() => parseSpanView(search), [search]);
  const update = useCallback(
    (patch: Partial<SpanView>, mode: "push" | "replace" = "push") => {
      const current = parseSpanView(new URLSearchParams(window.location.search));
      const next: SpanView = { ...current, ...patch };
      if (patch.page === undefined && RESETS_PAGE.some((k) => k in patch)) next.page = 1;
      const query = serializeSpanView(next);
      const url = `${pathname}${query ? `?${query}` : ""}`;
      if (mode === "push") window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    },
    [pathname],
  );
  return { view, update };
}
