"use client";

import { Alert } from "@/components/ui/alert";

/** A failure nobody planned for: say so, keep the header, offer a retry. */
export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <Alert title="This page failed to render">
        <p>
          The server logged the details{error.digest ? ` (reference ${error.digest})` : ""}. Retrying often helps when Opik was briefly
          unavailable.
        </p>
        <button type="button" onClick={reset} className="font-medium underline underline-offset-2">
          Try again
        </button>
      </Alert>
    </div>
  );
}
