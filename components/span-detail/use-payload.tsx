"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "@/lib/actions/result";
import type { PayloadPreview } from "@/lib/span-detail/payload-preview";
import { formatBytes } from "@/lib/span-detail/format";
import { spanPayloadQuery } from "@/lib/spans/span-view-query";
import type { PayloadField } from "@/lib/spans/span-view-inputs";

export type Payload = {
  value: unknown;
  /** The preview's description while only a preview is here; null once the value is whole. */
  preview: PayloadPreview | null;
  /** The whole value's compact JSON, when it was loaded on demand (saves a 5 MB stringify). */
  text?: string;
  load(): void;
};

/**
 * A payload field of the shown span: the preview the server sent, until `load()` fetches the whole
 * value (then it stays cached for the session). Small payloads come whole and never load again.
 */
export function usePayload(spanId: string, field: PayloadField, value: unknown, preview: PayloadPreview | undefined) {
  const [wanted, setWanted] = useState(false);
  const full = useQuery({ ...spanPayloadQuery(spanId, field), enabled: Boolean(preview) && wanted });
  const loaded = preview && full.data ? full.data : null;
  const payload: Payload = {
    value: loaded ? loaded.value : value,
    preview: loaded ? null : (preview ?? null),
    text: loaded?.text,
    load: () => setWanted(true),
  };
  return { payload, loading: wanted && full.isFetching, error: full.isError ? errorMessage(full.error) : null, retry: () => full.refetch() };
}

/** Says that a preview is shown and offers the whole value. */
export function PreviewNotice({ label, state }: { label: string; state: ReturnType<typeof usePayload> }) {
  const { payload, loading, error, retry } = state;
  if (!payload.preview) return null;
  return (
    <div className="mb-2 flex flex-wrap items-center gap-2 rounded border border-sky-300 bg-sky-50 px-2 py-1 text-sm text-sky-950 dark:border-sky-800 dark:bg-sky-950/60 dark:text-sky-50">
      <span>
        A preview of this {formatBytes(payload.preview.bytes)} {label.toLowerCase()}: long arrays and strings are cut. Load it whole to copy or
        search all of it.
      </span>
      <button
        type="button"
        onClick={error ? () => retry() : payload.load}
        disabled={loading}
        className="rounded border border-sky-400 bg-white px-2 py-0.5 text-xs font-medium dark:border-sky-700 dark:bg-slate-900"
      >
        {loading ? `Loading the full ${label.toLowerCase()}…` : `Load the full ${label.toLowerCase()}`}
      </button>
      {error ? (
        <span role="alert" className="text-red-800 dark:text-red-300">
          Could not load it: {error}
        </span>
      ) : null}
    </div>
  );
}
