import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { getProject } from "@/lib/projects/actions";
import { listSpans } from "@/lib/spans/actions";
import { EXCLUDABLE } from "@/lib/spans/inputs";

type Props = { params: Promise<{ projectId: string }> };

export const metadata: Metadata = { title: "Spans" };

/** For now the project's name and span count; the span table comes with the next issue. */
export default async function ProjectSpansPage({ params }: Props) {
  const { projectId } = await params;
  // The count needs no span fields at all: exclude everything that can be excluded.
  const [project, spans] = await Promise.all([getProject({ id: projectId }), listSpans({ project_id: projectId, size: 1, exclude: [...EXCLUDABLE] })]);
  if (!project.ok && (project.error.origin === "input" || project.error.kind === "not_found")) notFound();
  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/" className="text-sky-800 hover:underline dark:text-sky-300">
          Projects
        </Link>
        <span aria-hidden> / </span>
        <span aria-current="page">{project.ok ? project.data.name : projectId}</span>
      </nav>
      {project.ok ? <h1 className="text-2xl font-semibold">{project.data.name}</h1> : null}
      {!project.ok ? (
        <Alert title="The project could not be loaded">
          <p>{project.error.userMessage}</p>
        </Alert>
      ) : spans.ok ? (
        <p className="text-lg">
          <span className="font-semibold">{spans.data.total.toLocaleString("en-US")}</span> span{spans.data.total === 1 ? "" : "s"}
        </p>
      ) : (
        <Alert title="The spans could not be counted">
          <p>{spans.error.userMessage}</p>
        </Alert>
      )}
      {project.ok && project.data.description ? <p className="text-slate-700 dark:text-slate-300">{project.data.description}</p> : null}
    </div>
  );
}
