/** A grey placeholder while something loads, announced once to screen readers. */
export function Skeleton({ label, lines = 4 }: { label: string; lines?: number }) {
  return (
    <div role="status" aria-label={label} className="animate-pulse space-y-2">
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="h-4 rounded bg-slate-200 dark:bg-slate-800" style={{ width: `${60 + ((i * 37) % 40)}%` }} />
      ))}
      <span className="sr-only">{label}…</span>
    </div>
  );
}
