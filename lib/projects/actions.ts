"use server";

import { action } from "@/lib/actions/action";
import { gateway } from "@/lib/backend/gateway";
import type { ProjectPage, ProjectPublic } from "@/lib/opik/client";
import { GetProjectInput, ListProjectsInput } from "./inputs";

/** One page of the workspace's projects, optionally narrowed by a partial name. */
export const listProjects = action(ListProjectsInput, async ({ name, ...rest }): Promise<ProjectPage> =>
  gateway().listProjects({ ...rest, ...(name ? { name } : {}) }),
);

export const getProject = action(GetProjectInput, async ({ id }): Promise<ProjectPublic> => gateway().getProject(id));
