import { hashKey, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { ListSpansInput } from "./inputs";
import { prefetchNextSpanPage, spanListQuery } from "./queries";

/** Client-only span hooks (queries.ts stays importable from server components). */

/** The span table's data: the page for `params`, the previous page kept while it loads, the next prefetched. */
export function useSpanList(params: ListSpansInput) {
  const client = useQueryClient();
  const query = useQuery(spanListQuery(params));
  const total = query.isPlaceholderData ? undefined : query.data?.total;
  // Keyed on the params' value, not identity: callers may build a new object every render.
  const hash = hashKey([params]);
  useEffect(() => {
    const [current] = JSON.parse(hash) as [ListSpansInput];
    void prefetchNextSpanPage(client, current, total);
  }, [client, hash, total]);
  return query;
}
