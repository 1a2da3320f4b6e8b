import { queryOptions } from "@tanstack/react-query";
import { unwrap } from "@/lib/actions/result";
import { checkBackend } from "./actions";
import type { BackendStatus } from "./status";

export const backendKeys = {
  all: ["backend"] as const,
  status: () => [...backendKeys.all, "status"] as const,
};

/** Re-pinged in the background so the header notices a backend going away (or coming back). */
export const backendStatusQuery = (initial?: BackendStatus) =>
  queryOptions({
    queryKey: backendKeys.status(),
    queryFn: () => unwrap(checkBackend(undefined)),
    initialData: initial,
    staleTime: 15_000,
    refetchInterval: 60_000,
  });
