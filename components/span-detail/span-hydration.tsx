"use client";

import { HydrationBoundary, type DehydratedState } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { unpackTreeData } from "@/lib/span-detail/tree-transport";

const options = { defaultOptions: { deserializeData: unpackTreeData } };

/**
 * The span page's HydrationBoundary: it unpacks the span tree the server sent as one string
 * (lib/span-detail/tree-transport.ts). A client component because the option is a function.
 */
export function SpanHydration({ state, children }: { state: DehydratedState; children: ReactNode }) {
  return (
    <HydrationBoundary state={state} options={options}>
      {children}
    </HydrationBoundary>
  );
}
