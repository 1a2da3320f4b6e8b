import { formatInstant, nowMicros } from "@/lib/opik/instant";
import type { Db } from "./db";
import { notFound } from "./http";
import { chunked, type EntityType } from "./scores-store";
import { newId } from "./uuid7";
import { cachedStatement } from "./statement-cache";

/** Comments on spans and traces; the server owns their ids (UUIDv7) and authorship. */

type CommentRow = {
  id: string;
  entity_type: string;
  entity_id: string;
  project_pk: number | null;
  text: string;
  created_at: number;
  last_updated_at: number;
  created_by: string;
  last_updated_by: string;
};

function toWire(row: CommentRow): Record<string, unknown> {
  return {
    id: row.id,
    text: row.text,
    created_at: formatInstant(row.created_at),
    last_updated_at: formatInstant(row.last_updated_at),
    created_by: row.created_by,
    last_updated_by: row.last_updated_by,
  };
}

/** Comments of many entities at once, oldest first, keyed by entity id. */
export function readComments(db: Db, entityType: EntityType, ids: string[]): Map<string, Record<string, unknown>[]> {
  const result = new Map<string, Record<string, unknown>[]>();
  for (const part of chunked([...new Set(ids)])) {
    const rows = cachedStatement(
      db,
      `SELECT * FROM comments WHERE entity_type = ? AND entity_id IN (${part.map(() => "?").join(",")})
         ORDER BY entity_id, id`,
    ).all(entityType, ...part) as CommentRow[];
    for (const row of rows) {
      const list = result.get(row.entity_id);
      if (list) list.push(toWire(row));
      else result.set(row.entity_id, [toWire(row)]);
    }
  }
  return result;
}

export function createComment(
  db: Db,
  entityType: EntityType,
  entityId: string,
  projectPk: number | null,
  text: string,
  user: string,
  now = nowMicros(),
): string {
  const id = newId();
  db.prepare(
    `INSERT INTO comments (id, entity_type, entity_id, project_pk, text, created_at, last_updated_at, created_by, last_updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, entityType, entityId, projectPk, text, now, now, user, user);
  return id;
}

const missing = (id: string) => notFound(`Comment id: ${id} not found`);

/** One comment, which must belong to the given entity (Opik's CommentDAO matches the entity id only). */
export function getComment(db: Db, entityId: string, commentId: string): Record<string, unknown> {
  const row = db
    .prepare("SELECT * FROM comments WHERE id = ? AND entity_id = ?")
    .get(commentId.toLowerCase(), entityId.toLowerCase()) as CommentRow | undefined;
  if (!row) throw missing(commentId);
  return toWire(row);
}

/** Like Opik, updates and deletes go by comment id alone, whatever entity the route names. */
export function updateComment(db: Db, commentId: string, text: string, user: string, now = nowMicros()): void {
  const info = db
    .prepare("UPDATE comments SET text = ?, last_updated_at = ?, last_updated_by = ? WHERE id = ?")
    .run(text, now, user, commentId.toLowerCase());
  if (info.changes === 0) throw missing(commentId);
}

/** Deletes comments by their own ids; unknown ids are ignored. */
export function deleteComments(db: Db, commentIds: string[]): void {
  db.transaction(() => {
    for (const part of chunked([...new Set(commentIds.map((id) => id.toLowerCase()))])) {
      db.prepare(`DELETE FROM comments WHERE id IN (${part.map(() => "?").join(",")})`).run(...part);
    }
  })();
}

/** Deletes every comment of the given entities (trace/span/project deletion). */
export function deleteCommentsOf(db: Db, entityType: EntityType, entityIds: string[]): void {
  for (const part of chunked([...new Set(entityIds)])) {
    db.prepare(`DELETE FROM comments WHERE entity_type = ? AND entity_id IN (${part.map(() => "?").join(",")})`).run(entityType, ...part);
  }
}
