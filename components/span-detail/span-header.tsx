"use client";

import Link from "next/link";
import { useState } from "react";
import { errorInfo } from "@/lib/actions/result";
import type { SpanPublic } from "@/lib/opik/client";
import { formatDuration, spanDurationMs } from "@/lib/span-detail/format";
import { useDeleteSpan } from "@/lib/spans/mutations";
import { ConfirmButton } from "./confirm-button";
import { CopyButton } from "./copy-button";
import { Skeleton } from "./skeleton";
import { SpanTypeIcon } from "./span-type-icon";

type Props = {
  span: SpanPublic | undefined;
  projectId: string;
  loading: boolean;
  onClose?(): void;
  onPrev?(): void;
  onNext?(): void;
  onDeleted?(): void;
};

const navBtn = "rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 disabled:opacity-40 dark:border-slate-700 dark:hover:bg-slate-800";

/** Name, type, ids with copy buttons, navigation (panel) and deletion. */
export function SpanHeader({ span, projectId, loading, onClose, onPrev, onNext, onDeleted }: Props) {
  const remove = useDeleteSpan();
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const nav = (
    <div className="flex shrink-0 items-center gap-1">
      {onPrev || onNext ? (
        <>
          <button type="button" className={navBtn} onClick={onPrev} disabled={!onPrev} aria-label="Previous span" title="Previous span (k)">
            ↑ Prev
          </button>
          <button type="button" className={navBtn} onClick={onNext} disabled={!onNext} aria-label="Next span" title="Next span (j)">
            ↓ Next
          </button>
        </>
      ) : null}
      {onClose ? (
        <button type="button" className={navBtn} onClick={onClose} aria-label="Close the span panel" title="Close (Esc)">
          ✕
        </button>
      ) : null}
    </div>
  );
  if (!span) {
    return (
      <div className="flex items-start justify-between gap-2">
        {loading ? <Skeleton label="Loading the span" lines={2} /> : <span />}
        {nav}
      </div>
    );
  }
  const name = span.name || "(unnamed span)";
  const ids: [string, string | undefined][] = [
    ["Span", span.id],
    ["Trace", span.trace_id],
    ["Project", span.project_id ?? projectId],
  ];
  return (
    <header className="space-y-2">
      <div className="flex items-start justify-between gap-2">
        <div className="flex min-w-0 items-center gap-2">
          <SpanTypeIcon type={span.type} />
          <h1 className="truncate text-xl font-semibold" title={name}>
            {name}
          </h1>
          <span className="shrink-0 text-sm text-slate-600 tabular-nums dark:text-slate-400">{formatDuration(spanDurationMs(span))}</span>
        </div>
        {nav}
      </div>
      <dl className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
        {ids.map(([label, id]) =>
          id ? (
            <div key={label} className="flex items-center gap-1">
              <dt className="text-slate-600 dark:text-slate-400">{label} id</dt>
              <dd className="flex items-center gap-1">
                <code className="font-mono">{id}</code>
                <CopyButton label={`Copy the ${label.toLowerCase()} id`} text={id} />
              </dd>
            </div>
          ) : null,
        )}
      </dl>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {onClose ? (
          <Link href={`/projects/${projectId}/spans/${span.id}`} className="text-sky-800 underline-offset-2 hover:underline dark:text-sky-300">
            Open full page
          </Link>
        ) : (
          <Link href={`/projects/${projectId}/spans?span=${span.id}`} className="text-sky-800 underline-offset-2 hover:underline dark:text-sky-300">
            Back to the spans
          </Link>
        )}
        <ConfirmButton
          title="Delete this span?"
          message={
            <p>
              “{name}” will be deleted with its scores and comments. Its child spans stay in the trace. This cannot be undone.
            </p>
          }
          confirmText="Delete span"
          onConfirm={() => {
            setDeleteError(null);
            remove.mutate(
              { id: span.id },
              {
                onSuccess: () => onDeleted?.(),
                onError: (e) =>
                  setDeleteError(
                    errorInfo(e)?.kind === "not_supported"
                      ? "This Opik server does not support deleting single spans. Delete the trace in Opik instead."
                      : `The span was not deleted: ${errorInfo(e)?.userMessage ?? String(e)}`,
                  ),
              },
            );
          }}
          className="rounded border border-red-300 px-2 py-0.5 text-red-800 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950"
        >
          {remove.isPending ? "Deleting…" : "Delete span"}
        </ConfirmButton>
      </div>
      {deleteError ? (
        <p role="alert" className="text-sm text-red-800 dark:text-red-300">
          {deleteError}
        </p>
      ) : null}
    </header>
  );
}
