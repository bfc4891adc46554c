// Serves the guest prelude's calls for one script run: creates clients on the desk's terminal,
// runs their operations and frees them. Everything the guest sends is checked here, because the
// guest is untrusted; everything it gets back is plain data.
import type { HostCallContext, HostHandler } from '../runtime/sandbox/index.js';
import { ScriptFacingError } from '../runtime/sandbox/index.js';
import type { Language } from '../runtime/i18n/catalog.js';
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

export interface BindingHostOptions {
  /** The terminal the desk is bound to; resolved lazily so a script without clients needs none. */
  terminal: () => TerminalSession;
  language: Language;
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
        return this.execute(this.client(body.id), ctx);
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
    await this.options.terminal().attach(client);
    return { id };
  }

  private async execute(client: LiveClient, ctx: HostCallContext): Promise<ScriptResult> {
    const session = this.options.terminal();
    const signal = this.options.merchantAbort ? AbortSignal.any([ctx.signal, this.options.merchantAbort]) : ctx.signal;
    const result = await session.operate(client, signal, (driver, opCtx) => client.operation.run(driver, opCtx));
    const view = scriptResult(result, session.protocol, this.options.language, session.config.terminalId);
    this.options.onTransaction?.(transactionReport(client.kind.name, session.config.id, client.operation, view), result);
    return view;
  }

  private async free(id: unknown): Promise<void> {
    const client = this.clients.get(Number(id));
    // Free twice is harmless, as in the Pascal original. A freed client stays known so that a
    // later Execute fails with "released with Free" instead of reaching the terminal.
    if (!client || client.freed) return;
    client.freed = true;
    await this.options.terminal().detach(client);
  }

  private client(id: unknown): LiveClient {
    const client = this.clients.get(Number(id));
    if (client) return client;
    throw new ScriptFacingError('not a client made by this script');
  }
}
