import type { BucketRow } from "@/lib/stats/series";

type Column = { key: string; label: string; format: (v: number) => string };

/** A chart's data as a table; each bucket name is a button that opens the span table for it. */
export function RowsTable({ rows, caption, columns, onDrill, errorsDrill }: {
  rows: BucketRow[];
  caption: string;
  columns: Column[];
  onDrill: (row: BucketRow) => void;
  errorsDrill?: (row: BucketRow) => void;
}) {
  return (
    <table className="w-full text-left text-xs tabular-nums">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-200 dark:border-slate-700">
          <th scope="col" className="py-1 pr-2 font-medium">Time (UTC)</th>
          {columns.map((c) => (
            <th key={c.key} scope="col" className="py-1 pr-2 text-right font-medium">{c.label}</th>
          ))}
          {errorsDrill ? <th scope="col" className="py-1 text-right font-medium"><span className="sr-only">Errors only</span></th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className="border-b border-slate-100 dark:border-slate-800">
            <th scope="row" className="py-1 pr-2 font-normal">
              <button type="button" className="text-sky-800 underline-offset-2 hover:underline dark:text-sky-300" onClick={() => onDrill(row)}>
                {row.title}
              </button>
            </th>
            {columns.map((c) => {
              const v = (row as Record<string, unknown>)[c.key];
              return <td key={c.key} className="py-1 pr-2 text-right">{typeof v === "number" ? c.format(v) : row.loaded ? "—" : "…"}</td>;
            })}
            {errorsDrill ? (
              <td className="py-1 text-right">
                <button type="button" className="text-sky-800 underline-offset-2 hover:underline dark:text-sky-300" onClick={() => errorsDrill(row)}>
                  errors
                </button>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
