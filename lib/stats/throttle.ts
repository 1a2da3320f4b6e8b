"use client";

import { useEffect, useState } from "react";

/**
 * `value` as a chart draws it while answers stream in: a change is drawn at once, then further
 * changes at most once per `ms` (the latest one when the pause ends), so fifteen bucket answers
 * arriving ~30 ms apart redraw the charts a few times instead of fifteen (a redraw of the charts
 * over time is ~100 ms of main thread at 1M spans on the 2-core bench machine, measured). Once
 * nothing is pending (`live` false) it is `value` itself in the same render, so a view marked
 * complete never draws older data; a new `scope` (another bucket plan) is never drawn with the
 * previous scope's rows either.
 */
export function useThrottled<T>(value: T, ms: number, live: boolean, scope: unknown): T {
  const [shown, setShown] = useState({ value, scope, pausing: false });
  // Adjusting state while rendering (React re-renders at once, before committing): the leading
  // edge, and the trailing edge once the pause has ended with a newer value waiting.
  if (live && !shown.pausing && (shown.value !== value || shown.scope !== scope)) setShown({ value, scope, pausing: true });
  useEffect(() => {
    if (!shown.pausing) return;
    const timer = setTimeout(() => setShown((s) => ({ ...s, pausing: false })), ms);
    return () => clearTimeout(timer);
  }, [shown, ms]);
  return live && shown.scope === scope ? shown.value : value;
}
