import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { serverQueryClient } from "@/lib/query/server";
import { parseSpanView, type SearchParamsLike } from "@/lib/spans/search-params";
import { prefetchStatsView } from "@/lib/stats/prefetch";
import { StatsView } from "./_components/stats-view";

export const metadata: Metadata = { title: "Span stats" };

type Props = { params: Promise<{ projectId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The stats of the spans the table would show (same filters, search, time range and type, read
 * from the shared URL state). The server starts every request of the view and streams the answers
 * into the page (lib/stats/prefetch.ts); tiles and charts fill in as they arrive.
 */
export default async function ProjectStatsPage({ params, searchParams }: Props) {
  const { projectId } = await params;
  const { filters, q, from, to, type } = parseSpanView((await searchParams) as SearchParamsLike);
  const view = { filters, q, from, to, type };
  const state = await prefetchStatsView(serverQueryClient(), projectId, view);
  return (
    <HydrationBoundary state={state}>
      <StatsView projectId={projectId} view={view} />
    </HydrationBoundary>
  );
}
