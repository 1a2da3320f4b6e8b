"use client";

import { HydrationBoundary, type DehydratedState } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { unpackJson } from "@/lib/query/json-transport";
import { isPackedTree, unpackTreeData } from "@/lib/span-detail/tree-transport";

/** Unpacks what the page's `dehydrate` packed: a span tree (tree-transport.ts) or any data as one JSON string (json-transport.ts). */
const unpack = (data: unknown): unknown => (isPackedTree(data) ? unpackTreeData(data) : unpackJson(data));
const options = { defaultOptions: { deserializeData: unpack } };

/**
 * A HydrationBoundary for state whose query data the server packed into strings (React's flight
 * encoding walks every value of an unpacked page; one string is one value). A client component
 * because the option is a function.
 */
export function PackedHydration({ state, children }: { state: DehydratedState; children: ReactNode }) {
  return (
    <HydrationBoundary state={state} options={options}>
      {children}
    </HydrationBoundary>
  );
}
