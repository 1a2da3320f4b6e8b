import { META_VALUE_PREFIX } from "./json-path";

/**
 * The metadata index is dictionary-encoded: each distinct (project, key, value text) is a row of
 * `meta_terms`, and `span_meta_terms` holds (term, span rowid) pairs. A term's spans are one short
 * integer range in rowid order, a third of the bytes of the (project, key, value, span) rows it
 * replaces (at 1,000,000 spans: 77 MB instead of 225 MB), so an `=` filter's list and the per-span
 * probes of it read a third of the pages (measured: 32 → 17 ms to probe 31,000 spans).
 * `span_meta` stays as a read-only view of the pairs with their key and value, for reading.
 */

/** The metadata scalars json_tree finds, as (key, value text) rows: what a span is indexed under. */
const META_TEXT = `substr(CASE type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' THEN 'null' ELSE lower(CAST(atom AS TEXT)) END, 1, ${META_VALUE_PREFIX})`;
export const META_LIMIT = 64;
const scalarsOf = (json: string) =>
  `(SELECT fullkey AS key, ${META_TEXT} AS value FROM json_tree(${json}) WHERE type NOT IN ('object', 'array') LIMIT ${META_LIMIT})`;

/** The key under which a span with more scalars than the index keeps is marked (value ''). */
export const META_OVERFLOW_KEY = "#overflow";

/** A term's id, or NULL when no span has it: params project_pk, key, then those of `value`. */
export const termIdSql = (value: string) => `(SELECT id FROM meta_terms WHERE project_pk = ? AND key = ? AND value = ${value})`;
/** The overflow mark's term: param project_pk. */
export const OVERFLOW_TERM_ID = `(SELECT id FROM meta_terms WHERE project_pk = ? AND key = '${META_OVERFLOW_KEY}' AND value = '')`;

/** The write path's statements (span-indexes.ts); each names its params in order. */
export const META_WRITE_SQL = {
  /** project_pk, metadata */
  putTerms: `INSERT OR IGNORE INTO meta_terms (project_pk, key, value) SELECT ?, key, value FROM ${scalarsOf("?")}`,
  /** span_pk, metadata, project_pk */
  put: `INSERT OR IGNORE INTO span_meta_terms (term, span_pk)
    SELECT t.id, ? FROM ${scalarsOf("?")} j CROSS JOIN meta_terms t ON t.project_pk = ? AND t.key = j.key AND t.value = j.value`,
  /** span_pk, metadata, project_pk */
  remove: `DELETE FROM span_meta_terms WHERE span_pk = ? AND term IN
    (SELECT t.id FROM ${scalarsOf("?")} j CROSS JOIN meta_terms t ON t.project_pk = ? AND t.key = j.key AND t.value = j.value)`,
  /** project_pk */
  putOverflowTerm: `INSERT OR IGNORE INTO meta_terms (project_pk, key, value) VALUES (?, '${META_OVERFLOW_KEY}', '')`,
  /** span_pk, project_pk, metadata */
  markOverflow: `INSERT OR IGNORE INTO span_meta_terms (term, span_pk)
    SELECT id, ? FROM meta_terms WHERE project_pk = ? AND key = '${META_OVERFLOW_KEY}' AND value = ''
    AND (SELECT count(*) FROM json_tree(?) WHERE type NOT IN ('object', 'array')) > ${META_LIMIT}`,
  /** project_pk, span_pk */
  unmarkOverflow: `DELETE FROM span_meta_terms WHERE term = ${OVERFLOW_TERM_ID} AND span_pk = ?`,
};

/**
 * From the (project, key, value, span) rows to terms. Terms no span uses any more are kept: they
 * are a few bytes each and a later span likely brings the value back.
 */
export const META_TERMS_MIGRATION_SQL = `
  CREATE TABLE meta_terms (
    id INTEGER PRIMARY KEY,
    project_pk INTEGER NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    UNIQUE (project_pk, key, value)
  );
  CREATE TABLE span_meta_terms (
    term INTEGER NOT NULL,
    span_pk INTEGER NOT NULL,
    PRIMARY KEY (term, span_pk)
  ) WITHOUT ROWID;
  INSERT INTO meta_terms (project_pk, key, value) SELECT DISTINCT project_pk, key, value FROM span_meta;
  INSERT INTO span_meta_terms (term, span_pk)
    SELECT t.id, m.span_pk FROM span_meta m JOIN meta_terms t ON t.project_pk = m.project_pk AND t.key = m.key AND t.value = m.value;
  DROP TABLE span_meta;
  CREATE VIEW span_meta AS SELECT t.project_pk, t.key, t.value, m.span_pk FROM span_meta_terms m JOIN meta_terms t ON t.id = m.term;
`;
