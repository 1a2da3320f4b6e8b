import { dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { Suspense } from "react";
import { PackedHydration } from "@/components/providers/packed-hydration";
import { requestProject } from "@/lib/projects/request-project";
import { packJson } from "@/lib/query/json-transport";
import { serverQueryClient } from "@/lib/query/server";
import { spanListQuery } from "@/lib/spans/queries";
import { parseSpanView, toListSpansInput } from "@/lib/spans/search-params";
import { SpansView } from "./_components/spans-view";

type Props = { params: Promise<{ projectId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Spans" };

/** The span explorer. The first page is fetched here, with the client's own query, so rows arrive with the HTML. */
export default async function ProjectSpansPage({ params, searchParams }: Props) {
  const [{ projectId }, search] = await Promise.all([params, searchParams]);
  const client = serverQueryClient();
  const [project] = await Promise.all([requestProject(projectId), client.prefetchQuery(spanListQuery(toListSpansInput(parseSpanView(search), projectId)))]);
  return (
    <PackedHydration state={dehydrate(client, { serializeData: packJson })}>
      <Suspense>
        <SpansView projectId={projectId} projectName={project.ok ? project.data.name : ""} />
      </Suspense>
    </PackedHydration>
  );
}
