import { redirect } from "next/navigation";

type Props = { params: Promise<{ projectId: string }> };

/** A project opens on its spans. */
export default async function ProjectPage({ params }: Props) {
  const { projectId } = await params;
  redirect(`/projects/${projectId}/spans`);
}
