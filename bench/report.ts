import fs from "node:fs";
import path from "node:path";

/**
 * One benchmark figure as bench/results/latest.json records it. `target` is null for figures that
 * are context (the bare-SQL times, ratios, dataset size) rather than goals.
 */
export type Figure = { name: string; value: number; unit: string; target: number | null; better: "lower" | "higher" };

export function meets(f: Figure): boolean | null {
  if (f.target === null) return null;
  return f.better === "lower" ? f.value <= f.target : f.value >= f.target;
}

export function printTable(figures: Figure[], log: (line: string) => void): void {
  const width = Math.max(...figures.map((f) => f.name.length));
  const fmt = (v: number) => (Math.abs(v) >= 1000 ? Math.round(v).toLocaleString("en-US") : String(v));
  log("");
  log(`${"figure".padEnd(width)}  ${"value".padStart(12)}  unit    ${"target".padStart(12)}  ok`);
  log("-".repeat(width + 44));
  for (const f of figures) {
    const ok = meets(f);
    const target = f.target === null ? "—" : `${f.better === "lower" ? "≤" : "≥"} ${fmt(f.target)}`;
    log(`${f.name.padEnd(width)}  ${fmt(f.value).padStart(12)}  ${f.unit.padEnd(6)}  ${target.padStart(12)}  ${ok === null ? "" : ok ? "yes" : "NO"}`);
  }
  const goals = figures.filter((f) => f.target !== null);
  log(`\n${goals.filter((f) => meets(f)).length}/${goals.length} targets met`);
}

export function writeResults(file: string, figures: Figure[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(figures, null, 2) + "\n");
}
