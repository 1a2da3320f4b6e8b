import type { Db } from "@/lib/embedded/db";
import { RequestTimeout, sampleHttp, sampleSync, summarise, type Limits, type Summary } from "./measure";
import type { Figure } from "./report";
import { listPageQuery, statsQuery } from "./sql";

/**
 * The read workloads: a 100-span list page (with its total) in the default order, sorted by
 * duration, and filtered on a metadata key plus a feedback score; free-text search; stats. Each
 * is timed over HTTP and, for comparison, as the bare SQLite work in this process.
 */

type Scenario = {
  name: string;
  endpoint: "spans" | "spans/stats";
  params: Record<string, string>;
  /** Pages cycle 1..pages between samples so one cached page does not flatter the figure. */
  pages: number;
  samples: number;
  targets: { p50: number; p99?: number };
};

const LIST_TARGETS = { p50: 50, p99: 150 };

export function scenarios(project: string, listSamples: number, heavySamples: number): Scenario[] {
  const list = (name: string, extra: Record<string, string>): Scenario => ({
    name,
    endpoint: "spans",
    params: { project_name: project, size: "100", ...extra },
    pages: 5,
    samples: listSamples,
    targets: LIST_TARGETS,
  });
  return [
    list("list_default", {}),
    list("list_sort_duration", { sorting: JSON.stringify([{ field: "duration", direction: "DESC" }]) }),
    list("list_filter_meta_score", {
      filters: JSON.stringify([
        { field: "metadata", operator: "=", key: "environment", value: "production" },
        { field: "feedback_scores", operator: ">=", key: "relevance", value: "0.7" },
      ]),
    }),
    { name: "search", endpoint: "spans", params: { project_name: project, size: "100", search: "refund" }, pages: 1, samples: heavySamples, targets: { p50: 500 } },
    { name: "stats", endpoint: "spans/stats", params: { project_name: project }, pages: 1, samples: heavySamples, targets: { p50: 500 } },
  ];
}

const round = (v: number) => Math.round(v * 100) / 100;

export const LIMITS: Limits = { requestMs: 60_000, budgetMs: 90_000 };

/**
 * Runs one scenario over HTTP, then as bare SQL. A request that times out leaves the server busy
 * with the query, so the caller must restart it (`timedOut`); the figures then carry the timeout
 * as a lower bound and the SQL side is skipped (it cannot be interrupted in-process).
 */
export async function runScenario(apiUrl: string, db: Db, s: Scenario, log: (line: string) => void): Promise<{ figures: Figure[]; timedOut: boolean }> {
  const queryFor = (i: number) => {
    const q = new URLSearchParams(s.params);
    if (s.endpoint === "spans") q.set("page", String((i % s.pages) + 1));
    return q;
  };
  const ms = (name: string, value: number, target: number | null): Figure => ({ name, value: round(value), unit: "ms", target, better: "lower" });
  const warmup = Math.min(5, s.samples);
  let http: Summary;
  try {
    http = summarise(await sampleHttp((i) => `${apiUrl}/v1/private/${s.endpoint}?${queryFor(i)}`, s.samples, warmup, LIMITS));
  } catch (error) {
    if (!(error instanceof RequestTimeout)) throw error;
    log(`  ${s.name.padEnd(24)} TIMED OUT: one request took over ${LIMITS.requestMs / 1000} s`);
    return { figures: [ms(`${s.name}_p50_ms`, LIMITS.requestMs, s.targets.p50), ms(`${s.name}_p99_ms`, LIMITS.requestMs, s.targets.p99 ?? null)], timedOut: true };
  }

  const runners = Array.from({ length: s.pages }, (_, i) =>
    s.endpoint === "spans" ? listPageQuery(db, queryFor(i)) : statsQuery(db, queryFor(i)),
  );
  const sql = summarise(sampleSync((i) => runners[i % s.pages]!(), s.samples, http.p50 > 1000 ? 1 : warmup, LIMITS));

  const ratio = http.p50 / Math.max(sql.p50, 0.001);
  log(
    `  ${s.name.padEnd(24)} http p50 ${http.p50.toFixed(1).padStart(7)} ms  p99 ${http.p99.toFixed(1).padStart(7)} ms` +
      ` | sql p50 ${sql.p50.toFixed(1).padStart(7)} ms  p99 ${sql.p99.toFixed(1).padStart(7)} ms | http/sql ${ratio.toFixed(1)}× (n=${http.n}/${sql.n})`,
  );
  return {
    figures: [
      ms(`${s.name}_p50_ms`, http.p50, s.targets.p50),
      ms(`${s.name}_p99_ms`, http.p99, s.targets.p99 ?? null),
      ms(`${s.name}_sql_p50_ms`, sql.p50, null),
      ms(`${s.name}_sql_p99_ms`, sql.p99, null),
      { name: `${s.name}_http_over_sql_p50`, value: round(ratio), unit: "x", target: null, better: "lower" },
    ],
    timedOut: false,
  };
}
