"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisTick, chartThemeClass, seriesColor, tooltipStyle } from "./theme";

/**
 * Values over time (or any ordered category): lines or bars, one per series, with axis units,
 * a tooltip naming the row in full and a legend. Rows with a missing value leave a gap, so a chart
 * can be drawn before all its data has arrived. A click on a row calls `onSelect` with it.
 */
export type Series = { key: string; label: string; color?: string; dashed?: boolean };

export type TimeSeriesProps<Row extends object> = {
  data: Row[];
  xKey: keyof Row & string;
  series: Series[];
  kind?: "line" | "bar";
  stacked?: boolean;
  height?: number;
  /** Formats a value for the tooltip ("850 ms"). */
  valueFormat: (value: number) => string;
  /** Formats the y-axis ticks (defaults to valueFormat). */
  axisFormat?: (value: number) => string;
  /** The tooltip's heading for a row (defaults to the x value). */
  titleFor?: (row: Row) => string;
  onSelect?: (row: Row) => void;
  /** Accessible name of the drawing, e.g. "Spans per hour". */
  label: string;
};

export default function TimeSeriesChart<Row extends object>(props: TimeSeriesProps<Row>) {
  const { data, xKey, series, kind = "line", stacked, height = 240, valueFormat, axisFormat = valueFormat, titleFor, onSelect, label } = props;
  const select = (state: { activeTooltipIndex?: number | string | null | undefined }) => {
    const i = Number(state?.activeTooltipIndex);
    const row = Number.isInteger(i) ? data[i] : undefined;
    if (row && onSelect) onSelect(row);
  };
  const common = {
    data,
    margin: { top: 4, right: 12, bottom: 4, left: 4 },
    onClick: onSelect ? select : undefined,
    className: onSelect ? "cursor-pointer" : undefined,
  };
  const axes = (
    <>
      <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
      <XAxis dataKey={xKey as string} tick={axisTick} tickLine={false} axisLine={{ stroke: "var(--chart-grid)" }} minTickGap={16} />
      <YAxis tick={axisTick} tickLine={false} axisLine={false} width={64} tickFormatter={(v: number) => axisFormat(v)} allowDecimals />
      <Tooltip
        {...tooltipStyle}
        formatter={(value) => (typeof value === "number" ? valueFormat(value) : String(value ?? "—"))}
        labelFormatter={(x, payload) => {
          const row = payload?.[0]?.payload as Row | undefined;
          return row && titleFor ? titleFor(row) : String(x);
        }}
      />
      {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12, color: "var(--chart-axis)" }} /> : null}
    </>
  );
  return (
    <div className={chartThemeClass} aria-label={label} role="group" data-chart="">
      <ResponsiveContainer width="100%" height={height}>
        {kind === "bar" ? (
          <BarChart {...common}>
            {axes}
            {series.map((s, i) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color ?? seriesColor(i)} stackId={stacked ? "stack" : undefined} isAnimationActive={false} />
            ))}
          </BarChart>
        ) : (
          <LineChart {...common}>
            {axes}
            {series.map((s, i) => (
              <Line
                key={s.key}
                dataKey={s.key}
                name={s.label}
                type="monotone"
                stroke={s.color ?? seriesColor(i)}
                strokeWidth={2}
                strokeDasharray={s.dashed ? "5 4" : undefined}
                dot={data.length <= 24 ? { r: 3 } : false}
                activeDot={{ r: 5 }}
                connectNulls={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}
