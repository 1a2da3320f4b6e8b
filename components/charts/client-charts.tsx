"use client";

import { memo, useSyncExternalStore, type ReactElement } from "react";
import CategoryBar, { type CategoryBarProps, type CategoryRow } from "./category-bar-chart";
import { ChartSkeleton } from "./chart-card";
import TimeSeries, { type TimeSeriesProps } from "./time-series-chart";

/**
 * The charts as a view imports them: drawn in the browser only (they size themselves to its
 * layout), so the server and hydration draw a skeleton and the chart replaces it in the render
 * right after hydration.
 *
 * Recharts is imported statically here, so it is part of the JavaScript of the routes that import
 * this module (only the stats view) and nothing else: the table route still loads none of it
 * (bench/ui-stats.ts checks). Not `next/dynamic`, measured on the stats view at 1M spans: its
 * fetch began only when a chart first rendered — after hydration and the data — which put fetching
 * and compiling Recharts on the critical path, and its React.lazy suspended even when the code was
 * there, which React reveals with up to 300 ms of throttling. Loaded with the page, the charts are
 * drawn within a render of the data.
 *
 * Both are memoised: a Recharts render is the costliest thing on the stats view (about 60% of its
 * main-thread time at 1M spans), and a view whose ~30 answers stream in one by one re-rendered
 * every chart on every answer. With stable props (rows memoised by the caller, module-level
 * formatters, callbacks kept across renders) a chart redraws only when its own data changes.
 */
const noSubscribe = () => () => {};
/** True in the browser once hydrated; false on the server and while hydrating (no mismatch). */
const useInBrowser = () => useSyncExternalStore(noSubscribe, () => true, () => false);

function TimeSeriesChartImpl<Row extends object>(props: TimeSeriesProps<Row>): ReactElement {
  return useInBrowser() ? <TimeSeries {...props} /> : <ChartSkeleton height={props.height} />;
}

function CategoryBarChartImpl<Row extends CategoryRow>(props: CategoryBarProps<Row>): ReactElement {
  return useInBrowser() ? <CategoryBar {...props} /> : <ChartSkeleton height={props.height ?? 160} />;
}

// `memo` drops the type parameter; the casts give it back.
export const TimeSeriesChart = memo(TimeSeriesChartImpl) as typeof TimeSeriesChartImpl;
export const CategoryBarChart = memo(CategoryBarChartImpl) as typeof CategoryBarChartImpl;

export type { Series } from "./time-series-chart";
export type { CategoryRow } from "./category-bar-chart";
