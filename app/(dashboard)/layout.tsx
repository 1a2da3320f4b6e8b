import { connection } from "next/server";
import type { ReactNode } from "react";
import { Notices } from "@/components/ui/notices";
import { QueryProvider } from "@/components/providers/query-provider";
import { requestBackendStatus } from "@/lib/backend/status";
import { SetupPanel } from "./_components/setup-panel";
import { SiteHeader } from "./_components/site-header";

/**
 * Every dashboard page: the header with the backend status, then the page — or, when the
 * configuration is broken or Opik does not answer, the setup screen saying what was tried and why it
 * failed.
 */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // The status is per request, never from the build.
  await connection();
  const status = await requestBackendStatus();
  return (
    <QueryProvider>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow dark:focus:bg-slate-900"
      >
        Skip to content
      </a>
      <SiteHeader status={status} />
      <main id="main" className="mx-auto max-w-[1800px] px-6 py-8">
        {status.state === "reachable" ? children : <SetupPanel status={status} />}
      </main>
      <Notices />
    </QueryProvider>
  );
}
