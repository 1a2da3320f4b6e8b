import { defaultShouldDehydrateQuery, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PackedHydration } from "@/components/providers/packed-hydration";
import { SpanPage } from "@/components/span-detail/span-page";
import { errorInfo } from "@/lib/actions/result";
import { serverQueryClient } from "@/lib/query/server";
import { packTreeData } from "@/lib/span-detail/tree-transport";
import { spanViewQuery } from "@/lib/spans/span-view-query";
import { traceTreeQuery } from "@/lib/spans/trace-tree-query";

type Props = { params: Promise<{ projectId: string; spanId: string }> };

export const metadata: Metadata = { title: "Span" };

/**
 * One span with its trace tree. The span (big payloads previewed) is awaited; the tree is started
 * right after and not awaited: it streams into the same response while the browser loads and
 * hydrates the page, packed as one string (lib/span-detail/tree-transport.ts).
 */
export default async function SpanDetailPage({ params }: Props) {
  const { projectId, spanId } = await params;
  const client = serverQueryClient();
  await client.prefetchQuery(spanViewQuery(spanId));
  const state = client.getQueryState(spanViewQuery(spanId).queryKey);
  const error = state?.status === "error" ? errorInfo(state.error) : undefined;
  if (error && (error.origin === "input" || error.kind === "not_found")) notFound();
  const traceId = state?.data?.trace_id;
  if (traceId) void client.prefetchQuery(traceTreeQuery({ trace_id: traceId, project_id: projectId }));
  const dehydrated = dehydrate(client, {
    shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
    serializeData: packTreeData,
  });
  return (
    <PackedHydration state={dehydrated}>
      <SpanPage projectId={projectId} spanId={spanId} />
    </PackedHydration>
  );
}
