"use client";

import type { ReactNode } from "react";
import { JsonTree } from "@/components/json/json-tree";
import type { SpanView } from "@/lib/spans/span-view-actions";
import { formatCost, formatDuration, formatInstant, formatTokens, spanDurationMs } from "@/lib/span-detail/format";
import { TagsEditor } from "./tags-editor";
import { PreviewNotice, usePayload } from "./use-payload";

const box = "rounded-lg border border-slate-200 p-3 dark:border-slate-800";

function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      {items.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-600 dark:text-slate-400">{k}</dt>
          <dd className="min-w-0 break-words">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Everything else about the span: error, timing, model and usage, tags, metadata. */
export function SpanFacts({ span }: { span: SpanView }) {
  const usage = Object.entries(span.usage ?? {});
  const metadataState = usePayload(span.id, "metadata", span.metadata, span.payload_previews?.metadata);
  const { value: metadata, preview } = metadataState.payload;
  const hasMetadata = metadata !== undefined && metadata !== null && !(typeof metadata === "object" && Object.keys(metadata).length === 0);
  return (
    <>
      {span.error_info ? (
        <section aria-label="Error" className="rounded-lg border border-red-300 bg-red-50 p-3 text-red-950 dark:border-red-800 dark:bg-red-950/50 dark:text-red-50">
          <h2 className="text-base font-semibold">Error: {span.error_info.exception_type}</h2>
          {span.error_info.message ? <p className="mt-1 text-sm break-words">{span.error_info.message}</p> : null}
          {span.error_info.traceback ? (
            <details className="mt-2">
              <summary className="cursor-pointer text-sm">Traceback</summary>
              <pre className="mt-1 max-h-80 overflow-auto text-xs whitespace-pre-wrap">{span.error_info.traceback}</pre>
            </details>
          ) : null}
        </section>
      ) : null}
      <section aria-label="Timing and usage" className={box}>
        <h2 className="mb-2 text-base font-semibold">Timing and usage</h2>
        <Facts
          items={[
            ["Start", formatInstant(span.start_time)],
            ["End", formatInstant(span.end_time)],
            ["Duration", formatDuration(spanDurationMs(span))],
            ["Time to first token", span.ttft !== undefined ? formatDuration(span.ttft) : "–"],
            ["Model", span.model ?? "–"],
            ["Provider", span.provider ?? "–"],
            ["Estimated cost", formatCost(span.total_estimated_cost)],
            ...usage.map(([k, v]): [string, ReactNode] => [k.replace(/_/g, " "), <span key={k} title={String(v)}>{formatTokens(v)}</span>]),
            ["Type", span.type ?? "general"],
            ...(span.source ? [["Source", span.source] as [string, ReactNode]] : []),
            ...(span.environment ? [["Environment", span.environment] as [string, ReactNode]] : []),
            ...(span.created_by ? [["Created by", span.created_by] as [string, ReactNode]] : []),
          ]}
        />
      </section>
      <section aria-label="Tags" className={box}>
        <h2 className="mb-2 text-base font-semibold">Tags</h2>
        <TagsEditor spanId={span.id} tags={span.tags ?? []} />
      </section>
      <section aria-label="Metadata" className={box}>
        <h2 className="mb-2 text-base font-semibold">Metadata</h2>
        <PreviewNotice label="Metadata" state={metadataState} />
        {hasMetadata ? (
          <JsonTree key={preview ? "preview" : "whole"} value={metadata} label="Metadata JSON" maxHeight={320} cuts={preview?.cuts} onLoadAll={metadataState.payload.load} />
        ) : (
          <p className="text-sm text-slate-600 italic dark:text-slate-400">No metadata.</p>
        )}
      </section>
    </>
  );
}
