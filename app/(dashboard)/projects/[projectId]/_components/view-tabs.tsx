"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { parseSpanView, serializeSharedView } from "@/lib/spans/search-params";

/** Spans | Stats: one click switches view and keeps the filters, search, time range and type. */
export function ViewTabs({ projectId }: { projectId: string }) {
  const pathname = usePathname();
  const shared = serializeSharedView(parseSpanView(useSearchParams()));
  const tabs = [
    { href: `/projects/${projectId}/spans`, label: "Spans" },
    { href: `/projects/${projectId}/stats`, label: "Stats" },
  ];
  return (
    <nav aria-label="Project views" className="flex gap-1 border-b border-slate-200 dark:border-slate-800">
      {tabs.map((tab) => {
        const current = pathname === tab.href;
        return (
          <Link
            key={tab.href}
            href={`${tab.href}${shared ? `?${shared}` : ""}`}
            aria-current={current ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-sky-600 ${
              current ? "border-sky-700 text-sky-800 dark:border-sky-400 dark:text-sky-300" : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100"
            }`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
