// npm run bench: every performance figure and its target in one run, printed as one table.
import { coldStartGroup } from './cold-start.js';
import { concurrencyGroup } from './concurrency.js';
import { journalGroup } from './journal.js';
import { overheadGroup } from './overhead.js';
import { printTable } from './stats.js';
import { progress, removeTempDirs } from './support.js';
import { twoHostsGroup } from './two-hosts.js';

const GROUPS: Record<string, () => Promise<void>> = {
  overhead: overheadGroup,
  'cold-start': coldStartGroup,
  concurrency: concurrencyGroup,
  journal: journalGroup,
  'two-hosts': twoHostsGroup,
};

const only = process.argv.slice(2);
const started = performance.now();
try {
  for (const [name, group] of Object.entries(GROUPS)) {
    if (only.length && !only.includes(name)) continue;
    const t = performance.now();
    await group();
    progress(`${name} done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
} finally {
  removeTempDirs();
}
console.log(printTable());
console.log(
  `\nNode ${process.version}, ${(await import('node:os')).availableParallelism()} CPUs; whole run ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
