"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { EXCLUDABLE, type ListSpansInput } from "@/lib/spans/inputs";
import { spanKeys, spanListQuery } from "@/lib/spans/queries";
import { LIVE_MS, type LiveMode } from "@/lib/spans/search-params";

/**
 * Live mode: a light count of the matching spans (no fields, one row) every 5 s / 30 s / 1 min. New
 * spans are announced, never inserted: the rows on screen stay where the reader is until "show".
 */
export function LiveBanner({ input, live, shownTotal, onShow }: { input: ListSpansInput; live: LiveMode; shownTotal?: number; onShow(): void }) {
  const client = useQueryClient();
  const every = LIVE_MS[live];
  const probe = useQuery({
    ...spanListQuery({ ...input, page: 1, size: 1, sorting: undefined, exclude: [...EXCLUDABLE] }),
    enabled: every > 0,
    refetchInterval: every || false,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
  if (every === 0) return null;
  const fresh = probe.data && shownTotal !== undefined ? probe.data.total - shownTotal : 0;
  return (
    <div aria-live="polite" className="text-sm">
      {fresh > 0 ? (
        <p className="flex items-center gap-2 rounded border border-sky-300 bg-sky-50 px-3 py-2 dark:border-sky-800 dark:bg-sky-950">
          <span>
            {fresh.toLocaleString("en-US")} new span{fresh === 1 ? "" : "s"}
          </span>
          <button
            type="button"
            onClick={() => {
              void client.invalidateQueries({ queryKey: spanKeys.lists() });
              onShow();
            }}
            className="font-medium underline underline-offset-2"
          >
            Show
          </button>
        </p>
      ) : (
        <p className="text-slate-600 dark:text-slate-400">
          <span className="mr-1 inline-block h-2 w-2 animate-pulse rounded-full bg-emerald-500" aria-hidden />
          Live: checking for new spans every {live === "1m" ? "minute" : live.replace("s", " seconds")}.
        </p>
      )}
    </div>
  );
}
