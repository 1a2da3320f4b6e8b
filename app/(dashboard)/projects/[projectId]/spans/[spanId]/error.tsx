"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { Alert } from "@/components/ui/alert";

/** The span page failed to render: say so, offer a retry and the way back to the table. */
export default function SpanError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const { projectId } = useParams<{ projectId: string }>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">The span could not be shown</h1>
      <Alert title="This page failed to render">
        <p>The server logged the details{error.digest ? ` (reference ${error.digest})` : ""}.</p>
        <div className="flex gap-4">
          <button type="button" onClick={reset} className="font-medium underline underline-offset-2">
            Try again
          </button>
          <Link href={`/projects/${projectId}/spans`} className="font-medium underline underline-offset-2">
            Back to the spans
          </Link>
        </div>
      </Alert>
    </div>
  );
}
