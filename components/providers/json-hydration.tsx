"use client";

import { HydrationBoundary, type DehydratedState } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { unpackJson } from "@/lib/query/json-transport";

const options = { defaultOptions: { deserializeData: unpackJson } };

/**
 * A HydrationBoundary for state dehydrated with `serializeData: packJson` (lib/query/json-transport.ts).
 * A client component because the option is a function.
 */
export function JsonHydration({ state, children }: { state: DehydratedState; children: ReactNode }) {
  return (
    <HydrationBoundary state={state} options={options}>
      {children}
    </HydrationBoundary>
  );
}
