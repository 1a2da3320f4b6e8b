"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { SpanDetailView } from "./span-detail-view";

/** The full page of a span: breadcrumb and the detail view; after a delete, back to the table. */
export function SpanPage({ projectId, spanId }: { projectId: string; spanId: string }) {
  const router = useRouter();
  return (
    <div className="space-y-3">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/" className="text-sky-800 hover:underline dark:text-sky-300">
          Projects
        </Link>
        <span aria-hidden> / </span>
        <Link href={`/projects/${projectId}/spans`} className="text-sky-800 hover:underline dark:text-sky-300">
          Spans
        </Link>
        <span aria-hidden> / </span>
        <span aria-current="page">Span</span>
      </nav>
      <SpanDetailView projectId={projectId} spanId={spanId} layout="page" onDeleted={() => router.push(`/projects/${projectId}/spans`)} />
    </div>
  );
}
