// The soak: cashiers at several desks pay documents through host processes, each document ending
// as a scenario of the table its cents pick, while transport faults hit the terminals' lines and a
// host is killed with SIGKILL at random moments and started again. With several hosts (sharing a
// PostgreSQL journal and every terminal, as behind a load balancer) each attempt goes to any of
// them. At the end the journal is compared with each simulator's own ledger.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunReport } from '../host/run-report.js';
import type { JournalStore } from '../journal/journal-store.js';
import type { OrphanedFlow, TerminalSimulator } from '../simulators/terminal-simulator.js';
import { makeDocument, type SoakDocument } from './documents.js';
import { FaultInjector, type TransportFault } from './faults.js';
import { HostSupervisor } from './host-supervisor.js';
import { auditJournal, type AuditFigures } from './ledger-audit.js';
import { Random } from './random.js';
import { openSoakJournal, type SoakJournalKind } from './soak-journal.js';
import { loadSoakTargets } from './soak-targets.js';

export interface SoakOptions {
  /** Journal rows (every attempt the host recorded, refusals too) to reach before stopping. */
  transactions: number;
  /** Host kills to see before stopping as well (a short soak must not end before its first kill). */
  minHostKills?: number;
  desks: number;
  /** Host processes serving every desk (default 1); more than one needs the PostgreSQL journal. */
  hosts?: number;
  /** Where the journal lives (default SQLite). */
  journal?: SoakJournalKind;
  /** Which protocols' simulators the desks use (round robin); every registered one when absent. */
  protocols?: readonly string[];
  seed: number;
  /** Pause between two host kills, drawn from this range. */
  killEveryMs: [number, number];
  /** Mean pause between two faults on one terminal. */
  faultEveryMs: number;
  /** The simulators' usual card flow. */
  baseDelayMs: number;
  /** What the terminals do with a card flow whose host was killed (default 'drop'). */
  orphanedFlow?: OrphanedFlow;
  /** The terminals' result timeout. */
  timeoutSeconds: number;
  recoveryIntervalMs: number;
  /** Progress lines. */
  onProgress?: (line: string) => void;
}

export interface SoakFigures extends AuditFigures {
  documents: number;
  faultsInjected: number;
  faultsByKind: Partial<Record<TransportFault, number>>;
  /** Documents per scenario of the table their cents picked. */
  documentsByScenario: Record<string, number>;
  hostKills: number;
  durationMs: number;
}

/** A cashier's view of one attempt. */
type Attempt = 'done' | 'retry' | 'wait';

const MAX_ATTEMPTS = 12;
/** Failed or in doubt without a refusal: a cashier tries that often before giving up. */
const MAX_FAILED_ATTEMPTS = 2;

export async function runSoak(options: SoakOptions): Promise<SoakFigures> {
  const started = Date.now();
  const random = new Random(options.seed);
  const hostCount = options.hosts ?? 1;
  if (hostCount > 1 && options.journal !== 'postgres') throw new Error('several hosts share a journal only on PostgreSQL');
  const dir = mkdtempSync(join(tmpdir(), 'payscript-soak-'));
  const shared = await openSoakJournal(options.journal ?? 'sqlite', dir);
  const journal = shared.journal;
  const simulators = new Map<string, TerminalSimulator>();
  const terminals = [];
  const targets = await loadSoakTargets(options.protocols);
  if (targets.length === 0) throw new Error(`no soak target for protocols ${options.protocols?.join(', ')}`);
  for (let i = 0; i < options.desks; i++) {
    const target = targets[i % targets.length];
    const simulator = await target.start({
      host: '127.0.0.1',
      port: 0,
      delayMs: options.baseDelayMs,
      terminalId: `SOAK${String(i).padStart(4, '0')}`,
      orphanedFlow: options.orphanedFlow ?? 'drop',
    });
    simulators.set(`t${i}`, simulator);
    terminals.push({
      id: `t${i}`,
      protocol: target.protocol,
      host: simulator.host,
      port: simulator.port,
      terminalId: simulator.terminalId,
      timeoutSeconds: options.timeoutSeconds,
      options: target.driverOptions(simulator),
    });
  }
  const configFile = join(dir, 'payscript.config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      logDir: join(dir, 'PointOfSale'),
      dataDir: join(dir, 'data'),
      journal: shared.settings,
      terminals,
      binding: { mode: 'pc', pc: Object.fromEntries(terminals.map((t, i) => [desk(i), t.id])) },
    }),
  );

  const hosts = Array.from({ length: hostCount }, () => new HostSupervisor(configFile, options.recoveryIntervalMs, shared.env));
  await Promise.all(hosts.map((h) => h.start()));
  const anyHost = () => hosts[random.between(0, hosts.length - 1)];
  const kills = () => hosts.reduce((sum, h) => sum + h.kills, 0);
  const faults = new FaultInjector(random, options.baseDelayMs, options.faultEveryMs);
  faults.start([...simulators.values()]);
  let running = true;
  const killer = (async () => {
    while (running) {
      await sleep(random.between(...options.killEveryMs));
      if (!running) break;
      const victim = anyHost();
      await victim.kill();
      await sleep(random.between(20, 300));
      await victim.start();
    }
  })();

  let documents = 0;
  const documentsByScenario: Record<string, number> = {};
  const progress = setInterval(async () => {
    const sent = await journalRows(journal);
    options.onProgress?.(`${sent} transactions, ${documents} documents, ${faults.total} faults, ${kills()} host kills`);
  }, 5000);
  const cashiers = Array.from({ length: options.desks }, async (_, i) => {
    while ((await journalRows(journal)) < options.transactions || kills() < (options.minHostKills ?? 0)) {
      const document = makeDocument(++documents, random, dir);
      documentsByScenario[document.scenario] = (documentsByScenario[document.scenario] ?? 0) + 1;
      await pay(anyHost, document, desk(i));
    }
  });
  await Promise.all(cashiers);
  running = false;
  clearInterval(progress);
  await killer;
  await faults.stop();

  // The last host settles what the last kill left in doubt (its start and its timer do that).
  await settled(journal, options.timeoutSeconds * 1000 + 30_000);
  const figures = await auditJournal(journal, simulators);
  await Promise.all(hosts.map((h) => h.stop()));
  await shared.close();
  await Promise.all([...simulators.values()].map((s) => s.close()));
  return {
    ...figures,
    documents,
    faultsInjected: faults.total,
    faultsByKind: Object.fromEntries(faults.injected),
    documentsByScenario,
    hostKills: kills(),
    durationMs: Date.now() - started,
  };
}

/**
 * A cashier pays one document: again after a kill, later while in doubt, never after a refusal of a
 * paid one. Each attempt goes to the host the load balancer picks.
 */
async function pay(anyHost: () => HostSupervisor, document: SoakDocument, pc: string): Promise<void> {
  let failures = 0;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const end = await anyHost().run(document.script, pc);
    const next = end === 'killed' ? 'retry' : judge(end);
    if (next === 'done') return;
    if (next === 'retry' && end !== 'killed' && ++failures >= MAX_FAILED_ATTEMPTS) return;
    await sleep(next === 'wait' ? 300 : 50);
  }
}

function judge(report: RunReport): Attempt {
  const line = report.transactions[0];
  if (!line) return 'retry';
  if (line.refusal === 'already-paid') return 'done';
  if (line.refusal) return 'wait';
  return line.status === 'Failed' || line.status === 'InDoubt' ? 'retry' : 'done';
}

async function journalRows(journal: JournalStore): Promise<number> {
  const all = await journal.query({ limit: 1, offset: 0 });
  return all.total;
}

async function settled(journal: JournalStore, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await journal.unsettled()).length > 0 && Date.now() < deadline) await sleep(200);
}

function desk(i: number): string {
  return `DESK${String(i).padStart(3, '0')}`;
}

export function formatFigures(figures: SoakFigures): string {
  const counts = (byName: Record<string, number>) =>
    Object.entries(byName)
      .map(([name, n]) => `${name} ${n}`)
      .join(', ') || 'none';
  return [
    `transactions            ${figures.transactions} (${figures.documents} documents, ${figures.approved} approved, ${figures.refused} refused by the host)`,
    `scenarios of documents  ${counts(figures.documentsByScenario)}`,
    `transport faults        ${figures.faultsInjected} (${counts(figures.faultsByKind)})`,
    `host kills (SIGKILL)    ${figures.hostKills}`,
    `lost approved payments  ${figures.lostApprovedPayments}`,
    `double charges          ${figures.doubleCharges}`,
    `unsettled in-doubt      ${figures.unsettledInDoubt}`,
    `phantom approvals       ${figures.phantomApprovals}`,
    `duration                ${(figures.durationMs / 1000).toFixed(1)} s`,
    ...figures.findings,
  ].join('\n');
}
