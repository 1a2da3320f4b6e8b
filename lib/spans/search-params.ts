import { z } from "zod";
import { parseInstant } from "@/lib/opik/instant";
import type { Operator } from "@/lib/opik/schemas/filters";
import { SpanFilterInput } from "./filters";
import { SORTABLE, SPAN_TYPES, type ListSpansInput, type SpanStatsInput } from "./inputs";

/**
 * The span views' URL state, shared by the table (`/projects/:id/spans`) and the stats page
 * (`/projects/:id/stats`). A copied link reproduces the view, so everything a reader can change lives
 * here. Parsing never throws: each parameter is checked on its own and a bad one falls back to its
 * default (a bad filter is dropped, the others stay).
 *
 *   filters  JSON array of Opik filters {field, operator, key?, value}
 *   q        free-text search          from / to  ISO instants, sent as `start_time` >= / <= filters
 *   type     span type                 page, size, sort (`<field>:<asc|desc>`), span, density, live
 */

export const PAGE_SIZES = [10, 25, 50, 100, 200] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 50;

export const DENSITIES = ["compact", "standard", "comfortable"] as const;
export type Density = (typeof DENSITIES)[number];

/** Live refresh intervals; the value is the URL spelling, `LIVE_MS` the period. */
export const LIVE_MODES = ["off", "5s", "30s", "1m"] as const;
export type LiveMode = (typeof LIVE_MODES)[number];
export const LIVE_MS: Record<LiveMode, number> = { off: 0, "5s": 5_000, "30s": 30_000, "1m": 60_000 };

export type SpanType = (typeof SPAN_TYPES)[number];
export type SpanFilter = { field: string; operator: Operator; key?: string; value: string };
export type SpanSort = { field: string; direction: "asc" | "desc" };

export type SpanView = {
  filters: SpanFilter[];
  q: string;
  from?: string;
  to?: string;
  type?: SpanType;
  page: number;
  size: PageSize;
  sort?: SpanSort;
  span?: string;
  density: Density;
  live: LiveMode;
};

export const DEFAULT_VIEW: SpanView = { filters: [], q: "", page: 1, size: DEFAULT_PAGE_SIZE, density: "standard", live: "off" };

/** The keys both views understand; switching between table and stats carries exactly these. */
export const SHARED_KEYS = ["filters", "q", "from", "to", "type"] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether Opik sorts spans by `field` (§7); `feedback_scores.<name>` sorts by one score. */
export function isSortable(field: string): boolean {
  return (SORTABLE as readonly string[]).includes(field) || /^feedback_scores\.\S.{0,254}$/.test(field);
}

/** A URL filter is kept only if the actions would accept it, so a bad link never fails a request. */
export function validFilter(raw: unknown): SpanFilter | null {
  const parsed = SpanFilterInput.safeParse(raw);
  if (!parsed.success) return null;
  const { field, operator, key, value } = parsed.data;
  return key ? { field, operator, key, value } : { field, operator, value };
}

const Param = {
  filters: z.string().transform((text, ctx) => {
    try {
      const list: unknown = JSON.parse(text);
      if (Array.isArray(list)) return list.slice(0, 50).map(validFilter).filter((f): f is SpanFilter => f !== null);
    } catch {
      // fall through to the issue below
    }
    ctx.addIssue({ code: "custom", message: "not a JSON array" });
    return z.NEVER;
  }),
  q: z.string().trim().max(1000),
  instant: z.string().trim().refine((s) => parseInstant(s) !== null),
  type: z.enum(SPAN_TYPES),
  page: z.coerce.number().int().min(1).max(1_000_000),
  size: z.coerce.number().refine((n): n is PageSize => (PAGE_SIZES as readonly number[]).includes(n)),
  sort: z.string().transform((text, ctx): SpanSort => {
    const at = text.lastIndexOf(":");
    const field = at > 0 ? text.slice(0, at) : text;
    const direction = at > 0 ? text.slice(at + 1).toLowerCase() : "desc";
    if (isSortable(field) && (direction === "asc" || direction === "desc")) return { field, direction };
    ctx.addIssue({ code: "custom", message: "not a sortable field" });
    return z.NEVER;
  }),
  span: z.string().trim().regex(UUID),
  density: z.enum(DENSITIES),
  live: z.enum(LIVE_MODES),
};

type Reader = { get(name: string): string | null };
export type SearchParamsLike = Reader | Record<string, string | string[] | undefined>;

function reader(source: SearchParamsLike): Reader {
  if (typeof (source as Reader).get === "function") return source as Reader;
  const record = source as Record<string, string | string[] | undefined>;
  return { get: (name) => [record[name]].flat()[0] ?? null };
}

function read<T>(params: Reader, name: string, schema: z.ZodType<T>): T | undefined {
  const raw = params.get(name);
  if (raw === null || raw === "") return undefined;
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** URLSearchParams, `useSearchParams()`, or a server page's `searchParams` record → the view. */
export function parseSpanView(searchParams: SearchParamsLike): SpanView {
  const p = reader(searchParams);
  const view: SpanView = {
    filters: read(p, "filters", Param.filters) ?? [],
    q: read(p, "q", Param.q) ?? "",
    page: read(p, "page", Param.page) ?? 1,
    size: (read(p, "size", Param.size) as PageSize | undefined) ?? DEFAULT_PAGE_SIZE,
    density: read(p, "density", Param.density) ?? "standard",
    live: read(p, "live", Param.live) ?? "off",
  };
  const from = read(p, "from", Param.instant);
  const to = read(p, "to", Param.instant);
  const type = read(p, "type", Param.type);
  const sort = read(p, "sort", Param.sort);
  const span = read(p, "span", Param.span);
  if (from) view.from = from;
  if (to) view.to = to;
  if (type) view.type = type;
  if (sort) view.sort = sort;
  if (span) view.span = span;
  return view;
}

/** The view → a query string without the leading `?`; defaults are left out so links stay short. */
export function serializeSpanView(view: Partial<SpanView>): string {
  const out = new URLSearchParams();
  if (view.filters?.length) out.set("filters", JSON.stringify(view.filters));
  if (view.q?.trim()) out.set("q", view.q.trim());
  if (view.from) out.set("from", view.from);
  if (view.to) out.set("to", view.to);
  if (view.type) out.set("type", view.type);
  if (view.page && view.page > 1) out.set("page", String(view.page));
  if (view.size && view.size !== DEFAULT_PAGE_SIZE) out.set("size", String(view.size));
  if (view.sort) out.set("sort", `${view.sort.field}:${view.sort.direction}`);
  if (view.span) out.set("span", view.span);
  if (view.density && view.density !== "standard") out.set("density", view.density);
  if (view.live && view.live !== "off") out.set("live", view.live);
  return out.toString();
}

/** Only the keys both views share (for the Spans | Stats switch). */
export function serializeSharedView(view: Partial<SpanView>): string {
  return serializeSpanView({ filters: view.filters, q: view.q, from: view.from, to: view.to, type: view.type });
}

/** The time range as Opik filters: every Opik version understands `start_time` >= / <=. */
function timeFilters(view: Pick<SpanView, "from" | "to">): SpanFilter[] {
  const out: SpanFilter[] = [];
  if (view.from) out.push({ field: "start_time", operator: ">=", value: view.from });
  if (view.to) out.push({ field: "start_time", operator: "<=", value: view.to });
  return out;
}

/**
 * What narrows the spans, for spanStats / export / search: the URL filters plus the start_time pair,
 * the free-text `search` and the `type`. Spread it into a `SpanStatsInput` with the project.
 */
export type SpanCriteria = { filters: SpanFilter[]; search?: string; type?: SpanType };

export function toStatsFilters(view: Pick<SpanView, "filters" | "q" | "from" | "to" | "type">): SpanCriteria {
  const filters = [...view.filters, ...timeFilters(view)];
  const search = view.q.trim();
  return { filters, ...(search ? { search } : {}), ...(view.type ? { type: view.type } : {}) };
}

export function toSpanStatsInput(view: SpanView, projectId: string): SpanStatsInput {
  return { project_id: projectId, ...toStatsFilters(view) };
}

/** The table's request: server paging and sorting, short previews (`truncate`). */
export function toListSpansInput(view: SpanView, projectId: string): ListSpansInput {
  const input: ListSpansInput = { project_id: projectId, page: view.page, size: view.size, truncate: true, ...toStatsFilters(view) };
  if (view.sort) input.sorting = [{ field: view.sort.field, direction: view.sort.direction === "asc" ? "ASC" : "DESC" }];
  return input;
}
