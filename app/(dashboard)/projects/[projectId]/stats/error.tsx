"use client";

import { Alert } from "@/components/ui/alert";

/** The stats view failed to render (not a failed request: those are shown per tile and chart). */
export default function StatsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <Alert title="The stats could not be shown">
      <p>Something went wrong while drawing this view{error.digest ? ` (reference ${error.digest})` : ""}.</p>
      <button type="button" onClick={reset} className="font-medium underline underline-offset-2">
        Try again
      </button>
    </Alert>
  );
}
