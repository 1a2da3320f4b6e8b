import { actionError } from "@/lib/actions/action";
import { inputError, type ActionResult } from "@/lib/actions/result";
import { gateway } from "@/lib/backend/gateway";
import type { SpanStats } from "@/lib/opik/client";
import { EXCLUDABLE } from "@/lib/spans/inputs";
import type { z } from "zod";
import { StatsCriteria, StatsOpInput, TOP_SAMPLE, type TimeRange, type TopValues } from "./inputs";
import { top } from "./top";

/**
 * The stats view's data, as a GET route handler instead of server actions: Next.js runs a page's
 * server actions one at a time, and the view asks for up to ~60 stats (totals, one per time
 * bucket, per type, per model/provider) that should go out several at once. Same contract as an
 * action — the input re-parsed with zod, `{ ok, data } | { ok: false, error }`, the key never in
 * the answer — over the same `lib/opik` client.
 *
 *   GET …/stats/data?op=stats|range|top&c=<JSON criteria without project_id>
 */
const STATS_TIMEOUT_MS = 60_000;
type Parsed = z.output<typeof StatsCriteria>;

export async function handleStatsData(req: Request, projectId: string): Promise<Response> {
  const url = new URL(req.url);
  let raw: unknown = {};
  try {
    raw = JSON.parse(url.searchParams.get("c") ?? "{}");
  } catch {
    raw = null;
  }
  const result = await statsData(projectId, url.searchParams.get("op") ?? "stats", raw, req.signal);
  return Response.json(result, { headers: { "cache-control": "no-store" } });
}

/** One stats-view answer: what the route returns, and what the page prefetches on the server. */
export async function statsData(projectId: string, opName: string, raw: unknown, signal?: AbortSignal): Promise<ActionResult<unknown>> {
  const op = StatsOpInput.safeParse(opName);
  const parsed = StatsCriteria.safeParse(raw && typeof raw === "object" ? { ...raw, project_id: projectId } : raw);
  if (!op.success) return { ok: false, error: inputError(op.error) };
  if (!parsed.success) return { ok: false, error: inputError(parsed.error) };
  const criteria = parsed.data;
  const options = { signal, timeoutMs: STATS_TIMEOUT_MS };
  try {
    if (op.data === "stats") return { ok: true, data: (await gateway().spanStats(criteria, options)) satisfies SpanStats };
    if (op.data === "range") return { ok: true, data: await timeRange(criteria, options) };
    return { ok: true, data: await topValues(criteria, options) };
  } catch (error) {
    return { ok: false, error: actionError(error) };
  }
}

const ALL_BUT = (...keep: string[]) => EXCLUDABLE.filter((f) => !keep.includes(f));

/** The oldest and newest `start_time`: two one-span pages sorted on the (project, start_time) index. */
async function timeRange(criteria: Parsed, options: { signal?: AbortSignal; timeoutMs: number }): Promise<TimeRange> {
  const page = (direction: "ASC" | "DESC") =>
    gateway().listSpans({ ...criteria, size: 1, sorting: [{ field: "start_time", direction }], exclude: [...ALL_BUT()] }, options);
  const [first, last] = await Promise.all([page("ASC"), page("DESC")]);
  return { first: first.content[0]?.start_time ?? null, last: last.content[0]?.start_time ?? null };
}

/**
 * Opik's stats have no per-model breakdown and no "distinct models" endpoint, so the models and
 * providers worth a stats call each are found from a sample: the newest TOP_SAMPLE matching spans
 * (one list page, only `model`/`provider` read, everything else excluded), restricted to LLM spans
 * unless the view already picked a type. Rare models outside the sample are not broken out; the
 * per-model numbers themselves come from full stats calls (`model = …`), not from the sample.
 */
async function topValues(criteria: Parsed, options: { signal?: AbortSignal; timeoutMs: number }): Promise<TopValues> {
  const page = await gateway().listSpans(
    { ...criteria, type: criteria.type ?? "llm", size: TOP_SAMPLE, exclude: [...ALL_BUT("model", "provider")] },
    options,
  );
  return {
    models: top(page.content.map((s) => s.model)),
    providers: top(page.content.map((s) => s.provider)),
    sampled: page.content.length,
    total: page.total,
  };
}
