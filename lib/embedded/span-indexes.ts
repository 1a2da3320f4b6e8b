import type { Db } from "./db";
import { perConnection } from "./per-connection";
import { META_LIMIT, META_WRITE_SQL } from "./meta-terms";

/**
 * Keeps a span's side tables in step with its row: payloads (`span_io`), the metadata index
 * (meta-terms.ts) and the full-text index (`span_fts`). Statements are prepared once per database.
 */
type Statements = ReturnType<typeof prepare>;

/** Metadata shorter than this cannot hold more than META_LIMIT scalars (each needs `"k":0,`). */
const OVERFLOW_MIN_CHARS = META_LIMIT * 6;

/**
 * FTS5 merges a level's segments into the next once `automerge` of them pile up, a little after
 * each flush. Every batch adds a segment, so each posting is rewritten once per level: 8 instead
 * of the default 4, then 16, means fewer levels, and less merge work and WAL per span, while a
 * term still has few segments to read (search at 1,000,000 spans took as long). A level that
 * reaches `crisismerge` segments (16 by default) is merged at once, inside the flush that reached
 * it: with `automerge` also at 16 a fresh ingest was ~5% slower, so it goes to 64 alongside.
 */
export const SPAN_FTS_AUTOMERGE_SQL = "INSERT INTO span_fts (span_fts, rank) VALUES ('automerge', 8);";
export const SPAN_FTS_MERGE_16_SQL = `INSERT INTO span_fts (span_fts, rank) VALUES ('automerge', 16);
  INSERT INTO span_fts (span_fts, rank) VALUES ('crisismerge', 64);`;

/** How much of one JSON field (input, output, metadata, error info) the full-text index reads, in characters. */
const FIELD_TEXT_BUDGET = 20_000;

/** The string and scalar leaves of one stored JSON column as `spanTexts` lists them, cut at its budget. */
const leavesOf = (column: string) => `(SELECT substr(group_concat(CASE type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE atom END, ' '), 1, ${FIELD_TEXT_BUDGET})
    FROM json_tree(CASE WHEN json_valid(${column}) THEN ${column} END) WHERE atom IS NOT NULL)`;

/**
 * The full-text index without word positions (`detail=column`). Search asks only whether each word
 * occurs (filters-indexed.ts `searchToSql`), never for phrases, so positions were written on every
 * ingest and never read. At 1,000,000 spans the index is 286 MB instead of 421. The benchmark's
 * fresh million, in alternating runs: with positions 8,197 and 8,210 spans/s against 9,214 and 8,666
 * with `detail=none`; later, `none` 9,457 and 8,889 against 8,481 and 9,229 with `column`. `none`
 * (108 MB) answers a prefix word that matches many terms twice as slowly (count of `"order"*`: 88 ms
 * against 34 with `column`, 63 with positions): search p50 170 ms, against 134 and 116 with `column`.
 * An index made before this is rebuilt from the stored columns (~40 s at a million spans), in the
 * order and with the budget `spanTexts` uses (a field past 20,000 characters may end a word
 * earlier or later than it did).
 */
export const SPAN_FTS_NO_POSITIONS_SQL = `DROP TABLE span_fts;
  CREATE VIRTUAL TABLE span_fts USING fts5(
    body, content='', contentless_delete=1, detail=column, tokenize='unicode61 remove_diacritics 2'
  );
  ${SPAN_FTS_MERGE_16_SQL}
  INSERT INTO span_fts (rowid, body)
  SELECT s.pk, concat_ws(' ', s.name, nullif(s.model, ''), nullif(s.provider, ''),
    (SELECT group_concat(value, ' ') FROM json_each(CASE WHEN json_valid(s.tags) THEN s.tags END)),
    ${leavesOf("io.input")}, ${leavesOf("io.output")}, ${leavesOf("s.metadata")}, ${leavesOf("s.error_info")})
  FROM spans s LEFT JOIN span_io io ON io.pk = s.pk;`;

function prepare(db: Db) {
  return {
    // The CASTs store a prepared batch's UTF-8 bytes as TEXT (see SpanTexts); on a string they do nothing.
    putIo: db.prepare("INSERT OR REPLACE INTO span_io (pk, input, output) VALUES (?, CAST(? AS TEXT), CAST(? AS TEXT))"),
    getIo: db.prepare("SELECT input, output FROM span_io WHERE pk = ?"),
    delIo: db.prepare("DELETE FROM span_io WHERE pk = ?"),
    // Deleting by the terms the old metadata produces (instead of an index on span_pk) saves one
    // index write per metadata key on every ingest. SQLite works out each key (json_tree's fullkey)
    // and value text, so they agree exactly with the json_type/json_extract the filters evaluate.
    delMeta: db.prepare(META_WRITE_SQL.remove),
    putTerms: db.prepare(META_WRITE_SQL.putTerms),
    putMeta: db.prepare(META_WRITE_SQL.put),
    // A span whose metadata has more scalars than the index keeps is marked, so metadata filters
    // check it against the JSON itself.
    putOverflowTerm: db.prepare(META_WRITE_SQL.putOverflowTerm),
    markOverflow: db.prepare(META_WRITE_SQL.markOverflow),
    unmarkOverflow: db.prepare(META_WRITE_SQL.unmarkOverflow),
    delFts: db.prepare("DELETE FROM span_fts WHERE rowid = ?"),
    putFts: db.prepare("INSERT INTO span_fts (rowid, body) VALUES (?, CAST(? AS TEXT))"),
  };
}

/**
 * Full-text writes wait for the end of the write batch. FTS5 flushes its in-memory pending terms
 * whenever another statement opens a savepoint (the metadata INSERT … SELECT does, per span), so
 * interleaving them turned every span into its own tiny FTS segment and made ingest ~5× slower.
 * (Flattening metadata in JS and inserting a batch's rows in multi-row INSERTs was measured too:
 * 28–72 µs/span against json_tree's 16–32, so the metadata rows stay with json_tree.)
 */
type FtsOp = { pk: number; body: Text | null; remove: boolean };
const queues = new WeakMap<Db, FtsOp[]>();

function queue(db: Db): FtsOp[] {
  let q = queues.get(db);
  if (!q) queues.set(db, (q = []));
  return q;
}

/** Applies the queued full-text writes; spans-store calls it before every write transaction ends. */
export function flushQueued(db: Db): void {
  const q = queues.get(db);
  if (!q) return;
  queues.delete(db);
  const s = statements(db);
  for (const op of q) {
    if (op.remove) s.delFts.run(op.pk);
    if (op.body !== null) s.putFts.run(op.pk, op.body);
  }
}

/** A failed transaction rolls back: what it queued must not land in the next one. */
export function discardQueued(db: Db): void {
  queues.delete(db);
}

const statements = perConnection(prepare);

/** Every string value in a JSON value (not its keys, which are structure, not content): what search sees. */
function textOf(value: unknown, out: string[], budget = { left: FIELD_TEXT_BUDGET }): string[] {
  if (budget.left <= 0 || value === null || value === undefined) return out;
  if (typeof value === "string") {
    out.push(value.length > budget.left ? value.slice(0, budget.left) : value);
    budget.left -= value.length;
  } else if (typeof value === "number" || typeof value === "boolean") out.push(String(value));
  else if (Array.isArray(value)) for (const v of value) textOf(v, out, budget);
  else if (typeof value === "object") {
    for (const v of Object.values(value)) textOf(v, out, budget);
  }
  return out;
}

export type IndexedSpan = {
  pk: number;
  projectPk: number;
  name: string;
  model: string | null;
  provider: string | null;
  tags: string | null;
  metadata: string | null;
  errorInfo: string | null;
};

export function readIo(db: Db, pk: number): { input: string | null; output: string | null } | undefined {
  return statements(db).getIo.get(pk) as { input: string | null; output: string | null } | undefined;
}

/** What a span's side tables were built from, so they can be taken down again. */
export type PreviousSpan = { pk: number; projectPk: number; metadata: string | null };

function removeMeta(s: Statements, previous: PreviousSpan): void {
  const metadata = previous.metadata;
  if (!metadata || !metadata.startsWith("{")) return;
  s.delMeta.run(previous.pk, metadata, previous.projectPk);
  if (metadata.length >= OVERFLOW_MIN_CHARS) s.unmarkOverflow.run(previous.projectPk, previous.pk);
}

function putMeta(s: Statements, span: IndexedSpan): void {
  const metadata = span.metadata;
  if (!metadata || !metadata.startsWith("{")) return;
  s.putTerms.run(span.projectPk, metadata);
  s.putMeta.run(span.pk, metadata, span.projectPk);
  if (metadata.length >= OVERFLOW_MIN_CHARS) {
    s.putOverflowTerm.run(span.projectPk);
    s.markOverflow.run(span.pk, span.projectPk, metadata);
  }
}

/**
 * What a span's payload and search rows are written from: the stored JSON of its input and output
 * (null = none) and the text the full-text index gets. Worked out without the database, so a
 * batch's items can be prepared off the writer thread (spans-store.ts `prepareSpansBatch`). A
 * prepared batch carries them as UTF-8 bytes (prepared-batch.ts), which SQLite takes as they are.
 */
export type Text = string | Uint8Array;
export type SpanTexts = { input: Text | null; output: Text | null; search: Text };

type SearchedFields = Pick<IndexedSpan, "name" | "model" | "provider" | "tags" | "metadata" | "errorInfo">;

/** `input`/`output` are parsed values (undefined = none); `parsedMetadata` is `span.metadata` parsed, when the caller has it. */
export function spanTexts(span: SearchedFields, input: unknown, output: unknown, parsedMetadata?: unknown): SpanTexts {
  const words: string[] = [span.name];
  if (span.model) words.push(span.model);
  if (span.provider) words.push(span.provider);
  if (span.tags) words.push(...(JSON.parse(span.tags) as string[]));
  textOf(input, words);
  textOf(output, words);
  if (span.metadata) textOf(parsedMetadata ?? JSON.parse(span.metadata), words);
  if (span.errorInfo) textOf(JSON.parse(span.errorInfo), words);
  return {
    input: input === undefined || input === null ? null : JSON.stringify(input),
    output: output === undefined || output === null ? null : JSON.stringify(output),
    search: words.join(" "),
  };
}

/** Writes the side tables for a span; `previous` is the row being replaced, if any. */
export function writeSpanIndexes(db: Db, span: IndexedSpan, texts: SpanTexts, previous: PreviousSpan | null): void {
  const s = statements(db);
  if (texts.input !== null || texts.output !== null) s.putIo.run(span.pk, texts.input, texts.output);
  else if (previous) s.delIo.run(span.pk);
  if (previous) removeMeta(s, previous);
  putMeta(s, span);
  queue(db).push({ pk: span.pk, body: texts.search, remove: previous !== null });
}

export function deleteSpanIndexes(db: Db, previous: PreviousSpan): void {
  const s = statements(db);
  s.delIo.run(previous.pk);
  removeMeta(s, previous);
  queue(db).push({ pk: previous.pk, body: null, remove: true });
}
