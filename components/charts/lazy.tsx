"use client";

import dynamic from "next/dynamic";
import type { ReactElement } from "react";
import { ChartSkeleton } from "./chart-card";
import type { CategoryBarProps, CategoryRow } from "./category-bar-chart";
import type { TimeSeriesProps } from "./time-series-chart";

/**
 * The chart components, loaded on demand: Recharts (with its d3 parts) is fetched only by a view
 * that draws a chart, never by pages that import nothing from here. No server rendering: the
 * charts size themselves to the browser's layout. The casts restore the generics `dynamic` drops.
 */
export const TimeSeriesChart = dynamic(() => import("./time-series-chart"), { ssr: false, loading: () => <ChartSkeleton /> }) as <Row extends object>(
  props: TimeSeriesProps<Row>,
) => ReactElement;

export const CategoryBarChart = dynamic(() => import("./category-bar-chart"), { ssr: false, loading: () => <ChartSkeleton height={160} /> }) as <
  Row extends CategoryRow,
>(
  props: CategoryBarProps<Row>,
) => ReactElement;

export type { Series } from "./time-series-chart";
export type { CategoryRow } from "./category-bar-chart";
