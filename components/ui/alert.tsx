import type { ReactNode } from "react";

/** A boxed message: `error` for failures (announced as an alert), `info` otherwise. */
export function Alert({ title, tone = "error", children }: { title: string; tone?: "error" | "info"; children?: ReactNode }) {
  const colors =
    tone === "error"
      ? "border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950/60 dark:text-red-50"
      : "border-sky-300 bg-sky-50 text-sky-950 dark:border-sky-800 dark:bg-sky-950/60 dark:text-sky-50";
  return (
    <div role={tone === "error" ? "alert" : undefined} className={`rounded-lg border p-4 ${colors}`}>
      <p className="font-semibold">{title}</p>
      {children ? <div className="mt-2 space-y-2 text-sm">{children}</div> : null}
    </div>
  );
}
