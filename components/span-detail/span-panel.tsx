"use client";

import { useCallback, useLayoutEffect, useRef, useState, useSyncExternalStore, type PointerEvent as ReactPointerEvent } from "react";
import dynamic from "next/dynamic";
import { Skeleton } from "./skeleton";

// The detail view (tree, JSON and markdown viewers) loads when a span is first opened, so the
// table's own bundle stays small.
const SpanDetailView = dynamic(() => import("./span-detail-view").then((m) => m.SpanDetailView), {
  ssr: false,
  loading: () => <Skeleton label="Loading the span" lines={10} />,
});

export type SpanPanelProps = {
  projectId: string;
  spanId: string;
  onClose(): void;
  onPrev?(): void;
  onNext?(): void;
  /** Initial width in px; the person's own choice (localStorage) wins. */
  width?: number;
};

const WIDTH_KEY = "spanboard.span-panel.width";
const MIN = 360;
const DEFAULT = 720;

function savedWidth(fallback: number): number {
  try {
    const n = Number(localStorage.getItem(WIDTH_KEY));
    return Number.isFinite(n) && n >= MIN ? n : fallback;
  } catch {
    return fallback;
  }
}

const widthListeners = new Set<() => void>();
function subscribeWidth(listener: () => void) {
  widthListeners.add(listener);
  window.addEventListener("resize", listener);
  return () => {
    widthListeners.delete(listener);
    window.removeEventListener("resize", listener);
  };
}

/** Docked beside the table from Tailwind's `lg` up; an overlay on narrower screens. */
const DOCKED = "(min-width: 1024px)";
// Docked, the table keeps at least this much of the window (the grid in spans-view.tsx keeps the same
// 420 px within the page, which a window wider than the page makes the tighter bound); as an overlay,
// a strip to click past.
const TABLE_ROOM = 420;
const OVERLAY_ROOM = 80;
const clamp = (w: number) => {
  const room = window.matchMedia(DOCKED).matches ? TABLE_ROOM : OVERLAY_ROOM;
  return Math.round(Math.max(MIN, Math.min(w, window.innerWidth - room)));
};

/**
 * The widest the panel is shown, docked: what the grid leaves beside the table's 420 px. On a window
 * narrower than the page's cap this is less than `clamp`'s bound (by the page's padding and the
 * grid's gap, 60 px), and a width saved past it would make the next ←/→ press, or a drag back, seem
 * to do nothing.
 */
function gridRoom(panel: HTMLElement | null): number {
  const grid = panel?.parentElement;
  if (!grid || !window.matchMedia(DOCKED).matches) return Infinity;
  const gap = Number.parseFloat(getComputedStyle(grid).columnGap) || 0;
  return Math.max(MIN, Math.floor(grid.clientWidth - TABLE_ROOM - gap));
}

const fit = (w: number, panel: HTMLElement | null) => Math.min(clamp(w), gridRoom(panel));

/**
 * The span beside the table: on wide screens a column of its own, sticky to the top, so the toolbar
 * and the table stay uncovered and usable; on narrow ones an overlay from the right. Resizable by its
 * left edge (drag or ←/→ on the handle), its width remembered. Esc closes; j/k and the arrows call the
 * table's onNext/onPrev — the table owns the URL and the order of spans.
 */
export function SpanPanel({ projectId, spanId, onClose, onPrev, onNext, width }: SpanPanelProps) {
  const initial = width ?? DEFAULT;
  // The saved width is read through an external-store subscription, so the server render (no
  // localStorage) and hydration agree and the saved value applies right after.
  const saved = useSyncExternalStore(
    subscribeWidth,
    () => clamp(savedWidth(initial)),
    () => initial,
  );
  const [dragging, setW] = useState<number | null>(null);
  const panel = useRef<HTMLElement>(null);
  // The widest is measured, so the width rendered, announced (aria-valuenow) and stepped from by the
  // keys is the one shown, also when a width saved on a wider window is more than this one leaves.
  // The chosen width is already within `clamp`'s bound, so only the grid's room can cut it further.
  const [widest, setWidest] = useState(Infinity);
  useLayoutEffect(() => {
    const grid = panel.current?.parentElement;
    const measure = () => setWidest(fit(Infinity, panel.current));
    measure();
    if (!grid || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(grid);
    return () => observer.disconnect();
  }, []);
  const w = Math.min(dragging ?? saved, widest);
  const save = useCallback((next: number) => {
    try {
      localStorage.setItem(WIDTH_KEY, String(fit(next, panel.current)));
    } catch {
      // Private mode: the width lasts until the next render only.
    }
    setW(null);
    widthListeners.forEach((l) => l());
  }, []);

  const startDrag = (e: ReactPointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const handle = e.currentTarget;
    handle.setPointerCapture(e.pointerId);
    // Docked in a page narrower than the window, the panel's right edge is not the window's.
    const right = panel.current?.getBoundingClientRect().right ?? window.innerWidth;
    // Not `fit`: the render already caps the width at the measured widest, so a move need not read
    // the grid's layout again (each read after the last move's render forced a layout).
    const move = (ev: PointerEvent) => setW(clamp(right - ev.clientX));
    const up = (ev: PointerEvent) => {
      handle.removeEventListener("pointermove", move);
      handle.removeEventListener("pointerup", up);
      save(right - ev.clientX);
    };
    handle.addEventListener("pointermove", move);
    handle.addEventListener("pointerup", up);
  };

  return (
    <aside
      ref={panel}
      aria-label="Span details"
      className="fixed top-0 right-0 bottom-0 z-40 flex border-l border-slate-300 bg-white shadow-2xl lg:sticky lg:z-auto lg:max-h-screen lg:max-w-full lg:self-start lg:border lg:shadow-none dark:border-slate-700 dark:bg-slate-950"
      style={{ width: w }}
    >
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize the span panel"
        aria-valuenow={w}
        aria-valuemin={MIN}
        aria-valuemax={Number.isFinite(widest) ? widest : undefined}
        tabIndex={0}
        onPointerDown={startDrag}
        onKeyDown={(e) => {
          if (e.key === "ArrowLeft") save(w + 40);
          else if (e.key === "ArrowRight") save(w - 40);
          else return;
          e.preventDefault();
        }}
        className="w-1.5 shrink-0 cursor-col-resize bg-slate-200 hover:bg-sky-400 focus-visible:bg-sky-500 dark:bg-slate-800"
      />
      <div className="min-w-0 flex-1 overflow-y-auto p-4">
        <SpanDetailView key={spanId} projectId={projectId} spanId={spanId} layout="panel" onClose={onClose} onPrev={onPrev} onNext={onNext} />
      </div>
    </aside>
  );
}
