// One cell of a rehearsal: the script once against a fresh simulator of one protocol whose n-th sale
// or refund ends as the scenario says, with a journal of its own that is gone afterwards (twice when
// the scenario kills the first run's host).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TransactionReport } from '../../bindings/result-view.js';
import { localDesk } from '../config/binding.js';
import { readSessionLogTail } from '../log/session-log.js';
import type { Language } from '../i18n/catalog.js';
import { PayscriptHost } from '../host/payscript-host.js';
import { EMBEDDED_TERMINAL_IDS, startEmbeddedSimulators } from '../simulators/embedded.js';
import { type AuditFigures, auditJournal } from '../soak/ledger-audit.js';
import { type JournalVerdict, journalVerdict } from './journal-verdict.js';
import { runAndKillMidFlow } from './killed-host.js';
import type { OutcomeChoice } from './outcome-choice.js';

/** The protocols a rehearsal knows: the embedded terminals' names without `sim-`. */
export const REHEARSAL_PROTOCOLS: readonly string[] = EMBEDDED_TERMINAL_IDS.map((id) => id.replace(/^sim-/, ''));

/** Long enough for any real card-flow exchange with delay 0, short enough that "no answer" cells end soon. */
export const REHEARSAL_TIMEOUT_SECONDS = 10;

/** How much of a cell's session log it keeps: the end, where the aimed transaction and recovery are. */
const SESSION_LOG_EXCERPT_CHARS = 64 * 1024;

/** `all`, or a comma-separated list of REHEARSAL_PROTOCOLS; an error names the bad entry. */
export function parseProtocols(list: string): { ok: true; protocols: string[] } | { ok: false; message: string } {
  if (list === 'all') return { ok: true, protocols: [...REHEARSAL_PROTOCOLS] };
  const protocols = list.split(',').map((p) => p.trim());
  const unknown = protocols.find((p) => !REHEARSAL_PROTOCOLS.includes(p));
  if (unknown !== undefined)
    return { ok: false, message: `unknown protocol "${unknown}"; the protocols are ${REHEARSAL_PROTOCOLS.join(', ')}` };
  return { ok: true, protocols };
}

export interface CellRun {
  script: string;
  /** One of REHEARSAL_PROTOCOLS. */
  protocol: string;
  choice: OutcomeChoice;
  roots: readonly string[];
  language?: Language;
  /** How long the register waits for a card flow that never ends, unless the scenario says. */
  timeoutSeconds: number;
  /** Stops the run (Ctrl+C): the cell ends as stopped. */
  stop?: AbortSignal;
}

export type ScriptEnd = 'finished' | 'threw' | 'stopped';

export interface CellResult {
  protocol: string;
  outcome: string;
  end: ScriptEnd;
  verdict: JournalVerdict;
  figures: AuditFigures;
  transactions: TransactionReport[];
  logs: string[];
  /** The end of the cell's session log(s): frames and results, card numbers masked as the log masks them. */
  sessionLog: string[];
  error?: string;
}

export async function rehearseCell(run: CellRun): Promise<CellResult> {
  const logDir = mkdtempSync(join(tmpdir(), 'payscript-rehearsal-log-'));
  const embedded = await startEmbeddedSimulators({
    delayMs: 0,
    logDir,
    only: `sim-${run.protocol}`,
    forcedOutcome: { outcome: run.choice.scenario.outcome, request: run.choice.request },
    orphanedFlow: run.choice.scenario.orphanedFlow,
    timeoutSeconds: run.choice.scenario.timeoutSeconds ?? run.timeoutSeconds,
  });
  let host: PayscriptHost | undefined;
  try {
    const { hostKilled } = run.choice.scenario;
    if (hostKilled) {
      const simulator = embedded.simulators.get(`sim-${run.protocol}`)!;
      await runAndKillMidFlow({
        script: run.script,
        roots: run.roots,
        config: embedded.config,
        dir: logDir,
        simulator,
        request: run.choice.request,
        ...hostKilled,
      });
    }
    // After a killed host, a fresh one on the same journal and terminal: what the cell shows is this run.
    host = new PayscriptHost(embedded.config, { warmUp: false, journalWriting: 'inline' });
    const report = await host.runScript(run.script, {
      desk: localDesk(),
      language: run.language,
      roots: run.roots,
      stop: run.stop,
      // A terminal gone dark comes back once the register gave up on it: the script has its InDoubt.
      onTransaction: (line) => {
        if (line.status === 'InDoubt') for (const simulator of embedded.simulators.values()) simulator.comeBack();
      },
    });
    const figures = await auditJournal(host.journal, embedded.simulators);
    const standingCharges = [...embedded.simulators.values()]
      .flatMap((simulator) => simulator.bookings())
      .filter((b) => (b.operation === 'sale' || b.operation === 'sale-with-cashback') && !b.reversed).length;
    const end: ScriptEnd = !report.error ? 'finished' : run.stop?.aborted ? 'stopped' : 'threw';
    // Closed first, so every line is in the file.
    await host.close();
    host = undefined;
    return {
      protocol: run.protocol,
      outcome: run.choice.label,
      end,
      verdict: journalVerdict(figures, standingCharges),
      figures,
      transactions: report.transactions,
      logs: report.logs,
      sessionLog: await readSessionLogTail(logDir, SESSION_LOG_EXCERPT_CHARS),
      ...(report.error ? { error: report.error.message } : {}),
    };
  } finally {
    await host?.close();
    await embedded.close();
    rmSync(logDir, { recursive: true, force: true });
  }
}
