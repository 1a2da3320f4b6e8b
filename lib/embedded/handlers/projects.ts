import { ProjectWrite, RetrieveProjectBody } from "@/lib/opik/schemas/projects";
import { locationOf, type RequestContext } from "../context";
import { db } from "../db";
import { badRequest, created, httpError, httpErrors, json, noContent, parseBody } from "../http";
import { findProjectById, findProjectByName, getOrCreateProject, projectToWire, type ProjectRow } from "../projects-store";
import { deleteSpansWhere } from "../spans-store";
import { deleteTracesWhere } from "../traces-store";
import { pathId } from "./scores";

/**
 * `page`/`size` as Dropwizard answers them: a non-integer fails param conversion (404), a value
 * below 1 is a constraint violation (400 in the `{errors}` shape).
 */
export function pagingParams(query: URLSearchParams): { page: number; size: number } {
  const errors: string[] = [];
  const read = (name: string, fallback: number) => {
    const raw = query.get(name);
    if (raw === null || raw.trim() === "") return fallback;
    const n = Number(raw.trim());
    if (!/^[+-]?\d+$/.test(raw.trim()) || Math.abs(n) > 2_147_483_647) throw httpError(404, "HTTP 404 Not Found");
    if (n < 1) errors.push(`query param ${name} must be greater than or equal to 1`);
    return n;
  };
  const paging = { page: read("page", 1), size: read("size", 10) };
  if (errors.length > 0) throw httpErrors(400, errors);
  return paging;
}

// Opik's ProjectService answers a missing project with this body, in the `{errors}` shape.
const projectNotFound = () => httpErrors(404, ["Project not found"]);

const SORTABLE_BY = ["name", "last_updated_at", "created_at", "last_updated_trace_at"];
const SORT_SQL: Record<string, string> = {
  name: "name_key",
  last_updated_at: "last_updated_at",
  created_at: "created_at",
  last_updated_trace_at: "coalesce(last_updated_trace_at, last_updated_at)",
};

function orderBy(raw: string | null): string {
  if (raw === null || raw.trim() === "") return "id DESC";
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw badRequest(`Invalid sorting query parameter '${raw}'`);
  }
  const first = Array.isArray(parsed) ? (parsed[0] as { field?: unknown; direction?: unknown } | undefined) : undefined;
  const sql = first && typeof first.field === "string" ? SORT_SQL[first.field] : undefined;
  return sql ? `${sql} ${first!.direction === "ASC" ? "ASC" : "DESC"}, id DESC` : "id DESC";
}

/** GET /projects: newest first; `name` is a case-insensitive substring match. */
export async function listProjects(ctx: RequestContext): Promise<Response> {
  const { page, size } = pagingParams(ctx.query);
  const order = orderBy(ctx.query.get("sorting"));
  const name = ctx.query.get("name")?.trim().toLowerCase() ?? "";
  const where = name ? "WHERE instr(name_key, ?) > 0" : "";
  const params = name ? [name] : [];
  const database = db();
  const total = (database.prepare(`SELECT COUNT(*) AS n FROM projects ${where}`).get(...params) as { n: number }).n;
  const rows = database
    .prepare(`SELECT * FROM projects ${where} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(...params, size, (page - 1) * size) as ProjectRow[];
  const content = rows.map(projectToWire);
  return json({ page, size: content.length, total, content, sortable_by: SORTABLE_BY });
}

export async function createProject(ctx: RequestContext): Promise<Response> {
  const body = parseBody(ProjectWrite, await ctx.body());
  const database = db();
  const row = database.transaction(() => {
    if (findProjectByName(database, body.name)) throw httpErrors(409, ["Project already exists"]);
    return getOrCreateProject(database, body.name, ctx.user, { description: body.description, visibility: body.visibility });
  })();
  return created(locationOf(ctx, row.id));
}

/** POST /projects/retrieve: the project by (case-insensitive) name, with its trace count. */
export async function retrieveProject(ctx: RequestContext): Promise<Response> {
  const body = parseBody(RetrieveProjectBody, await ctx.body());
  const row = findProjectByName(db(), body.name);
  if (!row) throw projectNotFound();
  const traces = (db().prepare("SELECT COUNT(*) AS n FROM traces WHERE project_pk = ?").get(row.pk) as { n: number }).n;
  return json({ ...projectToWire(row), trace_count: traces });
}

export async function getProject(ctx: RequestContext): Promise<Response> {
  const row = findProjectById(db(), pathId(ctx));
  if (!row) throw projectNotFound();
  return json(projectToWire(row));
}

/** DELETE /projects/{id}: the project and everything stored under it; unknown ids are a no-op. */
export async function deleteProject(ctx: RequestContext): Promise<Response> {
  const database = db();
  const row = findProjectById(database, pathId(ctx));
  if (row) {
    database.transaction(() => {
      deleteTracesWhere(database, "project_pk = ?", [row.pk]);
      deleteSpansWhere(database, "project_pk = ?", [row.pk]);
      database.prepare("DELETE FROM feedback_scores WHERE project_pk = ?").run(row.pk);
      database.prepare("DELETE FROM span_scores WHERE project_pk = ?").run(row.pk);
      database.prepare("DELETE FROM comments WHERE project_pk = ?").run(row.pk);
      database.prepare("DELETE FROM projects WHERE pk = ?").run(row.pk);
    })();
  }
  return noContent();
}
