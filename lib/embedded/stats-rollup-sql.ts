/**
 * Hourly stats rollups, kept in step with `spans` and `span_scores` by triggers (so every write
 * path keeps them right without knowing of them). One row per (project, UTC hour of start_time,
 * type, model, provider) holds the additive parts of GET /spans/stats: counts, integer sums and
 * compensated float sums. stats-rollup.ts answers a stats call from them when its criteria are only
 * whole-hour `start_time` bounds, `type` and `model =`/`provider =` (the dashboard's time buckets and
 * breakdowns); duration percentiles still come from indexes, never from the rollup.
 *
 * Float sums (cost, score values) use Neumaier compensation (`*_comp`), so a value added and later
 * subtracted (an update, a delete) leaves no rounding residue; groups that reach n = 0 are deleted.
 * NULL type/model/provider are keyed as '' (filters compare `coalesce(x, '')`, and '' is no type).
 */
const H = 3_600_000_000; // one hour in microseconds
export const hourOf = (t: string) => `(${t} - ((${t} % ${H}) + ${H}) % ${H})`;

/** Same test as EXTRA_USAGE in stats.ts: the usage JSON has keys beyond the three token columns. */
const extra = (r: string) => `(${r}.usage IS NOT NULL AND length(${r}.usage) > 1 + coalesce(17 + length(${r}.prompt_tokens), 0) +
  coalesce(21 + length(${r}.completion_tokens), 0) + coalesce(16 + length(${r}.total_tokens), 0))`;

const KEY = "project_pk, hour, type, model, provider";
const keyOf = (r: string) => `${r}.project_pk, ${hourOf(`${r}.start_time`)}, coalesce(${r}.type, ''), coalesce(${r}.model, ''), coalesce(${r}.provider, '')`;
const keyMatch = (r: string) =>
  `project_pk = ${r}.project_pk AND hour = ${hourOf(`${r}.start_time`)} AND type = coalesce(${r}.type, '') AND model = coalesce(${r}.model, '') AND provider = coalesce(${r}.provider, '')`;

/** `sum + x` with its Neumaier correction term, as ON CONFLICT assignments (which see the old row). */
const compensated = (sum: string, comp: string) =>
  `${sum} = ${sum} + excluded.${sum}, ${comp} = ${comp} + CASE WHEN abs(${sum}) >= abs(excluded.${sum})
     THEN (${sum} - (${sum} + excluded.${sum})) + excluded.${sum} ELSE (excluded.${sum} - (${sum} + excluded.${sum})) + ${sum} END`;

const COUNTERS = ["n", "n_duration", "input", "output", "metadata", "errors", "tags", "cost_n", "pt_n", "pt_sum", "ct_n", "ct_sum", "tt_n", "tt_sum", "extra_usage"];

function addSpan(r: string, sign: 1 | -1): string {
  const s = sign === 1 ? "" : "-";
  const values = [
    "1", `(${r}.duration IS NOT NULL)`, `${r}.has_input`, `${r}.has_output`, `(${r}.metadata IS NOT NULL)`, `(${r}.error_info IS NOT NULL)`,
    `${r}.tag_count`, `(${r}.total_estimated_cost > 0)`, `(${r}.prompt_tokens IS NOT NULL)`, `coalesce(${r}.prompt_tokens, 0)`,
    `(${r}.completion_tokens IS NOT NULL)`, `coalesce(${r}.completion_tokens, 0)`, `(${r}.total_tokens IS NOT NULL)`,
    `coalesce(${r}.total_tokens, 0)`, extra(r),
  ].map((v) => `${s}${v}`);
  return `INSERT INTO span_stats_hourly (${KEY}, ${COUNTERS.join(", ")}, cost_sum, cost_comp)
    VALUES (${keyOf(r)}, ${values.join(", ")}, ${s}${r}.total_estimated_cost, 0)
    ON CONFLICT (${KEY}) DO UPDATE SET ${COUNTERS.map((c) => `${c} = ${c} + excluded.${c}`).join(", ")}, ${compensated("cost_sum", "cost_comp")};`;
}

function addUsage(r: string, sign: 1 | -1): string {
  const s = sign === 1 ? "" : "-";
  return `INSERT INTO span_stats_hourly_usage (${KEY}, key, n, sum)
    SELECT ${keyOf(r)}, j.key, ${s}1, ${s}j.value FROM json_each(${r}.usage) j
    WHERE ${extra(r)} AND j.key NOT IN ('prompt_tokens', 'completion_tokens', 'total_tokens')
    ON CONFLICT (${KEY}, key) DO UPDATE SET n = n + excluded.n, sum = sum + excluded.sum;`;
}

/** The span's scores (joined as the filtered stats query joins them: same id and project). */
function addScoresOfSpan(r: string, sign: 1 | -1): string {
  const s = sign === 1 ? "" : "-";
  return `INSERT INTO span_stats_hourly_scores (${KEY}, name_key, n, sum, comp)
    SELECT ${keyOf(r)}, sc.name_key, ${s}1, ${s}sc.value, 0 FROM span_scores sc WHERE sc.span_id = ${r}.id AND sc.project_pk = ${r}.project_pk
    ON CONFLICT (${KEY}, name_key) DO UPDATE SET n = n + excluded.n, ${compensated("sum", "comp")};`;
}

function addScore(r: string, sign: 1 | -1): string {
  const s = sign === 1 ? "" : "-";
  return `INSERT INTO span_stats_hourly_scores (${KEY}, name_key, n, sum, comp)
    SELECT ${keyOf("s")}, ${r}.name_key, ${s}1, ${s}${r}.value, 0 FROM spans s WHERE s.id = ${r}.span_id AND s.project_pk = ${r}.project_pk
    ON CONFLICT (${KEY}, name_key) DO UPDATE SET n = n + excluded.n, ${compensated("sum", "comp")};
  DELETE FROM span_stats_hourly_scores WHERE n = 0 AND name_key = ${r}.name_key AND (${KEY}) IN (SELECT ${keyOf("s")} FROM spans s WHERE s.id = ${r}.span_id AND s.project_pk = ${r}.project_pk);`;
}

const dropEmpty = (r: string) => `DELETE FROM span_stats_hourly WHERE ${keyMatch(r)} AND n = 0;
  DELETE FROM span_stats_hourly_scores WHERE ${keyMatch(r)} AND n = 0;`;
const dropEmptyUsage = (r: string) => `DELETE FROM span_stats_hourly_usage WHERE ${keyMatch(r)} AND n = 0;`;

/** Columns whose change alters a span's contribution; an update touching none of them costs nothing. */
const WATCHED = ["id", "project_pk", "start_time", "type", "model", "provider", "duration", "has_input", "has_output", "metadata",
  "error_info", "tag_count", "total_estimated_cost", "prompt_tokens", "completion_tokens", "total_tokens", "usage"];
const changed = WATCHED.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(" OR ");

const GROUP = `project_pk INTEGER NOT NULL, hour INTEGER NOT NULL, type TEXT NOT NULL, model TEXT NOT NULL, provider TEXT NOT NULL`;

export const ROLLUP_TRIGGERS_SQL = `
  CREATE TRIGGER spans_stats_insert AFTER INSERT ON spans BEGIN ${addSpan("NEW", 1)} ${addScoresOfSpan("NEW", 1)} END;
  CREATE TRIGGER spans_stats_delete AFTER DELETE ON spans BEGIN ${addSpan("OLD", -1)} ${addScoresOfSpan("OLD", -1)} ${dropEmpty("OLD")} END;
  CREATE TRIGGER spans_stats_update AFTER UPDATE ON spans WHEN ${changed}
    BEGIN ${addSpan("OLD", -1)} ${addScoresOfSpan("OLD", -1)} ${dropEmpty("OLD")} ${addSpan("NEW", 1)} ${addScoresOfSpan("NEW", 1)} END;
  -- Usage beyond the token columns is rare: its triggers fire only for spans that have some.
  CREATE TRIGGER spans_stats_insert_usage AFTER INSERT ON spans WHEN ${extra("NEW")} BEGIN ${addUsage("NEW", 1)} END;
  CREATE TRIGGER spans_stats_delete_usage AFTER DELETE ON spans WHEN ${extra("OLD")} BEGIN ${addUsage("OLD", -1)} ${dropEmptyUsage("OLD")} END;
  CREATE TRIGGER spans_stats_update_usage AFTER UPDATE ON spans WHEN (${changed}) AND (${extra("OLD")} OR ${extra("NEW")})
    BEGIN ${addUsage("OLD", -1)} ${dropEmptyUsage("OLD")} ${addUsage("NEW", 1)} END;
  CREATE TRIGGER span_scores_stats_insert AFTER INSERT ON span_scores BEGIN ${addScore("NEW", 1)} END;
  CREATE TRIGGER span_scores_stats_delete AFTER DELETE ON span_scores BEGIN ${addScore("OLD", -1)} END;
  CREATE TRIGGER span_scores_stats_update AFTER UPDATE ON span_scores BEGIN ${addScore("OLD", -1)} ${addScore("NEW", 1)} END;
`;

const ROLLUP_TABLES_SQL = `
  CREATE TABLE span_stats_hourly (
    ${GROUP},
    ${COUNTERS.map((c) => `${c} INTEGER NOT NULL`).join(", ")},
    cost_sum REAL NOT NULL, cost_comp REAL NOT NULL,
    PRIMARY KEY (${KEY})
  ) WITHOUT ROWID;
  CREATE TABLE span_stats_hourly_usage (
    ${GROUP}, key TEXT NOT NULL, n INTEGER NOT NULL, sum NUMERIC NOT NULL,
    PRIMARY KEY (${KEY}, key)
  ) WITHOUT ROWID;
  CREATE TABLE span_stats_hourly_scores (
    ${GROUP}, name_key TEXT NOT NULL, n INTEGER NOT NULL, sum REAL NOT NULL, comp REAL NOT NULL,
    PRIMARY KEY (${KEY}, name_key)
  ) WITHOUT ROWID;
`;

/** Fills the rollups from the spans and scores already stored (the migration; tests rebuild with it). */
export const ROLLUP_BACKFILL_SQL = `
  INSERT INTO span_stats_hourly (${KEY}, ${COUNTERS.join(", ")}, cost_sum, cost_comp)
    SELECT ${keyOf("s")}, count(*), count(s.duration), sum(s.has_input), sum(s.has_output), sum(s.metadata IS NOT NULL),
      sum(s.error_info IS NOT NULL), sum(s.tag_count), sum(s.total_estimated_cost > 0), count(s.prompt_tokens), coalesce(sum(s.prompt_tokens), 0),
      count(s.completion_tokens), coalesce(sum(s.completion_tokens), 0), count(s.total_tokens), coalesce(sum(s.total_tokens), 0),
      sum(${extra("s")}), total(s.total_estimated_cost), 0
    FROM spans s GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO span_stats_hourly_usage (${KEY}, key, n, sum)
    SELECT ${keyOf("s")}, j.key, count(*), sum(j.value) FROM spans s, json_each(s.usage) j
    WHERE ${extra("s")} AND j.key NOT IN ('prompt_tokens', 'completion_tokens', 'total_tokens') GROUP BY 1, 2, 3, 4, 5, 6;
  INSERT INTO span_stats_hourly_scores (${KEY}, name_key, n, sum, comp)
    SELECT ${keyOf("s")}, sc.name_key, count(*), total(sc.value), 0 FROM span_scores sc JOIN spans s ON s.id = sc.span_id AND s.project_pk = sc.project_pk
    GROUP BY 1, 2, 3, 4, 5, 6;
`;

export const ROLLUP_MIGRATION_SQL = ROLLUP_TABLES_SQL + ROLLUP_BACKFILL_SQL + ROLLUP_TRIGGERS_SQL;

const PROVIDER_DURATION_INDEX = `CREATE INDEX spans_by_provider_duration ON spans(project_pk, lower(coalesce(provider, '')), duration, lower(coalesce(model, '')))`;

/**
 * Duration indexes for the percentiles of a time bucket and of a model/provider, read without
 * touching the table. The start_time one replaces (project_pk, start_time), which it extends. The
 * provider one holds each provider's durations in order (percentiles by walking it, as for the
 * whole project), with the model after the duration so a model's walk checks it in the index.
 */
export const PERCENTILE_INDEX_SQL = `
  DROP INDEX IF EXISTS spans_by_start_time;
  CREATE INDEX spans_by_start_time_duration ON spans(project_pk, start_time, duration);
  ${PROVIDER_DURATION_INDEX};
`;

/**
 * The provider index holds only the spans that have a provider (the LLM calls; a third of the
 * seed's spans). Each insert lands at a random place in it, and the two thirds without a provider
 * are entries no percentile walk reads: past a million spans, batches went in at 6,366–6,539
 * spans/s instead of 5,933, writing 26–29 KB to disk per span instead of 34.5. Queries that use it
 * say `provider IS NOT NULL` (PROVIDER_INDEXED), which is how SQLite knows the partial index applies.
 */
export const PROVIDER_INDEXED = "provider IS NOT NULL";
export const PARTIAL_PROVIDER_INDEX_SQL = `
  DROP INDEX IF EXISTS spans_by_provider_duration;
  ${PROVIDER_DURATION_INDEX} WHERE ${PROVIDER_INDEXED};
`;

/**
 * Span batches add their rollup contributions once per batch instead of once per row: while
 * `span_stats_deferred` holds a row (only ever inside a batch's own transaction, never committed),
 * the insert triggers stand aside and spans-store.ts adds the batch's inserted spans with the
 * statements below (~10% of a batch's write time at 1,000 spans per batch). Every other write
 * path, and every update or delete, still goes through the triggers.
 */
const gated = (trigger: string, when: string, body: string) => `DROP TRIGGER IF EXISTS ${trigger};
  CREATE TRIGGER ${trigger} AFTER INSERT ON spans WHEN ${when} NOT EXISTS (SELECT 1 FROM span_stats_deferred) BEGIN ${body} END;`;

/** Safe to run again (a test steps user_version back over it). */
export const ROLLUP_DEFER_MIGRATION_SQL = `
  CREATE TABLE IF NOT EXISTS span_stats_deferred (batch INTEGER PRIMARY KEY);
  ${gated("spans_stats_insert", "", `${addSpan("NEW", 1)} ${addScoresOfSpan("NEW", 1)}`)}
  ${gated("spans_stats_insert_usage", `${extra("NEW")} AND`, addUsage("NEW", 1))}
`;

const inBatch = "s.pk IN (SELECT value FROM json_each(?))";

/** The rollup contributions of the batch's inserted spans (a JSON array of their rowids), added at once. */
export const ROLLUP_ADD_BATCH_SQL = {
  spans: `INSERT INTO span_stats_hourly (${KEY}, ${COUNTERS.join(", ")}, cost_sum, cost_comp)
    SELECT ${keyOf("s")}, count(*), count(s.duration), sum(s.has_input), sum(s.has_output), sum(s.metadata IS NOT NULL),
      sum(s.error_info IS NOT NULL), sum(s.tag_count), sum(s.total_estimated_cost > 0), count(s.prompt_tokens), coalesce(sum(s.prompt_tokens), 0),
      count(s.completion_tokens), coalesce(sum(s.completion_tokens), 0), count(s.total_tokens), coalesce(sum(s.total_tokens), 0),
      sum(${extra("s")}), total(s.total_estimated_cost), 0
    FROM spans s WHERE ${inBatch} GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (${KEY}) DO UPDATE SET ${COUNTERS.map((c) => `${c} = ${c} + excluded.${c}`).join(", ")}, ${compensated("cost_sum", "cost_comp")}`,
  usage: `INSERT INTO span_stats_hourly_usage (${KEY}, key, n, sum)
    SELECT ${keyOf("s")}, j.key, count(*), sum(j.value) FROM spans s, json_each(s.usage) j
    WHERE ${inBatch} AND ${extra("s")} AND j.key NOT IN ('prompt_tokens', 'completion_tokens', 'total_tokens') GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (${KEY}, key) DO UPDATE SET n = n + excluded.n, sum = sum + excluded.sum`,
  /** Only for spans that had scores before they arrived (scores written first, span later). */
  scores: `INSERT INTO span_stats_hourly_scores (${KEY}, name_key, n, sum, comp)
    SELECT ${keyOf("s")}, sc.name_key, count(*), total(sc.value), 0 FROM spans s JOIN span_scores sc ON sc.span_id = s.id AND sc.project_pk = s.project_pk
    WHERE ${inBatch} GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (${KEY}, name_key) DO UPDATE SET n = n + excluded.n, ${compensated("sum", "comp")}`,
};
