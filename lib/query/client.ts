import { QueryClient } from "@tanstack/react-query";
import { ActionFailure } from "@/lib/actions/result";

/**
 * The QueryClient defaults for server prefetch and browser alike. Opik calls are already retried by
 * lib/opik where that is safe, so a failed action is not retried again here: the error shows at once.
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Hydrated data is fresh for a while: no refetch right after the server rendered it.
        staleTime: 30_000,
        retry: (failures, error) => !(error instanceof ActionFailure) && failures < 1,
        refetchOnWindowFocus: false,
      },
    },
  });
}
