"use client";

import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { Alert } from "@/components/ui/alert";
import { errorMessage } from "@/lib/actions/result";
import { buildTree } from "@/lib/span-detail/tree";
import { spanViewQuery } from "@/lib/spans/span-view-query";
import { traceTreeQuery } from "@/lib/spans/trace-tree-query";
import { AnnotationKeys } from "./annotation-keys";
import { CommentsSection } from "./comments-section";
import { ScoresSection } from "./scores-section";
import { SpanFacts } from "./span-facts";
import { SpanHeader } from "./span-header";
import { SpanIO } from "./span-io";
import { Skeleton } from "./skeleton";
import { TraceTree } from "./trace-tree";

const noSubscription = () => () => undefined;
/**
 * False on the server and while hydrating, true after. The tree streams into the page after the
 * server's HTML (which shows its skeleton): if it arrived before hydration, rendering it at once
 * would not match that HTML, and React would throw the server's DOM away — typed text included.
 */
const useHydrated = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

type Props = {
  projectId: string;
  spanId: string;
  layout: "page" | "panel";
  onClose?(): void;
  onPrev?(): void;
  onNext?(): void;
  /** Where to go after the span was deleted (the page leaves; the panel closes). */
  onDeleted?(): void;
};

/**
 * A span with its trace: the tree (all spans, light) beside the selected span's full payload,
 * scores and comments. Selecting another span in the tree changes the selection here; on the full
 * page the address follows, so a reload or a shared link shows the same span.
 */
export function SpanDetailView({ projectId, spanId, layout, onClose, onPrev, onNext, onDeleted }: Props) {
  const [selectedId, setSelectedId] = useState(spanId);
  const span = useQuery(spanViewQuery(selectedId));
  // The trace id of the span the view opened with: selecting inside the tree never changes trace.
  const [traceId, setTraceId] = useState<string | undefined>(undefined);
  if (span.data && !traceId) setTraceId(span.data.trace_id);
  const trace = useQuery({ ...traceTreeQuery({ trace_id: traceId ?? "", project_id: projectId }), enabled: Boolean(traceId) });
  const hydrated = useHydrated();
  const tree = useMemo(() => (trace.data && hydrated ? buildTree(trace.data.spans) : null), [trace.data, hydrated]);
  const commentBox = useRef<HTMLTextAreaElement>(null);

  const select = useCallback(
    (id: string) => {
      setSelectedId(id);
      if (layout === "page") window.history.replaceState(null, "", `/projects/${projectId}/spans/${id}`);
    },
    [layout, projectId],
  );
  const stepInTree = (delta: number) => {
    if (!tree) return;
    const i = tree.order.findIndex((n) => n.id === selectedId);
    const next = tree.order[i + delta];
    if (next) select(next.id);
  };
  const light = tree?.byId.get(selectedId)?.span;
  const shown = span.data ?? light;
  const panel = layout === "panel";

  return (
    <div className="space-y-4">
      <AnnotationKeys
        spanId={selectedId}
        projectId={projectId}
        onNext={panel ? onNext : () => stepInTree(1)}
        onPrev={panel ? onPrev : () => stepInTree(-1)}
        onClose={onClose}
        onComment={() => commentBox.current?.focus()}
      />
      <SpanHeader
        span={shown}
        projectId={projectId}
        loading={span.isPending && !light}
        onClose={onClose}
        onPrev={onPrev}
        onNext={onNext}
        onDeleted={onDeleted ?? onClose}
      />
      {span.isError && !light ? (
        <Alert title="The span could not be loaded">
          <p>{errorMessage(span.error)}</p>
          <button type="button" className="font-medium underline" onClick={() => span.refetch()}>
            Try again
          </button>
        </Alert>
      ) : null}
      <div className={panel ? "flex flex-col gap-4" : "grid gap-4 lg:grid-cols-[minmax(300px,2fr)_3fr]"}>
        <div className={panel ? "" : "lg:sticky lg:top-4 lg:self-start"}>
          {tree ? (
            <TraceTree tree={tree} selectedId={selectedId} onSelect={select} height={panel ? "32vh" : "calc(100vh - 14rem)"} />
          ) : trace.isError && hydrated ? (
            <Alert title="The trace could not be loaded">
              <p>{errorMessage(trace.error)}</p>
              <button type="button" className="font-medium underline" onClick={() => trace.refetch()}>
                Try again
              </button>
            </Alert>
          ) : span.isError ? null : (
            <Skeleton label="Loading the span tree" lines={8} />
          )}
        </div>
        <div className="min-w-0 space-y-4">
          {span.data ? (
            <>
              <SpanIO key={`${span.data.id}-in`} spanId={span.data.id} field="input" label="Input" value={span.data.input} preview={span.data.payload_previews?.input} />
              <SpanIO key={`${span.data.id}-out`} spanId={span.data.id} field="output" label="Output" value={span.data.output} preview={span.data.payload_previews?.output} />
              <ScoresSection span={span.data} projectId={projectId} />
              <CommentsSection span={span.data} textareaRef={commentBox} />
              <SpanFacts span={span.data} />
            </>
          ) : span.isPending ? (
            <Skeleton label="Loading the span" lines={12} />
          ) : null}
        </div>
      </div>
    </div>
  );
}
