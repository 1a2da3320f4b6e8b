/**
 * The embedded server's SQLite schema. It is laid out for the list, filter and stats queries at a
 * million spans in one project:
 * - `spans` holds only small, scannable columns; the large input/output payloads live in `span_io`
 *   so that filters and stats never page through them.
 * - token counts, duration, error type and counts of tags are real columns, indexed where the
 *   default order, sorting or time windows need them.
 * - flattened metadata scalars (`span_meta_terms`, meta-terms.ts) and per-span score averages
 *   (`span_scores`) are index tables, so a metadata or score filter is a range read instead of
 *   JSON parsing per row.
 * - free-text search goes through a contentless FTS5 index (`span_fts`, rowid = spans.pk).
 * Instants are integer microseconds since the epoch.
 */
import { META_TERMS_MIGRATION_SQL } from "./meta-terms";
import { SPAN_SCORE_PKS_MIGRATION_SQL } from "./scores-store";
import { SPAN_FTS_AUTOMERGE_SQL, SPAN_FTS_MERGE_16_SQL, SPAN_FTS_NO_POSITIONS_SQL } from "./span-indexes";
import { SPAN_RUNS_MIGRATION_SQL } from "./span-runs";
import { PARTIAL_PROVIDER_INDEX_SQL, PERCENTILE_INDEX_SQL, ROLLUP_DEFER_MIGRATION_SQL, ROLLUP_MIGRATION_SQL } from "./stats-rollup-sql";

/**
 * Covers the stats pass in stats.ts exactly: keep its expressions in step with that query. Led by
 * the duration, it is also the (project_pk, duration) order that duration sorts, duration filters
 * and the project's percentiles walk (see DURATION_ORDER_MIGRATION_SQL).
 */
export const STATS_INDEX_SQL = `CREATE INDEX spans_stats ON spans(project_pk, duration, type, has_input, has_output,
  metadata IS NOT NULL, error_info IS NOT NULL, tag_count, total_estimated_cost, prompt_tokens, completion_tokens, total_tokens,
  (usage IS NOT NULL AND length(usage) > 1 + coalesce(17 + length(prompt_tokens), 0) + coalesce(21 + length(completion_tokens), 0)
  + coalesce(16 + length(total_tokens), 0)))`;

/**
 * One duration-ordered index instead of two. Every span lands at a random place in each index keyed
 * by its duration, so a 1,000-span batch at a million spans dirties ~900 pages of each: dropping
 * (project_pk, duration) took ~15 s off ingesting a million (117 → 102 s). A type's percentiles now
 * walk the project's durations checking the type in the index: 10–50 ms at 1.1M spans, from 0.2–10.
 */
const DURATION_ORDER_MIGRATION_SQL = `DROP INDEX IF EXISTS spans_by_duration; DROP INDEX spans_stats; ${STATS_INDEX_SQL};`;

export const MIGRATIONS: string[] = [
  `
  CREATE TABLE projects (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    description TEXT,
    visibility TEXT NOT NULL DEFAULT 'private',
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    last_updated_at INTEGER NOT NULL,
    last_updated_by TEXT NOT NULL,
    last_updated_trace_at INTEGER,
    span_count INTEGER NOT NULL DEFAULT 0
  );

  CREATE TABLE spans (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    project_pk INTEGER NOT NULL,
    trace_id TEXT NOT NULL,
    parent_span_id TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL DEFAULT '',
    type TEXT,
    start_time INTEGER NOT NULL,
    end_time INTEGER,
    duration REAL,
    model TEXT,
    provider TEXT,
    tags TEXT,
    tag_count INTEGER NOT NULL DEFAULT 0,
    usage TEXT,
    prompt_tokens INTEGER,
    completion_tokens INTEGER,
    total_tokens INTEGER,
    total_estimated_cost REAL NOT NULL DEFAULT 0,
    total_estimated_cost_version TEXT,
    manual_cost INTEGER NOT NULL DEFAULT 0,
    error_info TEXT,
    error_type TEXT,
    ttft REAL,
    source TEXT,
    environment TEXT,
    metadata TEXT,
    has_input INTEGER NOT NULL DEFAULT 0,
    has_output INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    last_updated_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    last_updated_by TEXT NOT NULL,
    partial INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX spans_default_order ON spans(project_pk, trace_id, parent_span_id, id);
  CREATE INDEX spans_by_project_id ON spans(project_pk, id);
  CREATE INDEX spans_by_start_time ON spans(project_pk, start_time);

  CREATE TABLE span_io (
    pk INTEGER PRIMARY KEY,
    input TEXT,
    output TEXT
  );

  CREATE TABLE span_meta (
    project_pk INTEGER NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    span_pk INTEGER NOT NULL,
    PRIMARY KEY (project_pk, key, value, span_pk)
  ) WITHOUT ROWID;

  CREATE VIRTUAL TABLE span_fts USING fts5(
    body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
  );

  CREATE TABLE feedback_scores (
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    name TEXT NOT NULL,
    author TEXT NOT NULL,
    project_pk INTEGER NOT NULL,
    value REAL NOT NULL,
    category_name TEXT,
    reason TEXT,
    source TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_updated_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    last_updated_by TEXT NOT NULL,
    PRIMARY KEY (entity_type, entity_id, name, author)
  ) WITHOUT ROWID;
  CREATE INDEX feedback_scores_by_project ON feedback_scores(entity_type, project_pk, name);

  CREATE TABLE span_scores (
    project_pk INTEGER NOT NULL,
    name_key TEXT NOT NULL,
    span_id TEXT NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (project_pk, name_key, span_id)
  ) WITHOUT ROWID;
  CREATE INDEX span_scores_by_value ON span_scores(project_pk, name_key, value);
  CREATE INDEX span_scores_by_span ON span_scores(span_id);

  CREATE TABLE comments (
    id TEXT PRIMARY KEY,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    project_pk INTEGER,
    text TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_updated_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    last_updated_by TEXT NOT NULL
  );
  CREATE INDEX comments_by_entity ON comments(entity_type, entity_id);

  CREATE TABLE traces (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    project_pk INTEGER NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    start_time INTEGER NOT NULL,
    end_time INTEGER,
    duration REAL,
    input TEXT,
    output TEXT,
    metadata TEXT,
    tags TEXT,
    error_info TEXT,
    thread_id TEXT,
    ttft REAL,
    source TEXT,
    environment TEXT,
    created_at INTEGER NOT NULL,
    last_updated_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    last_updated_by TEXT NOT NULL,
    partial INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX traces_by_project_id ON traces(project_pk, id);
  `,
  // The stats pass reads only what this index holds, so it never touches the table (≈2× at 1M spans).
  STATS_INDEX_SQL,
  // Hourly stats rollups kept by triggers, and duration indexes for bucket/model/provider
  // percentiles: the stats view's per-bucket and per-breakdown calls (stats-rollup-sql.ts).
  ROLLUP_MIGRATION_SQL + PERCENTILE_INDEX_SQL,
  // Which project each stretch of span rowids belongs to, so a search's total is counted inside
  // the full-text index (span-runs.ts).
  SPAN_RUNS_MIGRATION_SQL,
  // The scored span's rowid beside each score average, so score filters drive and count by rowid.
  SPAN_SCORE_PKS_MIGRATION_SQL,
  // Full-text segments merge 8 at a time instead of 4: each posting is rewritten on fewer levels
  // (measured at 300,000 spans: −20% FTS CPU and −24% WAL per span; prefix searches as fast).
  SPAN_FTS_AUTOMERGE_SQL,
  // Span batches add their stats rollup contributions once per batch (stats-rollup-sql.ts).
  ROLLUP_DEFER_MIGRATION_SQL,
  // The metadata index as (term, span) pairs over a dictionary of terms: a third of the size (meta-terms.ts).
  META_TERMS_MIGRATION_SQL,
  // The provider percentile index keeps only spans with a provider (stats-rollup-sql.ts).
  PARTIAL_PROVIDER_INDEX_SQL,
  DURATION_ORDER_MIGRATION_SQL,
  // Full-text segments merge 16 at a time, and a level merges all at once only at 64 (span-indexes.ts).
  // Two runs each, alternating with 8: 600,000 spans into a new file 7,898 / 7,483 → 9,330 / 8,489
  // spans/s (writer CPU 97 / 102 → 81 / 89 µs per span); 150,000 past 1,000,000: 7,135 / 7,413 →
  // 8,317 / 7,988 (104 / 102 → 88 / 93 µs).
  SPAN_FTS_MERGE_16_SQL,
  // The full-text index without word positions, which search never reads (span-indexes.ts).
  SPAN_FTS_NO_POSITIONS_SQL,
];
