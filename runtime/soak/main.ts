// npm run soak [-- --transactions N --desks N --seed N --protocols csob,gpe --orphaned-flow drop|finish]: the full soak
// with faults and host kills.
import { parseArgs } from 'node:util';
import { formatFigures, runSoak } from './soak.js';

const { values } = parseArgs({
  options: {
    transactions: { type: 'string', default: '10000' },
    desks: { type: 'string', default: '6' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    protocols: { type: 'string' },
    'orphaned-flow': { type: 'string', default: 'drop' },
  },
});
const orphanedFlow = values['orphaned-flow'];
if (orphanedFlow !== 'drop' && orphanedFlow !== 'finish')
  throw new Error(`--orphaned-flow must be drop or finish, got ${orphanedFlow}`);
const seed = Number(values.seed);
process.stdout.write(
  `payscript soak: ${values.transactions} transactions on ${values.desks} desks, seed ${seed}, orphaned flows ${orphanedFlow}\n`,
);
const figures = await runSoak({
  transactions: Number(values.transactions),
  desks: Number(values.desks),
  protocols: values.protocols?.split(',').map((p) => p.trim()),
  orphanedFlow,
  seed,
  killEveryMs: [2000, 8000],
  faultEveryMs: 3000,
  baseDelayMs: 20,
  timeoutSeconds: 2,
  recoveryIntervalMs: 500,
  onProgress: (line) => process.stdout.write(`  ${line}\n`),
});
process.stdout.write(`${formatFigures(figures)}\n`);
const clean =
  figures.lostApprovedPayments === 0 &&
  figures.doubleCharges === 0 &&
  figures.unsettledInDoubt === 0 &&
  figures.phantomApprovals === 0;
process.exitCode = clean ? 0 : 1;
