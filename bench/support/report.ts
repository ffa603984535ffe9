/** What each section hands back, and the small statistics and table formatting they share. */

export interface Table {
  headers: string[];
  rows: string[][];
}

export interface SectionResult {
  title: string;
  tables: Table[];
  /** One paragraph: how it was measured, and what to keep in mind reading it. */
  method: string;
  /** Misbehaviour of the app (lost or repeated alert, an error). Any of these fails the run. */
  problems: string[];
}

/** Nearest-rank percentile: with 30 samples p99 is the largest, never an interpolated value. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Milliseconds to print: one decimal below 100 ms, whole numbers above. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US');
}

export function count(value: number): string {
  return value.toLocaleString('en-US');
}

export function markdownTable(table: Table): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(table.headers), line(table.headers.map(() => '---')), ...table.rows.map(line)].join('\n');
}
