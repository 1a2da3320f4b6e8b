import type { Db } from "./db";
import { DEFAULT_PROJECT } from "./context";
import { badRequest, notFound } from "./http";
import { formatInstant, nowMicros } from "@/lib/opik/instant";
import { isUuid, newId } from "./uuid7";
import { cachedStatement } from "./statement-cache";

export type ProjectRow = {
  pk: number;
  id: string;
  name: string;
  name_key: string;
  description: string | null;
  visibility: string;
  created_at: number;
  created_by: string;
  last_updated_at: number;
  last_updated_by: string;
  last_updated_trace_at: number | null;
  span_count: number;
};

export const projectNameKey = (name: string) => name.trim().toLowerCase();

export function findProjectByName(db: Db, name: string): ProjectRow | undefined {
  return cachedStatement(db, "SELECT * FROM projects WHERE name_key = ?").get(projectNameKey(name)) as ProjectRow | undefined;
}

export function findProjectById(db: Db, id: string): ProjectRow | undefined {
  return cachedStatement(db, "SELECT * FROM projects WHERE id = ?").get(id.toLowerCase()) as ProjectRow | undefined;
}

export function findProjectByPk(db: Db, pk: number): ProjectRow | undefined {
  return cachedStatement(db, "SELECT * FROM projects WHERE pk = ?").get(pk) as ProjectRow | undefined;
}

/** Writes resolve projects by name, case-insensitively, and create them when absent. */
export function getOrCreateProject(
  db: Db,
  name: string | null | undefined,
  user: string,
  extra: { description?: string | null; visibility?: string | null } = {},
): ProjectRow {
  const wanted = name && name.trim() !== "" ? name.trim() : DEFAULT_PROJECT;
  const existing = findProjectByName(db, wanted);
  if (existing) return existing;
  const now = nowMicros();
  db.prepare(
    `INSERT INTO projects (id, name, name_key, description, visibility, created_at, created_by, last_updated_at, last_updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(newId(), wanted, projectNameKey(wanted), extra.description ?? null, extra.visibility ?? "private", now, user, now, user);
  return findProjectByName(db, wanted)!;
}

/**
 * Reads name the project by `project_id` (wins) or `project_name`; they never create one.
 * Messages and codes are Opik's.
 */
export function requireProjectParam(projectName: string | null | undefined, projectId: string | null | undefined): void {
  if (!(projectName && projectName.trim()) && !projectId) {
    throw badRequest("Either 'project_name' or 'project_id' query params must be provided");
  }
}

export function resolveReadProject(db: Db, projectName: string | null | undefined, projectId: string | null | undefined): ProjectRow {
  requireProjectParam(projectName, projectId);
  if (projectId) {
    // A malformed UUID in a query param fails JAX-RS conversion, which Opik answers with 404.
    const row = isUuid(projectId) ? findProjectById(db, projectId) : undefined;
    if (!row) throw notFound(`Project id: ${projectId} not found`);
    return row;
  }
  const row = findProjectByName(db, projectName!);
  if (!row) throw notFound(`Project name: ${projectName!.trim()} not found`);
  return row;
}

export function projectToWire(row: ProjectRow) {
  return {
    id: row.id,
    name: row.name,
    visibility: row.visibility,
    ...(row.description ? { description: row.description } : {}),
    created_at: formatInstant(row.created_at),
    created_by: row.created_by,
    last_updated_at: formatInstant(row.last_updated_at),
    last_updated_by: row.last_updated_by,
    ...(row.last_updated_trace_at ? { last_updated_trace_at: formatInstant(row.last_updated_trace_at) } : {}),
  };
}
