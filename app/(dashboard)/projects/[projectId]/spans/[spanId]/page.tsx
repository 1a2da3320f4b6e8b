import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SpanPage } from "@/components/span-detail/span-page";
import { errorInfo } from "@/lib/actions/result";
import { serverQueryClient } from "@/lib/query/server";
import { spanQuery } from "@/lib/spans/queries";

type Props = { params: Promise<{ projectId: string; spanId: string }> };

export const metadata: Metadata = { title: "Span" };

/** One span with its trace tree. The span is fetched on the server; the tree loads in the browser. */
export default async function SpanDetailPage({ params }: Props) {
  const { projectId, spanId } = await params;
  const client = serverQueryClient();
  await client.prefetchQuery(spanQuery(spanId));
  const state = client.getQueryState(spanQuery(spanId).queryKey);
  const error = state?.status === "error" ? errorInfo(state.error) : undefined;
  if (error && (error.origin === "input" || error.kind === "not_found")) notFound();
  return (
    <HydrationBoundary state={dehydrate(client)}>
      <SpanPage projectId={projectId} spanId={spanId} />
    </HydrationBoundary>
  );
}
