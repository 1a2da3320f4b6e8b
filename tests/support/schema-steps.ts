/**
 * Turns the metadata index back into the single (project, key, value, span) table that databases
 * had before meta-terms.ts, so that its migration runs again when the file is next opened (after
 * the test also steps `user_version` back).
 */
export const UNDO_META_TERMS_SQL = `
  CREATE TABLE span_meta_old (
    project_pk INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, span_pk INTEGER NOT NULL,
    PRIMARY KEY (project_pk, key, value, span_pk)
  ) WITHOUT ROWID;
  INSERT INTO span_meta_old SELECT project_pk, key, value, span_pk FROM span_meta;
  DROP VIEW span_meta;
  DROP TABLE span_meta_terms;
  DROP TABLE meta_terms;
  ALTER TABLE span_meta_old RENAME TO span_meta;
`;
