import type { Operator } from "@/lib/opik/schemas/filters";
import type { SpanFilter } from "./filters";
import { jsonScalarTextSql, META_VALUE_PREFIX, sqlitePath } from "./json-path";
import { OVERFLOW_TERM_ID, termIdSql } from "./meta-terms";
import { FTS_ROWID, type RowidRange } from "./span-runs";
import { cappedCount, NOTHING, part, textOp, type Predicate, type SqlPart } from "./sql-text";

/**
 * The span filters that live outside the `spans` row — metadata paths, payloads, feedback scores,
 * free text — as predicates that can drive a query from their index table (`span_meta_terms`,
 * `span_scores`, `span_fts`) or be probed per candidate row; see `Predicate`.
 */

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;
/** Text that SQLite's CAST reads fully as a number (a JSON number or a numeric string). */
const numericText = (x: string) => `(${x} NOT GLOB '*[^0-9.eE+-]*' AND ${x} GLOB '*[0-9]*')`;
const NUMERIC_VALUE = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/**
 * A condition on a span's payloads (alias `io`, never NULL-valued). As the driver it is one pass
 * over `span_io`; as a probe one payload lookup per candidate. Spans without a payload row read
 * as "" and match when `matchesEmpty`.
 */
function payloadFilter(cond: SqlPart, matchesEmpty: boolean): Predicate {
  const sql = matchesEmpty
    ? `s.pk NOT IN (SELECT io.pk FROM span_io io WHERE NOT (${cond.sql}))`
    : `s.pk IN (SELECT io.pk FROM span_io io WHERE ${cond.sql})`;
  const probe = part(`coalesce((SELECT ${cond.sql} FROM span_io io WHERE io.pk = s.pk), ${matchesEmpty ? 1 : 0})`, ...cond.params);
  return { ...part(sql, ...cond.params), probe };
}

/** input/output as text: Opik matches the raw stored JSON. */
export function payloadTextFilter(f: SpanFilter): Predicate {
  const cond = textOp(`coalesce(io.${f.field}, '')`, f.operator, f.value);
  // The value is never blank, so "" only satisfies the negative operators and `<`.
  return payloadFilter(cond, f.operator === "!=" || f.operator === "not_contains" || f.operator === "<");
}

/** Would the operator match a path that is missing (Opik reads it as "")? */
function matchesEmpty(op: Operator, value: string): boolean {
  switch (op) {
    case "=": case "contains": case "starts_with": case "ends_with": return value === "";
    case "!=": case "not_contains": return value !== "";
    case "is_empty": return true;
    default: return false;
  }
}

export function dictionaryFilter(f: SpanFilter, projectPk: number): Predicate {
  const path = sqlitePath(f.path!);
  const doc = f.field === "metadata" ? "s.metadata" : `io.${f.field === "input_json" ? "input" : "output"}`;
  const t = `coalesce(${jsonScalarTextSql(doc, sqlString(path))}, '')`;
  const v = f.value;
  let cond: SqlPart;
  switch (f.operator) {
    case "is_empty": cond = part(`(${t} = '' OR ${t} = 'null')`); break;
    case "is_not_empty": cond = part(`(${t} != '' AND ${t} != 'null')`); break;
    case ">": case "<":
      // Numeric only: a non-numeric filter value or stored value never matches.
      if (!NUMERIC_VALUE.test(v)) return NOTHING;
      cond = part(`(${numericText(t)} AND CAST(${t} AS REAL) ${f.operator} ?)`, Number(v));
      break;
    default: cond = textOp(t, f.operator, v);
  }
  if (f.field !== "metadata") return payloadFilter(cond, matchesEmpty(f.operator, v.toLowerCase()));
  // The metadata index holds the lower-cased text of every metadata scalar of object-shaped metadata
  // as terms keyed by the same path string (meta-terms.ts), so `=` and `<`/`>` can start from an
  // index range instead of parsing every row. Values are kept to a prefix: a shorter filter value is
  // matched by the index alone.
  const indexable = typeof f.path![0] === "string";
  if (indexable && f.operator === "=" && v !== "") {
    const hit = part(`FROM span_meta_terms WHERE term = ${termIdSql(`substr(lower(?), 1, ${META_VALUE_PREFIX})`)}`, projectPk, path, v);
    return metaIndexed(cond, hit, projectPk, v.length < META_VALUE_PREFIX, true);
  }
  if (indexable && (f.operator === ">" || f.operator === "<")) {
    const terms = `SELECT id FROM meta_terms WHERE project_pk = ? AND key = ? AND ${numericText("value")} AND CAST(value AS REAL) ${f.operator} ?`;
    const hit = part(`FROM span_meta_terms WHERE term IN (${terms})`, projectPk, path, Number(v));
    return metaIndexed(cond, hit, projectPk, true);
  }
  return cond;
}

/**
 * A metadata condition with an index range `hit` (`FROM span_meta_terms WHERE …`). Spans marked as having
 * more scalars than the index keeps are candidates too and are checked against the JSON. An exact
 * `=` is probed through the index as well (no row read); other probes check the JSON.
 */
function metaIndexed(cond: SqlPart, hit: SqlPart, projectPk: number, exact: boolean, seekable = false): Predicate {
  const hits = `SELECT span_pk ${hit.sql}`;
  const over = `SELECT span_pk FROM span_meta_terms WHERE term = ${OVERFLOW_TERM_ID}`;
  // The JSON check of a marked span reads its row through its own lookup, so probing everyone else
  // stays index-only.
  const deferred = `(SELECT ${cond.sql.replaceAll("s.metadata", "m.metadata")} FROM spans m WHERE m.pk = s.pk)`;
  const probe = seekable && exact
    ? part(`(EXISTS (SELECT 1 ${hit.sql} AND span_pk = s.pk) OR (s.pk IN (${over}) AND ${deferred}))`, ...hit.params, projectPk, ...cond.params)
    : cond;
  const listed = (plus: string) =>
    exact
      ? part(`${plus}s.pk IN (${hits} UNION ALL ${over}) AND (s.pk NOT IN (${over}) OR ${cond.sql})`, ...hit.params, projectPk, projectPk, ...cond.params)
      : part(`${plus}s.pk IN (${hits} UNION ALL ${over}) AND ${cond.sql}`, ...hit.params, projectPk, ...cond.params);
  const sql = listed("");
  const count = exact
    ? part(
        `SELECT (SELECT count(*) ${hit.sql}) + (SELECT count(*) FROM spans s WHERE s.pk IN (${over}) AND s.pk NOT IN (${hits}) AND ${cond.sql}) AS n`,
        ...hit.params, projectPk, ...hit.params, ...cond.params,
      )
    : undefined;
  return {
    ...sql, probe, scan: listed("+"), estimate: cappedCount(hit.sql, ...hit.params), count,
    // An exact value's entries are keyed (…, value, span_pk): in rowid order.
    ordered: seekable ? { pk: "span_pk", from: hit } : undefined,
    pkProbe: seekable && exact ? probe : undefined,
    pkRows: seekable && exact ? part(
      // Both lists come out of their primary key in rowid order, so the union merges them unsorted.
      // LIMIT -1 keeps SQLite from pushing the other predicates' rowid lists into the union, where
      // they would drive it with one index seek per listed rowid.
      `SELECT span_pk AS pk ${hit.sql} UNION SELECT o.span_pk FROM span_meta_terms o WHERE o.term = ${OVERFLOW_TERM_ID}
       AND ${deferred.replace("m.pk = s.pk", "m.pk = o.span_pk")} ORDER BY pk LIMIT -1`,
      ...hit.params, projectPk, ...cond.params,
    ) : undefined,
  };
}

/**
 * Scores are compared as Opik's Decimal(18,9): values within half a 9th-decimal unit are equal, so
 * an author average like 0.15000000000000002 still equals 0.15.
 */
const EPS = 5e-10;

export function scoreFilter(f: SpanFilter, projectPk: number): Predicate {
  const name = f.key!.toLowerCase();
  const v = Number(f.value);
  const named = (cond: string, ...params: unknown[]): Predicate => {
    const where = `project_pk = ? AND name_key = ?${cond ? ` AND ${cond}` : ""}`;
    // span_pk is the scored span's rowid when it exists in this project (scores-store.ts), so the
    // total and a list page's matches come from the index tables alone (`count`, `pkRows`); the
    // value is compared in the index, so that costs the name's entries. Queries that read the
    // matching span rows (stats) still drive by span id: by rowid SQLite chose worse plans there.
    const pks = `SELECT span_pk FROM span_scores WHERE ${where}`;
    return {
      ...part(`s.id IN (SELECT span_id FROM span_scores WHERE ${where})`, projectPk, name, ...params),
      probe: part(`EXISTS (SELECT 1 FROM span_scores WHERE ${where} AND span_id = s.id)`, projectPk, name, ...params),
      scan: part(`+s.id IN (SELECT span_id FROM span_scores WHERE ${where})`, projectPk, name, ...params),
      estimate: cappedCount(`FROM span_scores WHERE ${where}`, projectPk, name, ...params),
      ordered: { pk: "span_pk", from: part(`FROM span_scores INDEXED BY span_scores_by_span_pk WHERE ${where}`, projectPk, name, ...params) },
      byId: true,
      count: part(`SELECT count(*) AS n FROM span_scores WHERE ${where} AND span_pk IS NOT NULL`, projectPk, name, ...params),
      // In rowid order, straight off the index (see SPAN_SCORE_PKS_MIGRATION_SQL).
      pkRows: part(`SELECT span_pk AS pk FROM span_scores INDEXED BY span_scores_by_span_pk WHERE ${where} AND span_pk IS NOT NULL`, projectPk, name, ...params),
      pkProbe: part(`s.pk IN (${pks})`, projectPk, name, ...params),
    };
  };
  switch (f.operator) {
    case "=": return named("value BETWEEN ? AND ?", v - EPS, v + EPS);
    case ">": return named("value > ?", v + EPS);
    case ">=": return named("value >= ?", v - EPS);
    case "<": return named("value < ?", v - EPS);
    case "<=": return named("value <= ?", v + EPS);
    case "is_not_empty": return named("");
    // Includes spans without any score at all.
    case "is_empty": {
      const where = "project_pk = ? AND name_key = ?";
      return {
        ...part(`s.id NOT IN (SELECT span_id FROM span_scores WHERE ${where})`, projectPk, name),
        probe: part(`NOT EXISTS (SELECT 1 FROM span_scores WHERE ${where} AND span_id = s.id)`, projectPk, name),
      };
    }
    // Opik only looks at spans that have some score: a span without scores never matches `!=`.
    case "!=": {
      const equal = "FROM span_scores WHERE project_pk = ? AND name_key = ? AND value BETWEEN ? AND ?";
      const params = [projectPk, name, v - EPS, v + EPS];
      return {
        ...part(`s.id IN (SELECT span_id FROM span_scores WHERE project_pk = ?) AND s.id NOT IN (SELECT span_id ${equal})`, projectPk, ...params),
        scan: part(`+s.id IN (SELECT span_id FROM span_scores WHERE project_pk = ?) AND s.id NOT IN (SELECT span_id ${equal})`, projectPk, ...params),
        probe: part(
          `EXISTS (SELECT 1 FROM span_scores WHERE span_id = s.id AND project_pk = ?) AND NOT EXISTS (SELECT 1 ${equal} AND span_id = s.id)`,
          projectPk, ...params,
        ),
        estimate: cappedCount("FROM span_scores WHERE project_pk = ?", projectPk),
        byId: true,
      };
    }
    default: return NOTHING;
  }
}

/**
 * What the index's unicode61 tokenizer keeps in a token (checked against it code point by code
 * point): letters, digits and private use, less 21 letters that its Unicode 6.1 tables still class
 * as marks, plus the combining accents that remove_diacritics folds away. A piece that the
 * tokenizer would split further becomes a phrase, which the index cannot answer (an error).
 */
const TOKEN = /(?:(?![\u19b0-\u19c0\u19c8\u19c9\u1cf2\u1cf3])[\p{L}\p{N}\p{Co}]|[\u0300-\u0304\u0306-\u030c\u030f\u0311\u031b\u0323-\u0328\u032d\u032e\u0330\u0331])+/gu;

/**
 * Free-text `search`. Opik does not document its matching function; here every word of the trimmed
 * text must occur as a word prefix (FTS5 `"word"*`, case- and accent-insensitive) somewhere in the
 * span's name, model, provider, tags, input, output, metadata or error info. A word with
 * punctuation inside (`gpt-4o`) needs each of its parts, the last as a prefix, but not side by
 * side: the index keeps no positions (span-indexes.ts). Returns null for blank text; text with no
 * searchable characters matches nothing.
 */
export function searchToSql(text: string | null | undefined, rowids?: RowidRange | null): Predicate | null {
  const trimmed = text?.trim() ?? "";
  if (trimmed === "") return null;
  const words = trimmed.split(/\s+/).map((w) => w.match(TOKEN) ?? []).filter((tokens) => tokens.length > 0);
  if (words.length === 0) return NOTHING;
  const query = words.map((tokens) => tokens.map((t, i) => (i === tokens.length - 1 ? `"${t}"*` : `"${t}"`)).join(" ")).join(" ");
  // The index covers every project: bounded to the project's rowids, a page of a small project
  // no longer holds every other project's matches in memory (a common word in a 50,000-span project
  // beside 1,400,000 others: 90 → 35 ms for the page's rows).
  const from = rowids ? part(`FROM span_fts WHERE span_fts MATCH ? AND rowid BETWEEN ${FTS_ROWID} AND ${FTS_ROWID}`, query, rowids.lo, rowids.hi) : part("FROM span_fts WHERE span_fts MATCH ?", query);
  const matches = `SELECT rowid ${from.sql}`;
  return {
    ...part(`s.pk IN (${matches})`, ...from.params),
    probe: part(`+s.pk IN (${matches})`, ...from.params),
    scan: part(`+s.pk IN (${matches})`, ...from.params),
    estimate: cappedCount(from.sql, ...from.params),
  };
}
