import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { projectListQuery } from "@/lib/projects/queries";
import { projectListParams, recordReader } from "@/lib/projects/search-params";
import { serverQueryClient } from "@/lib/query/server";
import { ProjectsView } from "./_components/projects-view";

export const metadata: Metadata = { title: "Projects" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ProjectsPage({ searchParams }: Props) {
  const params = projectListParams(recordReader(await searchParams));
  const client = serverQueryClient();
  await client.prefetchQuery(projectListQuery(params));
  return (
    <>
      <h1 className="text-2xl font-semibold">Projects</h1>
      <HydrationBoundary state={dehydrate(client)}>
        <ProjectsView />
      </HydrationBoundary>
    </>
  );
}
