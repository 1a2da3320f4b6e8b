import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { requestProject } from "@/lib/projects/request-project";
import { ProjectPicker } from "./_components/project-picker";
import { ViewTabs } from "./_components/view-tabs";

type Props = { params: Promise<{ projectId: string }>; children: ReactNode };

/** Every project view: breadcrumb, name, project picker, and the Spans | Stats switch that keeps the filters. */
export default async function ProjectLayout({ params, children }: Props) {
  const { projectId } = await params;
  const project = await requestProject(projectId);
  if (!project.ok && (project.error.origin === "input" || project.error.kind === "not_found")) notFound();
  const name = project.ok ? project.data.name : projectId;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <nav aria-label="Breadcrumb" className="text-sm">
            <Link href="/" className="text-sky-800 hover:underline dark:text-sky-300">
              Projects
            </Link>
            <span aria-hidden> / </span>
            <span aria-current="page">{name}</span>
          </nav>
          <h1 className="truncate text-2xl font-semibold">{name}</h1>
        </div>
        <ProjectPicker current={{ id: projectId, name }} />
      </div>
      {project.ok ? null : (
        <Alert title="The project could not be loaded">
          <p>{project.error.userMessage}</p>
        </Alert>
      )}
      <ViewTabs projectId={projectId} />
      {children}
    </div>
  );
}
