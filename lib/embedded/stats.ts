import type { Db } from "./db";
import { where, type SpanCriteria, type SpanWhere } from "./span-criteria";
import type { SqlPart } from "./sql-text";
import { percentileWalk, providersOfScope, rollupAggregates, rollupExtraUsage, rollupScope, rollupScores, type RollupAggregates, type RollupScope } from "./stats-rollup";
import { selectPercentiles } from "./stats-rollup-select";
import { readCriteria } from "./spans-query";

/**
 * GET /spans/stats (§11). One pass over the narrow `spans` table computes every count and average
 * (token counts are real columns); the usage JSON is parsed only for spans whose usage has keys
 * beyond the three token columns, and scores come from `span_scores`. Without predicates the
 * duration percentiles are read off the (project_pk, duration) index with OFFSET, no sorting;
 * with predicates SQLite's percentile_cont (linear interpolation) runs in the same pass.
 *
 * The pass reads only bare columns and `column IS NOT NULL` tests, so the index holding exactly
 * those expressions (STATS_INDEX_SQL in schema.sql.ts) serves it without touching the table: about
 * 2x faster at a million spans. It only covers the pass while its expressions match this query's,
 * so change both together.
 *
 * The stats view's calls (totals, whole-hour time buckets, type, model, provider) skip the pass:
 * their counts and sums come from hourly rollups kept by triggers (stats-rollup*.ts) and their
 * percentiles from duration indexes, a few milliseconds each at a million spans instead of ~1 s.
 */
export type StatItem =
  | { name: string; type: "COUNT"; value: number }
  | { name: string; type: "AVG"; value: number }
  | { name: string; type: "PERCENTAGE"; value: { p50: number; p90: number; p99: number } };

/** The scan's row: the rollups' sums plus, when the scan sorts durations itself, the percentiles. */
type Aggregates = RollupAggregates & { p50?: number | null; p90?: number | null; p99?: number | null };

const TOKEN_COLUMNS = ["prompt_tokens", "completion_tokens", "total_tokens"] as const;
/**
 * Does the usage JSON hold keys beyond the three token columns? The write path stores it as
 * JSON.stringify of integer counters, so with only known keys its length is exactly
 * 1 + Σ (len('"key":') + 1 + len(value)); anything longer has more keys. A differently formatted
 * text can only cost a needless parse, never a missed key.
 */
const EXTRA_USAGE = `(s.usage IS NOT NULL AND length(s.usage) > 1 + coalesce(17 + length(s.prompt_tokens), 0) +
  coalesce(21 + length(s.completion_tokens), 0) + coalesce(16 + length(s.total_tokens), 0))`;

const LIMIT = 999_999_999.999999999;
const round = (v: number, digits: number) => Number(v.toFixed(digits));
const clampDecimal = (v: number) => (Number.isFinite(v) ? round(Math.min(LIMIT, Math.max(-LIMIT, v)), 9) : 0);

export function spanStats(db: Db, query: URLSearchParams): { stats: StatItem[] } {
  const { criteria } = readCriteria(db, query);
  return { stats: computeStats(db, criteria) };
}

/** `rollups: false` forces the pass over the spans (tests and the bench compare both ways). */
export function computeStats(db: Db, criteria: SpanCriteria, options: { rollups?: boolean } = {}): StatItem[] {
  const w = where(criteria, db);
  // The stats view's shapes (totals, whole-hour buckets, type/model/provider) come from the hourly
  // rollups; their percentiles from indexes. Anything else is one pass over the spans.
  const scope = options.rollups === false ? null : rollupScope(criteria);
  const inPass = w.hasPredicates && !scope;
  const percentiles = inPass
    ? ", percentile_cont(s.duration, 0.5) AS p50, percentile_cont(s.duration, 0.9) AS p90, percentile_cont(s.duration, 0.99) AS p99"
    : "";
  // Costs are never negative, so their plain sum is the sum of the positive ones. Every expression
  // is a bare column or `column IS NOT NULL`, so a covering index over them (see STATS_INDEX) serves
  // the whole pass without touching the table.
  const a: Aggregates = scope
    ? rollupAggregates(db, scope)
    : (db
        .prepare(
          `SELECT count(*) AS n, count(s.duration) AS n_duration, total(s.has_input) AS input, total(s.has_output) AS output,
         total(s.metadata IS NOT NULL) AS metadata, total(s.error_info IS NOT NULL) AS errors, total(s.tag_count) AS tags,
         total(s.total_estimated_cost) AS cost_sum, total(s.total_estimated_cost > 0) AS cost_n,
         avg(s.prompt_tokens) AS prompt_tokens, avg(s.completion_tokens) AS completion_tokens,
         avg(s.total_tokens) AS total_tokens, total(${EXTRA_USAGE}) AS extra_usage${percentiles}
       FROM spans s WHERE ${w.sql}`,
        )
        .get(...w.params) as Aggregates);
  if (a.n === 0) return [];

  const duration = inPass
    ? { p50: clampDecimal(a.p50 ?? 0), p90: clampDecimal(a.p90 ?? 0), p99: clampDecimal(a.p99 ?? 0) }
    : percentilesOf(db, criteria, w, scope, a.n_duration);

  const stats: StatItem[] = [
    { name: "span_count", type: "COUNT", value: a.n },
    { name: "duration", type: "PERCENTAGE", value: duration },
    { name: "input", type: "COUNT", value: a.input },
    { name: "output", type: "COUNT", value: a.output },
    { name: "metadata", type: "COUNT", value: a.metadata },
    { name: "tags", type: "AVG", value: a.tags / a.n },
    { name: "total_estimated_cost", type: "AVG", value: a.cost_n > 0 ? round(a.cost_sum / a.cost_n, 12) : 0 },
    { name: "total_estimated_cost_sum", type: "AVG", value: round(a.cost_sum, 12) },
  ];
  const usage = new Map<string, number>();
  for (const key of TOKEN_COLUMNS) if (a[key] !== null) usage.set(key, a[key]!);
  if (a.extra_usage > 0) for (const [key, avg] of scope ? rollupExtraUsage(db, scope) : extraUsage(db, w)) usage.set(key, avg);
  for (const key of [...usage.keys()].sort()) stats.push({ name: `usage.${key}`, type: "AVG", value: usage.get(key)! });
  for (const [name, avg] of scoreAverages(db, criteria, w, scope)) {
    stats.push({ name: `feedback_scores.${name}`, type: "AVG", value: clampDecimal(avg) });
  }
  stats.push({ name: "error_count", type: "COUNT", value: a.errors });
  return stats;
}

/** Percentiles without the pass: by walking an index in duration order when one fits, else by one sort. */
function percentilesOf(db: Db, c: SpanCriteria, w: SpanWhere, scope: RollupScope | null, n: number) {
  const walk = !w.hasPredicates ? { sql: "project_pk = ?", params: [c.projectPk] } : scope && percentileWalk(db, scope);
  return walk ? indexPercentiles(db, walk, n) : scopePercentiles(db, w, scope && providersOfScope(db, scope));
}

/**
 * Percentiles of a rollup-answered scope: its durations read from the (project, start_time,
 * duration) or (project, provider, duration, model) index and ordered once here — SQLite's
 * percentile_cont would sort them once per percentile. `hint` is a predicate true of every span in
 * scope that lets a model-only scope use the latter index. Same interpolation as percentile_cont,
 * by selection rather than a sort (stats-rollup-select.ts).
 */
function scopePercentiles(db: Db, w: SpanWhere, hint: SqlPart | null) {
  const values = db
    .prepare(`SELECT s.duration FROM spans s WHERE ${w.sql}${hint ? ` AND ${hint.sql}` : ""} AND s.duration IS NOT NULL`)
    .pluck()
    .all(...w.params, ...(hint?.params ?? [])) as number[];
  const [p50, p90, p99] = selectPercentiles(Float64Array.from(values), [0.5, 0.9, 0.99], clampDecimal);
  return { p50: p50!, p90: p90!, p99: p99! };
}

/**
 * Linear-interpolation percentiles (index p·(n−1)) read straight off an index that yields `walk`'s
 * n matches in duration order (the stats index, led by (project_pk, duration), also for a type;
 * the provider index): two values per percentile, walking from whichever end is closer.
 */
function indexPercentiles(db: Db, walk: SqlPart, n: number) {
  if (n === 0) return { p50: 0, p90: 0, p99: 0 };
  const scope = walk.sql;
  const keys = walk.params;
  const asc = db.prepare(`SELECT duration FROM spans WHERE ${scope} AND duration IS NOT NULL ORDER BY duration ASC LIMIT 2 OFFSET ?`);
  const desc = db.prepare(`SELECT duration FROM spans WHERE ${scope} AND duration IS NOT NULL ORDER BY duration DESC LIMIT 2 OFFSET ?`);
  const at = (p: number) => {
    const pos = p * (n - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, n - 1);
    let low: number;
    let high: number;
    if (lo < n / 2) {
      const [a = 0, b = a] = asc.pluck().all(...keys, lo) as number[];
      [low, high] = [a, hi === lo ? a : b];
    } else {
      // Descending from the top: the first row is the value at `hi`, the next the one below it.
      const [a = 0, b = a] = desc.pluck().all(...keys, n - 1 - hi) as number[];
      [low, high] = [hi === lo ? a : b, a];
    }
    return clampDecimal(low + (high - low) * (pos - lo));
  };
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99) };
}

function extraUsage(db: Db, w: SpanWhere): [string, number][] {
  return (
    db
      .prepare(
        `SELECT j.key AS key, avg(j.value) AS avg FROM spans s, json_each(s.usage) j
         WHERE ${w.sql} AND ${EXTRA_USAGE} AND j.key NOT IN ('prompt_tokens', 'completion_tokens', 'total_tokens')
         GROUP BY j.key`,
      )
      .all(...w.params) as { key: string; avg: number }[]
  ).map((r) => [r.key, r.avg]);
}

/**
 * Average per score name over the selected spans that have it. Without predicates that is all of
 * the project's `span_scores` rows, read off their index (a score stored for a span id that was
 * never created is counted there, unlike in Opik). A rollup-answered scope reads the hourly score
 * rollups (the same join, kept by triggers). Otherwise the join starts from the scores
 * unless they are dense enough that reading the spans in order is cheaper than a lookup per score.
 * Names are shown as written: the project's distinct names come from an index skip-scan.
 */
function scoreAverages(db: Db, c: SpanCriteria, w: SpanWhere, scope: RollupScope | null): [string, number][] {
  const projectPk = c.projectPk;
  let rows: { key: string; avg: number }[];
  if (scope && w.hasPredicates) {
    rows = rollupScores(db, scope);
  } else if (!w.hasPredicates) {
    rows = db
      .prepare("SELECT name_key AS key, avg(value) AS avg FROM span_scores WHERE project_pk = ? GROUP BY name_key")
      .all(projectPk) as typeof rows;
  } else {
    const scored = (db.prepare("SELECT count(*) AS n FROM span_scores WHERE project_pk = ?").get(projectPk) as { n: number }).n;
    if (scored === 0) return [];
    const projectSpans = (db.prepare("SELECT span_count AS n FROM projects WHERE pk = ?").get(projectPk) as { n: number }).n;
    const sql =
      scored * 8 > projectSpans
        ? `SELECT sc.name_key AS key, avg(sc.value) AS avg FROM spans s CROSS JOIN span_scores sc
           WHERE ${w.sql} AND sc.span_id = s.id AND sc.project_pk = s.project_pk GROUP BY sc.name_key`
        : `SELECT sc.name_key AS key, avg(sc.value) AS avg FROM span_scores sc CROSS JOIN spans s
           WHERE sc.project_pk = ${Number(projectPk)} AND s.id = sc.span_id AND ${w.sql} GROUP BY sc.name_key`;
    rows = db.prepare(sql).all(...w.params) as typeof rows;
  }
  if (rows.length === 0) return [];
  const names = db
    .prepare(
      `WITH RECURSIVE names(name) AS (
         SELECT min(name) FROM feedback_scores WHERE entity_type = 'span' AND project_pk = ?
         UNION ALL
         SELECT (SELECT min(f.name) FROM feedback_scores f WHERE f.entity_type = 'span' AND f.project_pk = ? AND f.name > names.name)
         FROM names WHERE names.name IS NOT NULL
       ) SELECT name FROM names WHERE name IS NOT NULL`,
    )
    .pluck()
    .all(projectPk, projectPk) as string[];
  const display = new Map<string, string>();
  for (const name of names) if (!display.has(name.toLowerCase())) display.set(name.toLowerCase(), name);
  return rows
    .map((r): [string, number] => [display.get(r.key) ?? r.key, r.avg])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
