// (2) Cold start of a 200-line script: the first run ever in a process, then with the compile
// cache and a ready sandbox instance, against a warm node:vm run of the same JavaScript.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { add, median, ms, p99 } from './stats.js';
import { progress } from './support.js';

/** Fresh processes: the first-ever figure has one sample per process. */
const PROCESSES = 3;

interface ChildFigures {
  importMs: number;
  first: { firstCall: number; whole: number };
  warm: { firstCall: number; whole: number }[];
  vmRuns: number[];
}

export async function coldStartGroup(): Promise<void> {
  const child = fileURLToPath(new URL('./cold-child.js', import.meta.url));
  const results: ChildFigures[] = [];
  for (let i = 0; i < PROCESSES; i++) {
    progress(`cold start: fresh process ${i + 1}/${PROCESSES}`);
    const { stdout } = await promisify(execFile)(process.execPath, [child], { maxBuffer: 1 << 20 });
    results.push(JSON.parse(stdout.trim().split('\n').pop()!) as ChildFigures);
  }
  const firstCalls = results.map((r) => r.first.firstCall);
  const warm = results.flatMap((r) => r.warm.map((w) => w.firstCall));
  const warmWhole = results.flatMap((r) => r.warm.map((w) => w.whole));
  const vmRuns = results.flatMap((r) => r.vmRuns);
  const G = '2 cold start';
  add({ group: G, figure: 'loading the host modules (before the clock)', median: ms(median(results.map((r) => r.importMs))) });
  add({
    group: G,
    figure: 'first run ever in a process: to first client call',
    median: ms(median(firstCalls)),
    p99: `max ${ms(Math.max(...firstCalls))}`,
    target: '≤ 150 ms',
    met: median(firstCalls) <= 150,
    note: `${PROCESSES} processes`,
  });
  add({ group: G, figure: 'first run ever: whole run incl. the payment', median: ms(median(results.map((r) => r.first.whole))) });
  add({
    group: G,
    figure: 'cached compile + ready instance: to first client call',
    median: ms(median(warm)),
    p99: ms(p99(warm)),
    target: '≤ 3 ms',
    met: median(warm) <= 3,
  });
  add({ group: G, figure: 'cached + ready: whole run incl. the payment', median: ms(median(warmWhole)), p99: ms(p99(warmWhole)) });
  add({
    group: G,
    figure: 'node:vm reference (warm, no sandbox): to first call',
    median: ms(median(vmRuns)),
    p99: ms(p99(vmRuns)),
    note: `sandbox/vm ${(median(warm) / median(vmRuns)).toFixed(1)}×`,
  });
}
