import type { SpanFilter } from "@/lib/spans/search-params";

/** How fields and operators read in the filter builder and chips. */
export const FIELD_LABELS: Record<string, string> = {
  id: "Span ID", name: "Name", start_time: "Start time", end_time: "End time", created_at: "Created at",
  last_updated_at: "Last updated at", input: "Input (text)", output: "Output (text)", input_json: "Input (JSON path)",
  output_json: "Output (JSON path)", metadata: "Metadata", model: "Model", provider: "Provider",
  total_estimated_cost: "Cost", tags: "Tags", "usage.completion_tokens": "Completion tokens",
  "usage.prompt_tokens": "Prompt tokens", "usage.total_tokens": "Total tokens", feedback_scores: "Feedback score",
  duration: "Duration", ttft: "Time to first token", error_info: "Error", error_type: "Error type", type: "Type",
  trace_id: "Trace ID", source: "Source", environment: "Environment", custom: "Custom input/output path",
};

export const OPERATOR_LABELS: Record<string, string> = {
  contains: "contains", not_contains: "does not contain", starts_with: "starts with", ends_with: "ends with",
  "=": "=", "!=": "≠", ">": ">", ">=": "≥", "<": "<", "<=": "≤", is_empty: "is empty", is_not_empty: "is not empty",
  in: "is one of", not_in: "is none of",
};

export function describeFilter(f: SpanFilter): string {
  const field = f.key ? `${f.field === "feedback_scores" ? "score" : FIELD_LABELS[f.field] ?? f.field} ${f.key}` : FIELD_LABELS[f.field] ?? f.field;
  const op = OPERATOR_LABELS[f.operator] ?? f.operator;
  return f.operator === "is_empty" || f.operator === "is_not_empty" ? `${field} ${op}` : `${field} ${op} ${f.value}`;
}
