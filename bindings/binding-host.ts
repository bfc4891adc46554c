// Serves the guest prelude's calls for one script run: creates clients on the desk's terminal,
// runs their operations through the transaction journal and frees them. Everything the guest
// sends is checked here, because the guest is untrusted; everything it gets back is plain data.
import { randomUUID } from 'node:crypto';
import type { HostCallContext, HostHandler } from '../runtime/sandbox/index.js';
import { maskCardNumbersInText } from '../runtime/protocol/card-number.js';
import { ScriptFacingError } from '../runtime/sandbox/index.js';
import type { Language } from '../runtime/i18n/catalog.js';
import type { InDoubtRecovery } from '../runtime/journal/in-doubt-recovery.js';
import type { JournalStore } from '../runtime/journal/journal-store.js';
import { runJournaled, type JournaledOutcome, type JournaledRequest } from '../runtime/journal/journaled-operation.js';
import { outcomeOf, resultOfEntry } from '../runtime/journal/transaction-state.js';
import type { TerminalSession } from '../runtime/terminals/terminal-session.js';
import type { TransactionResult } from '../runtime/terminals/driver.js';
import { CLIENT_KINDS, type ClientKind, type PreparedOperation } from './client-kinds.js';
import { ArgumentReader, decodeGuestValue, type GuestValue } from './guest-values.js';
import { scriptResult, transactionReport, type ScriptResult, type TransactionReport } from './result-view.js';

interface LiveClient {
  kind: ClientKind;
  operation: PreparedOperation;
  freed: boolean;
}

/** What the script set on the client before `Execute`. */
interface ExecuteOptions {
  allowRepeat: boolean;
  documentReference?: string;
}

export interface JournalBinding {
  store: JournalStore;
  recovery: InDoubtRecovery;
  /** Who and where: recorded with every transaction. */
  desk: { pc?: string; user?: string; location?: string; account?: string };
  script: string;
  log(terminal: string, message: string): void;
}

export interface BindingHostOptions {
  /** The terminal the desk is bound to; resolved lazily so a script without clients needs none. */
  terminal: () => Promise<TerminalSession>;
  language: Language;
  journal: JournalBinding;
  /** The cash desk's abort button: ends the running terminal operation as a merchant abort. */
  merchantAbort?: AbortSignal;
  onTransaction?: (report: TransactionReport, result: TransactionResult) => void;
}

export class BindingHost {
  private readonly clients = new Map<number, LiveClient>();
  private nextId = 1;

  constructor(private readonly options: BindingHostOptions) {}

  readonly handle: HostHandler = async (op, payload, ctx) => {
    const body = (payload ?? {}) as Record<string, unknown>;
    switch (op) {
      case 'create':
        return this.create(String(body.client), Array.isArray(body.args) ? (body.args as GuestValue[]) : []);
      case 'execute':
        return this.execute(this.client(body.id), executeOptions(body), ctx);
      case 'free':
        await this.free(body.id);
        return null;
      default:
        throw new ScriptFacingError(`unknown operation "${op}"`);
    }
  };

  /** Frees every client the run left behind, so the terminal is released when the script ends. */
  async dispose(): Promise<void> {
    await Promise.all([...this.clients.keys()].map((id) => this.free(id)));
  }

  private async create(name: string, rawArgs: GuestValue[]): Promise<{ id: number }> {
    const kind = CLIENT_KINDS.find((k) => k.name === name);
    if (!kind) throw new ScriptFacingError(`unknown client class "${name}"`);
    // Arguments are checked before the terminal is touched: a bad call must send nothing.
    const operation = kind.prepare(new ArgumentReader(name, rawArgs.map(decodeGuestValue)));
    const client: LiveClient = { kind, operation, freed: false };
    const id = this.nextId++;
    this.clients.set(id, client);
    await (await this.options.terminal()).attach(client);
    return { id };
  }

  private async execute(client: LiveClient, options: ExecuteOptions, ctx: HostCallContext): Promise<ScriptResult> {
    const session = await this.options.terminal();
    const signal = this.options.merchantAbort ? AbortSignal.any([ctx.signal, this.options.merchantAbort]) : ctx.signal;
    const { journaled, result } = await this.send(session, client, options, signal);
    // No payment without its record: the script ends with the journal's problem, nothing was sent.
    if (journaled?.kind === 'unjournaled')
      throw new ScriptFacingError(`${journaled.error.message}; nothing was sent to the terminal`);
    const final =
      journaled?.kind === 'sent' && result.outcome === 'in-doubt' ? await this.settled(session, journaled, signal) : result;
    const refusal = journaled?.kind === 'refused' ? journaled.refusal : undefined;
    const view = scriptResult(final, session.protocol, this.options.language, session.config.terminalId, refusal);
    const report = transactionReport(client.kind.name, session.config.id, client.operation, view, {
      refusal,
      journalNo: journaled?.entry.no,
    });
    this.options.onTransaction?.(report, final);
    return view;
  }

  /** The operation in the terminal's queue, through the journal; no journal outcome when the client was evicted. */
  private async send(
    session: TerminalSession,
    client: LiveClient,
    options: ExecuteOptions,
    signal: AbortSignal,
  ): Promise<{ journaled?: JournaledOutcome; result: TransactionResult }> {
    const box: { journaled?: JournaledOutcome } = {};
    const { store, log } = this.options.journal;
    const request = this.journaledRequest(client, options);
    const result = await session.operate(client, signal, async (driver, ctx, slot) => {
      box.journaled = await runJournaled(driver, ctx, slot, session.config, request, { store, log, newReference: randomUUID });
      return box.journaled.result;
    });
    return { journaled: box.journaled, result };
  }

  /**
   * An in-doubt result is not the end while the script still waits: lookups continue for up to
   * the terminal's timeout, and a settled result replaces it.
   */
  private async settled(
    session: TerminalSession,
    journaled: Extract<JournaledOutcome, { kind: 'sent' }>,
    signal: AbortSignal,
  ): Promise<TransactionResult> {
    const deadline = Date.now() + session.config.timeoutSeconds * 1000;
    const settled = await this.options.journal.recovery.awaitSettlement(journaled.entry, signal, deadline);
    return settled && outcomeOf(settled) !== 'in-doubt' ? resultOfEntry(settled) : journaled.result;
  }

  private journaledRequest(client: LiveClient, options: ExecuteOptions): JournaledRequest {
    const { operation } = client;
    const { desk, script } = this.options.journal;
    const documentReference = options.documentReference ?? operation.variableSymbol;
    return {
      transaction: {
        kind: operation.kind,
        client: client.kind.name,
        ...desk,
        script,
        amountMinor: operation.amountMinor,
        cashbackMinor: operation.cashbackMinor,
        currency: operation.currency?.alpha,
        variableSymbol: operation.variableSymbol,
        documentReference,
        reversedAuthorizationCode: operation.reversedAuthorizationCode,
        allowRepeat: options.allowRepeat,
      },
      send: (driver, ctx, reference) => operation.send(driver, ctx, reference, documentReference),
    };
  }

  private async free(id: unknown): Promise<void> {
    const client = this.clients.get(Number(id));
    // Free twice is harmless, as in the Pascal original. A freed client stays known so that a
    // later Execute fails with "released with Free" instead of reaching the terminal.
    if (!client || client.freed) return;
    client.freed = true;
    await (await this.options.terminal()).detach(client);
  }

  private client(id: unknown): LiveClient {
    const client = this.clients.get(Number(id));
    if (client) return client;
    throw new ScriptFacingError('not a client made by this script');
  }
}

/** `AllowRepeat` and `DocumentReference` as the guest set them; checked like every argument. */
function executeOptions(body: Record<string, unknown>): ExecuteOptions {
  const { allowRepeat, documentReference } = body;
  if (allowRepeat !== undefined && typeof allowRepeat !== 'boolean') {
    throw new ScriptFacingError(`AllowRepeat must be true or false, got ${JSON.stringify(allowRepeat)}`);
  }
  if (documentReference === undefined || documentReference === null || documentReference === '')
    return { allowRepeat: allowRepeat ?? false };
  const text =
    typeof documentReference === 'number' && Number.isSafeInteger(documentReference)
      ? String(documentReference)
      : documentReference;
  // Any printable text (document numbers carry letters, slashes and accents), no control characters.
  if (typeof text !== 'string' || !/^[^\p{C}\s][^\p{C}]{0,63}$/u.test(text)) {
    const shown = typeof documentReference === 'string' ? maskCardNumbersInText(documentReference) : documentReference;
    throw new ScriptFacingError(`DocumentReference must be 1 to 64 printable characters, got ${JSON.stringify(shown)}`);
  }
  // The reference is stored, listed, logged and shown to the customer by some providers: a card
  // number typed into the document field must go nowhere.
  const masked = maskCardNumbersInText(text);
  if (masked !== text) throw new ScriptFacingError(`DocumentReference must not be a card number, got "${masked}"`);
  return { allowRepeat: allowRepeat ?? false, documentReference: text };
}
