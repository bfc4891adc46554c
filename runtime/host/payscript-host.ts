// One host process: configuration, the session log, the transaction journal with its in-doubt
// recovery, one session per terminal and the sandboxes. The CLI makes one per command; the editor
// server keeps one for its lifetime.
import { BindingHost } from '../../bindings/binding-host.js';
import type { TransactionReport } from '../../bindings/result-view.js';
import { guestPrelude } from '../../bindings/prelude.js';
import { resolveTerminal, type DeskIdentity } from '../config/binding.js';
import type { PayscriptConfig } from '../config/schema.js';
import { loadDriverFactories } from '../drivers/index.js';
import type { Language } from '../i18n/catalog.js';
import { InDoubtRecovery } from '../journal/in-doubt-recovery.js';
import { journalLocation } from '../journal/open-journal.js';
import { type JournalStatus, ReopeningJournal } from '../journal/reopening-journal.js';
import type { SqliteWriting } from '../journal/sqlite-journal.js';
import { openSessionLog, type SessionLog } from '../log/session-log.js';
import { SandboxHost } from '../sandbox/index.js';
import type { ConnectionTestResult, StatusEvent } from '../terminals/driver.js';
import { hostLeases } from './host-leases.js';
import { describeBusy, type TerminalLeases } from '../terminals/terminal-leases.js';
import { TerminalRegistry } from '../terminals/terminal-registry.js';
import type { TerminalHealth } from '../terminals/terminal-session.js';
import type { TerminalSession } from '../terminals/terminal-session.js';
import { WebhookHubs } from '../terminals/webhook-hubs.js';
import type { RunReport } from './run-report.js';

export interface RunScriptOptions {
  desk: DeskIdentity;
  language?: Language;
  /** Status of the terminal while a client waits (insert card, keep-alive, recovering…). */
  onStatus?: (event: StatusEvent) => void;
  onConsole?: (level: string, text: string) => void;
  /** Each transaction as the script reads its end, told before the script goes on. */
  onTransaction?: (line: TransactionReport) => void;
  /** The shop or branch, as the ERP names it; recorded with every transaction. */
  location?: string;
  /** The folders the script may import from (default: the script's own folder tree). */
  roots?: readonly string[];
  /**
   * The editor's logged-in account that started the run, recorded beside the desk's PC and user
   * (which an admin may choose freely to try a binding). Unset for `payscript run` at the desk.
   */
  account?: string;
  /** Merchant abort: the operation waiting at the terminal ends as Cancelled; the script goes on. */
  merchantAbort?: AbortSignal;
  /**
   * Stops the whole run (Ctrl+C at the cash desk): an operation waiting at the terminal is aborted
   * there first and recorded as Cancelled, then the script ends with a 'stopped' error.
   */
  stop?: AbortSignal;
}

export interface HostHealth {
  journal: JournalStatus;
  terminals: TerminalHealth[];
  /** Pending and in-doubt transactions recovery still has to settle (absent while the journal is unavailable). */
  recoveryBacklog?: number;
}

export interface HostOptions {
  workers?: number;
  /** Pause between background sweeps of in-doubt transactions (default 30 s). */
  recoveryIntervalMs?: number;
  /**
   * Make the compiler and a ready sandbox per worker at start (default), so a server's first
   * script waits for neither. A one-shot command leaves it to its one run (a script compiled on
   * this machine before needs no compiler at all, and a connection test needs no sandbox), or
   * warms up the sandbox it passes in itself.
   */
  warmUp?: boolean;
  /** Sandboxes a one-shot command started before loading the host; the host closes them. */
  sandbox?: SandboxHost;
  /**
   * Where its webhook routes deliver, when the owner mounts them (the editor server keeps one for
   * every host it makes); by default the host's own, which no route reaches.
   */
  webhooks?: WebhookHubs;
  /**
   * Where a SQLite journal's writes run: on a thread of their own (default), so no commit blocks
   * the event loop, or inline for a one-shot command, which the thread's start would only slow.
   */
  journalWriting?: SqliteWriting;
}

/** How long one last-result lookup may take, and the pace of lookups for a script that waits. */
const LOOKUP_TIMEOUT_MS = 30_000;
const LOOKUP_RETRY_MS = 1_000;

export class PayscriptHost {
  readonly log: SessionLog;
  /**
   * The transaction journal, for the CLI's and the editor's transaction log. A journal that cannot
   * be used leaves the host running: payments are refused (nothing sent) until it can again.
   */
  readonly journal: ReopeningJournal;
  /** Who may talk to which terminal; every session and settlement by hand in this host asks it. */
  readonly leases: TerminalLeases;
  private readonly registry: TerminalRegistry;
  private readonly recovery: InDoubtRecovery;
  private readonly sandboxes: SandboxHost;
  private readonly warming: Promise<void>;

  constructor(
    readonly config: PayscriptConfig,
    options: HostOptions = {},
  ) {
    this.log = openSessionLog(config.logDir);
    const location = journalLocation(config);
    this.journal = new ReopeningJournal(location, options.journalWriting ?? 'thread');
    const drivers = loadDriverFactories(config.terminals.map((t) => t.protocol));
    drivers.catch(() => undefined); // a broken install is reported by the first session that needs a driver
    this.leases = hostLeases({
      url: location.url,
      hostId: config.journal.hostId,
      leaseSeconds: config.journal.leaseSeconds,
      journalReady: () => this.journal.status(),
    });
    this.registry = new TerminalRegistry(
      config.terminals,
      drivers,
      { log: this.log, webhooks: options.webhooks ?? new WebhookHubs() },
      {
        leases: this.leases,
        waitMs: config.journal.leaseWaitSeconds * 1000,
      },
    );
    this.recovery = new InDoubtRecovery({
      store: this.journal,
      log: (terminal, message) => this.log.info(terminal, message),
      // A terminal removed from the configuration keeps its transactions unsettled, and listed.
      session: async (terminal) =>
        config.terminals.some((t) => t.id === terminal) ? this.registry.session(terminal) : undefined,
      intervalMs: options.recoveryIntervalMs ?? 30_000,
      lookupTimeoutMs: LOOKUP_TIMEOUT_MS,
      retryDelayMs: LOOKUP_RETRY_MS,
    });
    // A previous process may have died between "approved" and "recorded": settle that first.
    this.recovery.start();
    this.sandboxes = options.sandbox ?? new SandboxHost({ workers: options.workers });
    this.warming =
      options.warmUp === false ? Promise.resolve() : this.sandboxes.warmUp({ prelude: guestPrelude(), limits: config.limits });
  }

  /** Settles when the warm-up begun by the constructor is over (it never fails). */
  warmedUp(): Promise<void> {
    return this.warming;
  }

  async runScript(entry: string, options: RunScriptOptions): Promise<RunReport> {
    const language = options.language ?? this.config.language;
    const report: RunReport = { ok: false, logs: [], transactions: [] };
    const source = `script ${entry}`;
    // Resolved before the script starts, so an unbound desk is a clear configuration error
    // (BindingError) rather than a failure halfway through a script.
    const terminalId = resolveTerminal(this.config, options.desk).id;
    let unsubscribe = () => {};
    let session: TerminalSession | undefined;
    const bindings = new BindingHost({
      language,
      merchantAbort: options.merchantAbort,
      journal: {
        store: this.journal,
        recovery: this.recovery,
        desk: { pc: options.desk.pc, user: options.desk.user, location: options.location, account: options.account },
        script: entry,
        log: (terminal, message) => this.log.info(terminal, message),
      },
      // The connection is made on first use: a script that takes no payment never opens one.
      terminal: async () => {
        if (session) return session;
        const made = await this.registry.session(terminalId);
        // Two calls may have waited for the drivers together: only the first subscribes.
        if (!session && options.onStatus) unsubscribe = made.onStatus(options.onStatus);
        session = made;
        return session;
      },
      onTransaction: (line) => {
        report.transactions.push(line);
        options.onTransaction?.(line);
        this.log.event(
          source,
          `${line.client} ${line.status} ${line.responseCode} ${line.amount ?? ''} ${line.currency ?? ''} ${line.description}`,
        );
      },
    });
    this.log.event(
      source,
      `run started (pc ${options.desk.pc ?? '-'}, user ${options.desk.user ?? '-'}${options.account ? `, account ${options.account}` : ''}, language ${language})`,
    );
    try {
      const result = await this.sandboxes.run({
        entry,
        ...(options.roots && { roots: options.roots }),
        prelude: guestPrelude(),
        host: bindings.handle,
        limits: this.config.limits,
        signal: options.stop,
        onConsole: (level, text) => {
          report.logs.push(text);
          this.log.event(source, `console.${level}: ${text}`);
          options.onConsole?.(level, text);
        },
      });
      report.ok = result.ok;
      if (result.outputDropped) report.outputDropped = result.outputDropped;
      if (result.error) {
        const { message, file, line, column } = result.error;
        report.error = { message, file, line, column };
        this.log.event(source, `run failed: ${message}${file ? ` at ${file}:${line}:${column}` : ''}`, 'error');
      }
    } finally {
      await bindings.dispose();
      unsubscribe();
    }
    this.log.event(source, `run ended ${report.ok ? 'ok' : 'with an error'}; ${report.transactions.length} transaction(s)`);
    return report;
  }

  /** "Test connection with terminal" (or "with bank") from the terminal settings. */
  async testConnection(terminalId: string, withBank: boolean): Promise<ConnectionTestResult> {
    const session = await this.registry.session(terminalId);
    const signal = AbortSignal.timeout(session.config.timeoutSeconds * 1000);
    return session.service(
      signal,
      (driver, ctx) => (withBank ? driver.testBank(ctx) : driver.testTerminal(ctx)),
      (busy) => ({
        ok: false,
        reason: 'terminal-busy',
        responseCode: '',
        responseText: describeBusy(terminalId, busy),
        elapsedMs: 0,
      }),
    );
  }

  /** For monitoring: whether the journal takes writes, each terminal's last contact, the recovery backlog. */
  async health(): Promise<HostHealth> {
    const journal = await this.journal.status();
    const backlog = journal.available
      ? await this.journal.unsettled().then(
          (open) => open.length,
          () => undefined,
        )
      : undefined;
    return {
      journal,
      terminals: this.registry.health(),
      ...(backlog !== undefined && { recoveryBacklog: backlog }),
    };
  }

  /** Settles what can be settled now; the timer does the same in the background. */
  recoverInDoubt(): Promise<void> {
    return this.recovery.sweep();
  }

  async close(): Promise<void> {
    await this.sandboxes.close();
    await this.recovery.stop();
    await this.registry.close();
    await this.leases.close();
    await this.journal.close();
    await this.log.close();
  }
}
