import type { z } from "zod";
import type { CallOptions, Transport } from "../http";
import { ProjectPage, ProjectPublic } from "../schemas/projects";
import type { SortingField } from "../schemas/filters";
import { TracePublic } from "../schemas/traces";

/** The project and trace reads a span dashboard needs (opik-spans-api.md §2.18). */
export type ListProjectsParams = {
  /** Partial, case-insensitive name match. */
  name?: string;
  page?: number;
  size?: number;
  sorting?: z.input<typeof SortingField>[];
};
export type { ProjectPage, ProjectPublic } from "../schemas/projects";
export type { TracePublic } from "../schemas/traces";

const id = (value: string) => encodeURIComponent(value);

export function projectEndpoints(t: Transport) {
  return {
    listProjects: (params: ListProjectsParams = {}, options?: CallOptions): Promise<ProjectPage> =>
      t.json(
        { method: "GET", path: "/v1/private/projects", endpoint: "GET /v1/private/projects", query: params, idempotent: true, options },
        ProjectPage,
      ),

    getProject: (projectId: string, options?: CallOptions): Promise<ProjectPublic> =>
      t.json(
        {
          method: "GET",
          path: `/v1/private/projects/${id(projectId)}`,
          endpoint: "GET /v1/private/projects/{id}",
          idempotent: true,
          options,
        },
        ProjectPublic,
      ),

    /**
     * Finds a project by exact (case-insensitive) name; 404 when there is none. A POST, but a pure
     * lookup, so it is retried like a read.
     */
    retrieveProject: (name: string, options?: CallOptions): Promise<ProjectPublic> =>
      t.json(
        {
          method: "POST",
          path: "/v1/private/projects/retrieve",
          endpoint: "POST /v1/private/projects/retrieve",
          body: { name },
          idempotent: true,
          options,
        },
        ProjectPublic,
      ),

    getTrace: (traceId: string, params: { strip_attachments?: boolean } = {}, options?: CallOptions): Promise<TracePublic> =>
      t.json(
        {
          method: "GET",
          path: `/v1/private/traces/${id(traceId)}`,
          endpoint: "GET /v1/private/traces/{id}",
          query: params,
          idempotent: true,
          options,
        },
        TracePublic,
      ),
  };
}
