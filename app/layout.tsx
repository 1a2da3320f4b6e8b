import type { Metadata } from "next";
import { headers } from "next/headers";
import { ZodJitless } from "./_csp/zod-jitless";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Spanboard", template: "%s · Spanboard" },
  description: "Browse, comment on and score the spans your LLM application logs to Opik",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The per-request nonce of the Content-Security-Policy (proxy.ts); Next adds it to its own scripts.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* Blocking on purpose: it sets the theme class before first paint (public/theme-init.js). */}
        {/* eslint-disable-next-line @next/next/no-sync-scripts */}
        <script src="/theme-init.js" nonce={nonce} />
      </head>
      <body className="min-h-screen bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <ZodJitless />
        {children}
      </body>
    </html>
  );
}
