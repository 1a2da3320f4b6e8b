"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useEffect, useEffectEvent, useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { errorMessage } from "@/lib/actions/result";
import { projectListQuery } from "@/lib/projects/queries";
import { projectListParams, projectListSearch } from "@/lib/projects/search-params";
import type { ListProjectsInput } from "@/lib/projects/inputs";

const SEARCH_DELAY_MS = 250;

/** The project list: search by name and pages live in the URL; the previous results stay while the next load. */
export function ProjectsView() {
  const params = projectListParams(useSearchParams());
  const query = useQuery(projectListQuery(params));
  const client = useQueryClient();
  const total = query.isPlaceholderData ? undefined : query.data?.total;
  const page = params.page ?? 1;
  const size = params.size ?? 25;
  const pages = total === undefined ? undefined : Math.max(1, Math.ceil(total / size));

  useEffect(() => {
    if (pages !== undefined && page < pages) void client.prefetchQuery(projectListQuery({ ...params, page: page + 1 }));
    // params is rebuilt each render; its fields are the real dependencies.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, pages, page, params.name]);

  return (
    <div className="mt-6 space-y-4">
      <SearchBox name={params.name ?? ""} onSearch={(name) => go({ ...params, name, page: 1 }, "replace")} />
      {query.isError ? (
        <Alert title="The projects could not be loaded">
          <p>{errorMessage(query.error)}</p>
          <button type="button" onClick={() => void query.refetch()} className="font-medium underline underline-offset-2">
            Try again
          </button>
        </Alert>
      ) : null}
      {query.isPending ? (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
          Loading projects…
        </p>
      ) : null}
      {query.data ? (
        <>
          <p className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
            {query.isPlaceholderData ? "Searching…" : summary(query.data.total, params.name)}
          </p>
          <ul aria-label="Projects" aria-busy={query.isPlaceholderData} className={`divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800 ${query.isPlaceholderData ? "opacity-60" : ""}`}>
            {query.data.content.map((p) => (
              <li key={p.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-4 py-3">
                <div className="min-w-0">
                  <Link href={`/projects/${p.id}/spans`} className="font-medium text-sky-800 hover:underline dark:text-sky-300">
                    {p.name}
                  </Link>
                  {p.description ? <p className="truncate text-sm text-slate-600 dark:text-slate-400">{p.description}</p> : null}
                </div>
                <LastActivity at={p.last_updated_trace_at ?? p.last_updated_at} />
              </li>
            ))}
          </ul>
          {pages !== undefined && pages > 1 ? <Pager page={page} pages={pages} onPage={(n) => go({ ...params, page: n }, "push")} /> : null}
        </>
      ) : null}
    </div>
  );
}

/** Changes the URL without a server round trip: the query cache serves the new state. */
function go(params: ListProjectsInput, mode: "push" | "replace") {
  const url = `${window.location.pathname}${projectListSearch(params)}`;
  if (mode === "push") window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}

function summary(total: number, name: string | undefined): string {
  if (total === 0) return name ? `No projects match “${name}”.` : "No projects yet. Log spans with an Opik SDK and they appear here.";
  return `${total.toLocaleString("en-US")} project${total === 1 ? "" : "s"}${name ? ` matching “${name}”` : ""}`;
}

function SearchBox({ name, onSearch }: { name: string; onSearch: (name: string) => void }) {
  const id = useId();
  const [text, setText] = useState(name);
  const [shown, setShown] = useState(name);
  // The URL changed from outside (back button): show its search.
  if (name !== shown) {
    setShown(name);
    setText(name);
  }
  const search = useEffectEvent((value: string) => {
    setShown(value);
    onSearch(value);
  });
  useEffect(() => {
    if (text.trim() === name) return;
    const timer = setTimeout(() => search(text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, name]);
  return (
    <div role="search" className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        Search projects by name
      </label>
      <input
        id={id}
        type="search"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="e.g. support-bot"
        autoComplete="off"
        className="w-full max-w-md rounded-md border border-slate-300 bg-white px-3 py-1.5 text-slate-900 placeholder:text-slate-400 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      />
    </div>
  );
}

function Pager({ page, pages, onPage }: { page: number; pages: number; onPage: (page: number) => void }) {
  const button =
    "rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 disabled:opacity-40 disabled:hover:bg-transparent dark:border-slate-700 dark:hover:bg-slate-800";
  return (
    <nav aria-label="Pagination" className="flex items-center gap-3">
      <button type="button" className={button} disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </button>
      <span className="text-sm">
        Page {page} of {pages}
      </span>
      <button type="button" className={button} disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next
      </button>
    </nav>
  );
}

function LastActivity({ at }: { at: string | undefined }) {
  if (!at) return null;
  const date = new Date(at);
  return (
    <span className="text-xs text-slate-500 dark:text-slate-400">
      Last activity <time dateTime={at}>{date.toISOString().slice(0, 16).replace("T", " ")} UTC</time>
    </span>
  );
}
