import Link from "next/link";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import type { BackendStatus } from "@/lib/backend/status";
import { env } from "@/lib/env";
import { BackendIndicator } from "./backend-indicator";
import { SignOutForm } from "./sign-out-form";

const navLink =
  "rounded px-2 py-1 text-slate-700 hover:bg-slate-100 hover:text-slate-950 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white";

export function SiteHeader({ status }: { status: BackendStatus }) {
  return (
    <header className="border-b border-slate-200 bg-white/90 dark:border-slate-800 dark:bg-slate-950/90">
      <div className="mx-auto flex max-w-[1800px] flex-wrap items-center gap-x-6 gap-y-2 px-6 py-3">
        <Link href="/" className="text-lg font-semibold tracking-tight">
          Spanboard
        </Link>
        <nav aria-label="Main" className="flex items-center gap-1 text-sm">
          <Link href="/" className={navLink}>
            Projects
          </Link>
          <Link href="/setup" className={navLink}>
            Setup
          </Link>
        </nav>
        <div className="ml-auto flex min-w-0 items-center gap-4">
          <BackendIndicator initial={status} />
          <ThemeToggle />
          {env().SPANBOARD_PASSWORD !== undefined && <SignOutForm />}
        </div>
      </div>
    </header>
  );
}
