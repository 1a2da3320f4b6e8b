import { parseInstant } from "@/lib/opik/instant";
import type { Db } from "./db";
import type { SpanCriteria } from "./span-criteria";
import type { SqlPart } from "./sql-text";
import { PROVIDER_INDEXED } from "./stats-rollup-sql";

/**
 * Answers the additive parts of a stats call from the hourly rollups (stats-rollup-sql.ts) instead
 * of a pass over the spans, when the criteria are nothing but: the project, `type`, `start_time`
 * bounds on whole UTC hours, and `model =` / `provider =` filters — the shapes of the stats view's
 * totals, time buckets and breakdowns. Anything else (another filter, search, trace, from/to_time, a
 * bound inside an hour) returns null and the caller scans as before. The sums are exact for counts
 * and integers; float sums (cost, scores) are compensated, so they agree with a scan to the last digit
 * or two of a double.
 */
const HOUR_MICROS = 3_600_000_000;

export type RollupScope = SqlPart & {
  projectPk: number;
  /** The scope is one type, one provider or one model and nothing else (see percentileWalk). */
  only?: { field: "type" | "provider" | "model"; value: string };
  /** Model filters present and no provider filter (the percentile query adds the model's providers). */
  modelOnly: boolean;
};

export function rollupScope(c: SpanCriteria): RollupScope | null {
  if (c.traceId || c.search?.trim() || c.idFrom || c.idTo) return null;
  const terms = ["project_pk = ?"];
  const params: unknown[] = [c.projectPk];
  let lo = -Infinity;
  let hi = Infinity;
  let models = 0;
  let providers = 0;
  for (const f of c.filters ?? []) {
    if (f.field === "start_time" && f.type === "DATE_TIME") {
      const t = parseInstant(f.value);
      if (t === null) return null;
      // As half-open [lo, hi) bounds, which must fall on hour boundaries.
      if (f.operator === ">=") lo = Math.max(lo, t);
      else if (f.operator === ">") lo = Math.max(lo, t + 1);
      else if (f.operator === "<") hi = Math.min(hi, t);
      else if (f.operator === "<=") hi = Math.min(hi, t + 1);
      else return null;
    } else if ((f.field === "model" || f.field === "provider") && f.type === "STRING" && f.operator === "=") {
      terms.push(`lower(${f.field}) = lower(?)`);
      params.push(f.value);
      if (f.field === "model") models++;
      else providers++;
    } else return null;
  }
  for (const bound of [lo, hi]) if (Number.isFinite(bound) && !isHour(bound)) return null;
  const add = (term: string, value: unknown) => {
    terms.push(term);
    params.push(value);
  };
  if (Number.isFinite(lo)) add("hour >= ?", lo);
  if (Number.isFinite(hi)) add("hour < ?", hi);
  if (c.type) add("type = ?", c.type);
  let only: RollupScope["only"];
  if (terms.length === 2) {
    const f = c.filters?.[0];
    only = c.type ? { field: "type", value: c.type } : f?.field === "model" || f?.field === "provider" ? { field: f.field, value: f.value } : undefined;
  }
  return { sql: terms.join(" AND "), params, projectPk: c.projectPk, only, modelOnly: models > 0 && providers === 0 };
}

/**
 * The number of spans in a scope, from the rollups (kept in the same transactions as the spans).
 * A list's total uses it: a type's spans, say, lie apart in the duration-led stats index, and
 * counting them there took 81 ms at a million spans.
 */
export function rollupCount(scope: RollupScope): SqlPart {
  return { sql: `SELECT coalesce(sum(n), 0) AS n FROM span_stats_hourly WHERE ${scope.sql}`, params: scope.params };
}

const isHour = (t: number) => Number.isSafeInteger(t) && ((t % HOUR_MICROS) + HOUR_MICROS) % HOUR_MICROS === 0;

export type RollupAggregates = {
  n: number;
  n_duration: number;
  input: number;
  output: number;
  metadata: number;
  tags: number;
  cost_sum: number;
  cost_n: number;
  errors: number;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  total_tokens: number | null;
  extra_usage: number;
};

export function rollupAggregates(db: Db, scope: RollupScope): RollupAggregates {
  const r = db
    .prepare(
      `SELECT coalesce(sum(n), 0) AS n, coalesce(sum(n_duration), 0) AS n_duration, total(input) AS input, total(output) AS output,
         total(metadata) AS metadata, total(errors) AS errors, total(tags) AS tags, total(cost_sum) + total(cost_comp) AS cost_sum,
         total(cost_n) AS cost_n, sum(pt_n) AS pt_n, sum(pt_sum) AS pt_sum, sum(ct_n) AS ct_n, sum(ct_sum) AS ct_sum,
         sum(tt_n) AS tt_n, sum(tt_sum) AS tt_sum, total(extra_usage) AS extra_usage
       FROM span_stats_hourly WHERE ${scope.sql}`,
    )
    .get(...scope.params) as Omit<RollupAggregates, "prompt_tokens" | "completion_tokens" | "total_tokens"> & Record<string, number>;
  // avg() of integers is their exact integer sum divided by the count, as here.
  const avg = (sum: number | null, n: number | null) => (n ? sum! / n : null);
  return {
    ...r,
    prompt_tokens: avg(r.pt_sum!, r.pt_n!),
    completion_tokens: avg(r.ct_sum!, r.ct_n!),
    total_tokens: avg(r.tt_sum!, r.tt_n!),
  };
}

export function rollupExtraUsage(db: Db, scope: RollupScope): [string, number][] {
  const rows = db
    .prepare(`SELECT key, sum(sum) AS s, sum(n) AS n FROM span_stats_hourly_usage WHERE ${scope.sql} GROUP BY key HAVING sum(n) > 0`)
    .all(...scope.params) as { key: string; s: number; n: number }[];
  return rows.map((r) => [r.key, r.s / r.n]);
}

export function rollupScores(db: Db, scope: RollupScope): { key: string; avg: number }[] {
  return db
    .prepare(
      `SELECT name_key AS key, (total(sum) + total(comp)) / sum(n) AS avg FROM span_stats_hourly_scores
       WHERE ${scope.sql} GROUP BY name_key HAVING sum(n) > 0`,
    )
    .all(...scope.params) as { key: string; avg: number }[];
}

/**
 * A WHERE over `spans` whose matches an index yields in duration order, when the scope has one:
 * one type (the stats index, the type checked in it), one provider, or one model seen with a
 * single provider (the provider index, the model checked in it). Percentiles are then read by
 * position, no sorting.
 */
export function percentileWalk(db: Db, scope: RollupScope): SqlPart | null {
  const { only, projectPk } = scope;
  if (!only) return null;
  if (only.field === "type") return { sql: "project_pk = ? AND type = ?", params: [projectPk, only.value] };
  const provider = `${PROVIDER_INDEXED} AND lower(coalesce(provider, ''))`;
  if (only.field === "provider") return { sql: `project_pk = ? AND ${provider} = lower(?)`, params: [projectPk, only.value] };
  const providers = providersOf(db, scope);
  // The rollups key a missing provider as '': those spans are not in the provider index.
  if (providers.length !== 1 || providers[0] === "") return null;
  return { sql: `project_pk = ? AND ${provider} = ? AND lower(coalesce(model, '')) = lower(?)`, params: [projectPk, providers[0], only.value] };
}

const providersOf = (db: Db, scope: RollupScope) =>
  db.prepare(`SELECT DISTINCT lower(provider) AS p FROM span_stats_hourly WHERE ${scope.sql}`).pluck().all(...scope.params) as string[];

/**
 * A predicate that is true of every span in scope and lets the percentile query use the
 * (project, provider, model, duration) index when only the model is given: the providers seen
 * with that model, from the rollup.
 */
export function providersOfScope(db: Db, scope: RollupScope): SqlPart | null {
  if (!scope.modelOnly) return null;
  const providers = providersOf(db, scope);
  if (providers.length === 0 || providers.length > 50 || providers.includes("")) return null;
  return { sql: `s.${PROVIDER_INDEXED} AND lower(coalesce(s.provider, '')) IN (${providers.map(() => "?").join(", ")})`, params: providers };
}
