import { queryOptions } from "@tanstack/react-query";
import { unwrap } from "@/lib/actions/result";
import { spanKeys } from "./queries";
import { getTraceTree } from "./trace-tree-actions";

/**
 * The span tree of a trace. It lives under `spanKeys.trace(…)`, so the optimistic score/comment
 * edits and the invalidations of lib/spans/mutations reach it like any trace copy (same shape as
 * `getTraceWithSpans`, with `trace` possibly null).
 */
export const traceTreeQuery = (params: { trace_id: string; project_id: string }) =>
  queryOptions({ queryKey: spanKeys.trace(params), queryFn: () => unwrap(getTraceTree(params)) });
