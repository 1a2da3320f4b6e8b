import { cache } from "react";
import { getProject } from "./actions";

/** Once per server request: a project view's layout and its page share one lookup of the project. */
export const requestProject = cache((id: string) => getProject({ id }));
