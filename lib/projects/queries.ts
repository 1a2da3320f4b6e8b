import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { unwrap } from "@/lib/actions/result";
import { getProject, listProjects } from "./actions";
import type { ListProjectsInput } from "./inputs";

/** Query keys for projects; components never spell a key themselves. */
export const projectKeys = {
  all: ["projects"] as const,
  lists: () => [...projectKeys.all, "list"] as const,
  list: (params: ListProjectsInput) => [...projectKeys.lists(), params] as const,
  details: () => [...projectKeys.all, "detail"] as const,
  detail: (id: string) => [...projectKeys.details(), id] as const,
};

/** Shared by the server prefetch and the client, so both use the same key and function. */
export const projectListQuery = (params: ListProjectsInput) =>
  queryOptions({
    queryKey: projectKeys.list(params),
    queryFn: () => unwrap(listProjects(params)),
    placeholderData: keepPreviousData,
  });

export const projectQuery = (id: string) =>
  queryOptions({ queryKey: projectKeys.detail(id), queryFn: () => unwrap(getProject({ id })) });
