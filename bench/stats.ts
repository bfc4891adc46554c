// Shared figures: order statistics and the one table every group adds rows to.

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: p99 of 100 samples is the 99th, never an interpolation between two.
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

export const median = (values: readonly number[]) => quantile(values, 0.5);
export const p99 = (values: readonly number[]) => quantile(values, 0.99);

export interface Row {
  group: string;
  figure: string;
  median: string;
  p99?: string;
  target?: string;
  /** true: meets the target; false: misses it; undefined: no target. */
  met?: boolean;
  note?: string;
}

export const rows: Row[] = [];

export function add(row: Row): void {
  rows.push(row);
  const verdict = row.met === undefined ? '' : row.met ? ' ✔' : ' ✘';
  process.stderr.write(`  ${row.group} | ${row.figure}: ${row.median}${row.p99 ? ` (p99 ${row.p99})` : ''}${verdict}\n`);
}

export const ms = (value: number) =>
  (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)) + ' ms';
export const times = (value: number) => value.toFixed(2) + '×';
export const perSecond = (value: number) => Math.round(value).toLocaleString('en-US') + ' /s';
export const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 2 : 0) + ' MiB';

export function printTable(): string {
  const header: Row = { group: 'group', figure: 'figure', median: 'median', p99: 'p99', target: 'target', note: 'note' };
  const cells = (r: Row) => [
    r.group,
    r.figure,
    r.median,
    r.p99 ?? '',
    r.target ? `${r.target}${r.met === undefined ? '' : r.met ? ' ✔' : ' ✘'}` : '',
    r.note ?? '',
  ];
  const all = [header, ...rows].map(cells);
  const widths = all[0]!.map((_, c) => Math.max(...all.map((line) => [...line[c]!].length)));
  const line = (cols: string[]) => `| ${cols.map((text, c) => text + ' '.repeat(widths[c]! - [...text].length)).join(' | ')} |`;
  const out = [line(all[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...all.slice(1).map(line)].join('\n');
  return out;
}

/** Timed sequential repetitions of an async function; milliseconds each. */
export async function sample(count: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}
