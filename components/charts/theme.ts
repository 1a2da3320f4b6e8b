/**
 * Chart colours that read on both the light and the dark background (mid-tone hues, checked
 * against white and slate-950), plus the CSS custom properties the axis, grid and tooltip use. The
 * variables are set by `chartThemeClass` on the chart's wrapper, so `dark:` switches them.
 */
export const SERIES_COLORS = [
  "#0284c7", // sky-600
  "#d97706", // amber-600
  "#7c3aed", // violet-600
  "#059669", // emerald-600
  "#db2777", // pink-600
  "#4f46e5", // indigo-600
  "#65a30d", // lime-600
  "#dc2626", // red-600
] as const;

export const ERROR_COLOR = "#dc2626";

export const seriesColor = (i: number) => SERIES_COLORS[i % SERIES_COLORS.length]!;

export const chartThemeClass =
  "[--chart-axis:#475569] [--chart-grid:#e2e8f0] [--chart-tip-bg:#ffffff] [--chart-tip-fg:#0f172a] [--chart-tip-border:#cbd5e1] [--chart-cursor:#f1f5f9] " +
  "dark:[--chart-axis:#94a3b8] dark:[--chart-grid:#334155] dark:[--chart-tip-bg:#0f172a] dark:[--chart-tip-fg:#f1f5f9] dark:[--chart-tip-border:#475569] dark:[--chart-cursor:#1e293b]";

export const axisTick = { fill: "var(--chart-axis)", fontSize: 12 };
export const tooltipStyle = {
  contentStyle: {
    background: "var(--chart-tip-bg)",
    color: "var(--chart-tip-fg)",
    border: "1px solid var(--chart-tip-border)",
    borderRadius: 6,
    fontSize: 12,
  },
  labelStyle: { color: "var(--chart-tip-fg)", fontWeight: 600 },
  itemStyle: { color: "var(--chart-tip-fg)" },
  cursor: { fill: "var(--chart-cursor)", stroke: "var(--chart-axis)", strokeOpacity: 0.4 },
};
