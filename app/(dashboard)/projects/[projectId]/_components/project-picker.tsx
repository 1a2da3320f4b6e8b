"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { errorMessage } from "@/lib/actions/result";
import { projectListQuery } from "@/lib/projects/queries";

type ProjectRef = { id: string; name: string };
const LAST_KEY = "spanboard:last-project";

/** The project last opened in this browser, or null. */
export function lastProject(): ProjectRef | null {
  try {
    const v = JSON.parse(window.localStorage.getItem(LAST_KEY) ?? "null") as ProjectRef | null;
    return v && typeof v.id === "string" && typeof v.name === "string" ? v : null;
  } catch {
    return null;
  }
}

/** Switch project by name; remembers the current one as the last project opened. */
export function ProjectPicker({ current }: { current: ProjectRef }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [last, setLast] = useState<ProjectRef | null>(null);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const list = useQuery({ ...projectListQuery({ name: name.trim() || undefined, page: 1, size: 10 }), enabled: open });

  useEffect(() => {
    const previous = lastProject();
    // Mount-time read of browser storage.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (previous && previous.id !== current.id) setLast(previous);
    try {
      window.localStorage.setItem(LAST_KEY, JSON.stringify(current));
    } catch {
      // Storage unavailable: nothing to remember.
    }
  }, [current]);

  return (
    <div ref={root} className="relative text-sm" onKeyDown={(e) => e.key === "Escape" && setOpen(false)}>
      <button type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)} className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-slate-700 dark:hover:bg-slate-800">
        Switch project
      </button>
      {open ? (
        <div id={id} className="absolute right-0 z-20 mt-1 w-72 space-y-2 rounded-lg border border-slate-200 bg-white p-3 shadow-lg dark:border-slate-700 dark:bg-slate-900">
          <label className="flex flex-col gap-1">
            <span>Find a project by name</span>
            <input type="search" autoFocus value={name} onChange={(e) => setName(e.target.value)} className="rounded border border-slate-300 bg-transparent px-2 py-1 dark:border-slate-700" />
          </label>
          {last && !name ? (
            <p>
              Last opened:{" "}
              <Link href={`/projects/${last.id}/spans`} className="text-sky-800 hover:underline dark:text-sky-300">
                {last.name}
              </Link>
            </p>
          ) : null}
          {list.isError ? <p role="alert">{errorMessage(list.error)}</p> : null}
          {list.isPending ? <p role="status">Loading projects…</p> : null}
          {list.data ? (
            <ul aria-label="Matching projects" className="max-h-64 overflow-auto">
              {list.data.content.length === 0 ? <li className="text-slate-600 dark:text-slate-400">No project matches.</li> : null}
              {list.data.content.map((p) => (
                <li key={p.id}>
                  <Link
                    href={`/projects/${p.id}/spans`}
                    aria-current={p.id === current.id ? "page" : undefined}
                    onClick={() => setOpen(false)}
                    className="block truncate rounded px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800"
                  >
                    {p.name}
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
