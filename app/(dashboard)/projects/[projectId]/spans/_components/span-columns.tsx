import type { DataColumn } from "@/components/data-table/features";
import type { SpanPublic } from "@/lib/opik/client";
import { CostCell, DurationCell, ErrorCell, JsonCell, NumberCell, TagsCell, TimeCell, TypeCell } from "./cells";

type Span = SpanPublic;

/**
 * The span table's columns. `sortField` is set only where the server lists the field in
 * `sortable_by` (`feedback_scores.*` covers every score column), so a header is a sort button only
 * when sorting by it will work.
 */
type Def = { id: string; label: string; size: number; sort?: string; align?: "end"; optional?: boolean; cell: (s: Span) => React.ReactNode };

const BASE: Def[] = [
  { id: "name", label: "Name", size: 200, sort: "name", cell: (s) => s.name || <span className="text-slate-400">(unnamed)</span> },
  { id: "type", label: "Type", size: 90, sort: "type", cell: (s) => <TypeCell type={s.type} /> },
  { id: "start_time", label: "Start time", size: 190, sort: "start_time", cell: (s) => <TimeCell iso={s.start_time} /> },
  { id: "duration", label: "Duration", size: 100, sort: "duration", align: "end", cell: (s) => <DurationCell ms={s.duration} /> },
  { id: "model", label: "Model", size: 140, sort: "model", cell: (s) => s.model ?? "" },
  { id: "provider", label: "Provider", size: 110, sort: "provider", cell: (s) => s.provider ?? "" },
  { id: "prompt_tokens", label: "Prompt tokens", size: 110, sort: "usage.prompt_tokens", align: "end", cell: (s) => <NumberCell value={s.usage?.prompt_tokens} /> },
  { id: "completion_tokens", label: "Completion tokens", size: 130, sort: "usage.completion_tokens", align: "end", cell: (s) => <NumberCell value={s.usage?.completion_tokens} /> },
  { id: "total_tokens", label: "Total tokens", size: 110, sort: "usage.total_tokens", align: "end", cell: (s) => <NumberCell value={s.usage?.total_tokens} /> },
  { id: "cost", label: "Cost", size: 100, sort: "total_estimated_cost", align: "end", cell: (s) => <CostCell usd={s.total_estimated_cost} /> },
  { id: "tags", label: "Tags", size: 160, sort: "tags", cell: (s) => <TagsCell tags={s.tags} /> },
  { id: "error", label: "Error", size: 130, sort: "error_info", cell: (s) => <ErrorCell error={s.error_info} /> },
];

const TAIL: Def[] = [
  { id: "comments", label: "Comments", size: 100, align: "end", cell: (s) => <NumberCell value={s.comments?.length ?? 0} /> },
  { id: "input", label: "Input", size: 260, sort: "input", cell: (s) => <JsonCell value={s.input} /> },
  { id: "output", label: "Output", size: 260, sort: "output", cell: (s) => <JsonCell value={s.output} /> },
  { id: "trace_id", label: "Trace ID", size: 290, sort: "trace_id", optional: true, cell: (s) => <span className="font-mono text-xs">{s.trace_id}</span> },
  { id: "span_id", label: "Span ID", size: 290, sort: "id", optional: true, cell: (s) => <span className="font-mono text-xs">{s.id}</span> },
];

function metadataValue(span: Span, key: string): unknown {
  const meta = span.metadata;
  return meta && typeof meta === "object" && !Array.isArray(meta) ? (meta as Record<string, unknown>)[key] : undefined;
}

/** The metadata keys of the spans on screen: each can be shown as a column. */
export function metadataKeys(spans: readonly Span[]): string[] {
  const keys = new Set<string>();
  for (const s of spans) {
    if (s.metadata && typeof s.metadata === "object" && !Array.isArray(s.metadata)) for (const k of Object.keys(s.metadata)) keys.add(k);
    if (keys.size >= 50) break;
  }
  return [...keys].sort();
}

export function spanColumns(scoreNames: readonly string[], metaKeys: readonly string[], sortableBy: readonly string[] | undefined): DataColumn<Span>[] {
  // Without `sortable_by` (an older server) offer what every version sorts by.
  const sortable = (field: string) =>
    !sortableBy ? true : sortableBy.includes(field) || (field.startsWith("feedback_scores.") && sortableBy.includes("feedback_scores.*"));
  const scoreDefs: Def[] = scoreNames.map((name) => ({
    id: `score:${name}`,
    label: name,
    size: 110,
    sort: `feedback_scores.${name}`,
    align: "end",
    cell: (s) => <NumberCell value={s.feedback_scores?.find((f) => f.name === name)?.value} />,
  }));
  const metaDefs: Def[] = metaKeys.map((key) => ({
    id: `meta:${key}`,
    label: `metadata.${key}`,
    size: 160,
    optional: true,
    cell: (s) => <JsonCell value={metadataValue(s, key)} />,
  }));
  return [...BASE, ...scoreDefs, ...TAIL, ...metaDefs].map((d) => ({
    id: d.id,
    header: d.label,
    size: d.size,
    minSize: 60,
    accessorFn: (s: Span) => s,
    cell: ({ row }) => d.cell(row.original),
    meta: { label: d.label, sortField: d.sort && sortable(d.sort) ? d.sort : undefined, align: d.align, optional: d.optional },
  }));
}
