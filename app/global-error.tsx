"use client";

import "./globals.css";

/** Last resort when the root layout itself fails: plain, readable, with a way back. */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="bg-white text-slate-900">
        <main className="mx-auto max-w-3xl space-y-3 px-6 py-12">
          <h1 className="text-2xl font-semibold">Spanboard failed to start this page</h1>
          <p>The server logged the details.</p>
          <button type="button" onClick={reset} className="underline">
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
