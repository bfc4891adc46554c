// npm run soak [-- --transactions N --desks N --seed N --protocols csob,gpe --orphaned-flow drop|finish
// --hosts N --journal sqlite|postgres]: the full soak with faults and host kills.
import { parseArgs } from 'node:util';
import { formatFigures, runSoak } from './soak.js';
import { SOAK_JOURNAL_KINDS, type SoakJournalKind } from './soak-journal.js';

const { values } = parseArgs({
  options: {
    transactions: { type: 'string', default: '10000' },
    desks: { type: 'string', default: '6' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    protocols: { type: 'string' },
    'orphaned-flow': { type: 'string', default: 'drop' },
    hosts: { type: 'string', default: '1' },
    journal: { type: 'string', default: 'sqlite' },
  },
});
const journal = values.journal as SoakJournalKind;
if (!SOAK_JOURNAL_KINDS.includes(journal))
  throw new Error(`--journal must be ${SOAK_JOURNAL_KINDS.join(' or ')}, got ${journal}`);
const hosts = Number(values.hosts);
if (!Number.isInteger(hosts) || hosts < 1) throw new Error(`--hosts must be a whole number from 1, got ${values.hosts}`);
const orphanedFlow = values['orphaned-flow'];
if (orphanedFlow !== 'drop' && orphanedFlow !== 'finish')
  throw new Error(`--orphaned-flow must be drop or finish, got ${orphanedFlow}`);
const seed = Number(values.seed);
process.stdout.write(
  `payscript soak: ${values.transactions} transactions on ${values.desks} desks, ${hosts} host(s) on ${journal}, seed ${seed}, orphaned flows ${orphanedFlow}\n`,
);
const figures = await runSoak({
  transactions: Number(values.transactions),
  desks: Number(values.desks),
  hosts,
  journal,
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
