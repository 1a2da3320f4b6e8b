"use client";

import { useMemo, useState } from "react";
import type { Selection } from "@/components/data-table/data-table";
import type { SpanPublic } from "@/lib/opik/client";

/** What a bulk action needs of a selected span. */
export type SpanRef = { id: string; trace_id: string; project_id?: string };

/**
 * Selected spans, kept across pages (a reader can select on page 1 and page 2) and dropped when the
 * filters change, since the selection would then include rows the reader can no longer see.
 * Shift extends from the last toggled row to this one, on the current page.
 */
export function useSelection(spans: readonly SpanPublic[], criteriaKey: string) {
  const [selected, setSelected] = useState<ReadonlyMap<string, SpanRef>>(new Map());
  const [anchor, setAnchor] = useState<string | null>(null);
  const [key, setKey] = useState(criteriaKey);
  if (key !== criteriaKey) {
    setKey(criteriaKey);
    setSelected(new Map());
    setAnchor(null);
  }

  const api = useMemo<Selection>(() => {
    const ref = (s: SpanPublic): SpanRef => ({ id: s.id, trace_id: s.trace_id, ...(s.project_id ? { project_id: s.project_id } : {}) });
    const onPage = spans.filter((s) => selected.has(s.id)).length;
    return {
      isSelected: (id) => selected.has(id),
      toggle(id, range) {
        const to = spans.findIndex((s) => s.id === id);
        const from = anchor ? spans.findIndex((s) => s.id === anchor) : -1;
        const next = new Map(selected);
        if (range && from >= 0 && to >= 0) {
          const [a, b] = from < to ? [from, to] : [to, from];
          for (const s of spans.slice(a, b + 1)) next.set(s.id, ref(s));
        } else if (next.has(id)) next.delete(id);
        else if (to >= 0) next.set(id, ref(spans[to]!));
        setSelected(next);
        setAnchor(id);
      },
      page: onPage === 0 ? "none" : onPage === spans.length ? "all" : "some",
      togglePage() {
        const next = new Map(selected);
        if (onPage === spans.length) for (const s of spans) next.delete(s.id);
        else for (const s of spans) next.set(s.id, ref(s));
        setSelected(next);
      },
    };
  }, [spans, selected, anchor]);

  return {
    api,
    selected: useMemo(() => [...selected.values()], [selected]),
    ids: useMemo(() => [...selected.keys()], [selected]),
    count: selected.size,
    clear: () => setSelected(new Map()),
  };
}
