"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { backendStatusQuery } from "@/lib/backend/queries";
import type { BackendStatus } from "@/lib/backend/status";

/** The header's "which Opik, does it answer": rendered on the server, re-checked in the background. */
export function BackendIndicator({ initial }: { initial: BackendStatus }) {
  const { data: status = initial } = useQuery(backendStatusQuery(initial));
  const router = useRouter();
  const recovered = initial.state !== "reachable" && status.state === "reachable";
  useEffect(() => {
    // The setup screen was rendered on the server: once Opik answers again, render the page instead.
    if (recovered) router.refresh();
  }, [recovered, router]);
  return (
    <section aria-label="Opik backend" className="flex min-w-0 items-center gap-2 text-sm">
      <Target status={status} />
      <State status={status} />
    </section>
  );
}

function Target({ status }: { status: BackendStatus }) {
  if (status.state === "config_error") return null;
  if (status.mode === "embedded") {
    return (
      <span title={`Embedded Opik server at ${status.url}`} className="rounded bg-slate-100 px-1.5 py-0.5 font-medium text-slate-800 dark:bg-slate-800 dark:text-slate-100">
        embedded
      </span>
    );
  }
  return (
    <span title={`Opik at ${status.url}`} className="truncate text-slate-700 dark:text-slate-200">
      <span className="font-medium">{status.host}</span>
      <span className="text-slate-500 dark:text-slate-400"> · workspace </span>
      <span className="font-medium">{status.workspace}</span>
    </span>
  );
}

function State({ status }: { status: BackendStatus }) {
  const [label, color] =
    status.state === "reachable"
      ? [`reachable · ${Math.round(status.latencyMs)} ms`, "bg-emerald-500"]
      : status.state === "unreachable"
        ? ["unreachable", "bg-red-500"]
        : ["configuration error", "bg-amber-500"];
  return (
    <span className="flex shrink-0 items-center gap-1.5 text-slate-600 dark:text-slate-300" data-state={status.state}>
      <span aria-hidden className={`inline-block size-2 rounded-full ${color}`} />
      {label}
    </span>
  );
}
