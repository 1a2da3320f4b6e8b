import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Spanboard", template: "%s · Spanboard" },
  description: "Browse, comment on and score the spans your LLM application logs to Opik",
};

// Runs before first paint so a dark-mode reader never sees a white flash (see components/ui/theme-toggle.tsx).
const themeScript = `try{var t=localStorage.getItem("theme");var d=t==="dark"||(t!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d)}catch(e){}`;

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">{children}</body>
    </html>
  );
}
