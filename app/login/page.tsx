import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { loginNotice } from "@/lib/auth/login-notice";
import { safeNextPath } from "@/lib/auth/redirect";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The sign-in form of a password-protected Spanboard. A plain form post, answered by the proxy
 * (lib/auth/gate.ts), so it works before any JavaScript has loaded.
 */
export default async function LoginPage({ searchParams }: Props) {
  if (env().SPANBOARD_PASSWORD === undefined) redirect("/");
  const params = await searchParams;
  const one = (name: string) => (typeof params[name] === "string" ? (params[name] as string) : undefined);
  const next = safeNextPath(one("next"));
  const notice = loginNotice(one("error"), one("retry"), one("signedOut"));
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-6">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in to Spanboard</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">This Spanboard is password protected.</p>
      <form method="post" action="/login/submit" className="mt-6 flex flex-col gap-3">
        {notice && (
          <p
            id="login-notice"
            role={notice.kind === "error" ? "alert" : "status"}
            className={
              notice.kind === "error"
                ? "rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
                : "rounded border border-slate-300 bg-slate-50 px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
            }
          >
            {notice.text}
          </p>
        )}
        <input type="hidden" name="next" value={next} />
        <label htmlFor="password" className="text-sm font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          required
          autoFocus
          autoComplete="current-password"
          aria-invalid={notice?.kind === "error" ? true : undefined}
          aria-describedby={notice ? "login-notice" : undefined}
          className="rounded border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900"
        />
        <button type="submit" className="rounded bg-slate-900 px-3 py-2 font-medium text-white hover:bg-slate-700 dark:bg-slate-100 dark:text-slate-900 dark:hover:bg-slate-300">
          Sign in
        </button>
      </form>
    </main>
  );
}
