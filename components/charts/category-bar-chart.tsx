"use client";

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisTick, chartThemeClass, seriesColor, tooltipStyle } from "./theme";

/**
 * One horizontal bar per category (a type, a model), longest label readable on the left. A click
 * on a bar calls `onSelect` with its row. Missing values draw no bar (still loading or unknown).
 */
export type CategoryRow = { name: string; value?: number };

export type CategoryBarProps<Row extends CategoryRow> = {
  data: Row[];
  valueFormat: (value: number) => string;
  axisFormat?: (value: number) => string;
  /** Tooltip name of the value, e.g. "Spans". */
  valueLabel: string;
  onSelect?: (row: Row) => void;
  label: string;
  height?: number;
};

export default function CategoryBarChart<Row extends CategoryRow>(props: CategoryBarProps<Row>) {
  const { data, valueFormat, axisFormat = valueFormat, valueLabel, onSelect, label } = props;
  const height = props.height ?? Math.max(120, 36 * data.length + 40);
  return (
    <div className={chartThemeClass} aria-label={label} role="group" data-chart="">
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid stroke="var(--chart-grid)" horizontal={false} />
          <XAxis type="number" tick={axisTick} tickLine={false} axisLine={{ stroke: "var(--chart-grid)" }} tickFormatter={(v: number) => axisFormat(v)} />
          <YAxis type="category" dataKey="name" tick={axisTick} tickLine={false} axisLine={false} width={160} interval={0} />
          <Tooltip {...tooltipStyle} formatter={(value) => [typeof value === "number" ? valueFormat(value) : "—", valueLabel]} />
          <Bar
            dataKey="value"
            name={valueLabel}
            isAnimationActive={false}
            className={onSelect ? "cursor-pointer" : undefined}
            onClick={onSelect ? (_entry: unknown, index: number) => data[index] && onSelect(data[index]) : undefined}
          >
            {data.map((row, i) => (
              <Cell key={row.name} fill={seriesColor(i)} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
