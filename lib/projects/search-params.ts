import type { ListProjectsInput } from "./inputs";

/** The projects page's URL state (`?q=name&page=2`) ⇄ the list-projects input. */
export const PROJECTS_PAGE_SIZE = 25;

type Reader = { get(name: string): string | null };

export function projectListParams(search: Reader): ListProjectsInput {
  const name = search.get("q")?.trim() ?? "";
  const page = Number(search.get("page"));
  return {
    ...(name ? { name } : {}),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    size: PROJECTS_PAGE_SIZE,
  };
}

/** For a server page's `searchParams` record. */
export function recordReader(record: Record<string, string | string[] | undefined>): Reader {
  return { get: (name) => [record[name]].flat()[0] ?? null };
}

export function projectListSearch(params: ListProjectsInput): string {
  const search = new URLSearchParams();
  if (params.name) search.set("q", params.name);
  if (params.page && params.page > 1) search.set("page", String(params.page));
  const text = search.toString();
  return text ? `?${text}` : "";
}
