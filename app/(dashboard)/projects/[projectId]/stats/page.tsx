import type { Metadata } from "next";
import { parseSpanView, type SearchParamsLike } from "@/lib/spans/search-params";
import { StatsView } from "./_components/stats-view";

export const metadata: Metadata = { title: "Span stats" };

type Props = { params: Promise<{ projectId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The stats of the spans the table would show (same filters, search, time range and type, read
 * from the shared URL state). Everything is fetched in the browser through the stats data route,
 * several requests at once, so the tiles and charts fill in as answers arrive.
 */
export default async function ProjectStatsPage({ params, searchParams }: Props) {
  const { projectId } = await params;
  const { filters, q, from, to, type } = parseSpanView((await searchParams) as SearchParamsLike);
  return <StatsView projectId={projectId} view={{ filters, q, from, to, type }} />;
}
