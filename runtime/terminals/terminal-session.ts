// The only owner of one terminal's connection. Scripts (through their clients), connection tests
// and the journal's recovery all go through it, so it can keep the terminal's rules: one operation
// at a time, and a newer client drops the older one.
import { EventEmitter } from 'node:events';
import type { OperationContext, StatusEvent, TerminalConfig, TerminalDriver, TransactionResult } from './driver.js';
import { SerialQueue } from './serial-queue.js';

/** Any object identifies a client; weakly held, so finished runs leave nothing behind. */
export type ClientToken = object;

/** A terminal as monitoring sees it. */
export interface TerminalHealth {
  id: string;
  protocol: string;
  /** An operation or lookup is running or queued. */
  busy: boolean;
  /** The last time the terminal (or its cloud) was heard from, and what it said then. */
  lastContact?: { at: string; kind: StatusEvent['kind']; detail?: string };
}

/** Status events that only the terminal's own answers cause. */
const CONTACT: ReadonlySet<StatusEvent['kind']> = new Set(['connected', 'acknowledged', 'keep-alive', 'result-received']);

/** Why a client may no longer use the terminal. */
export type Eviction = 'dropped-by-newer-client' | 'client-freed';

export class TerminalSession {
  private readonly events = new EventEmitter();
  private holder: { token: ClientToken; abort: AbortController } | undefined;
  private readonly evicted = new WeakMap<ClientToken, Eviction>();
  private readonly queue = new SerialQueue();
  private lastContact: TerminalHealth['lastContact'];

  constructor(
    readonly config: TerminalConfig,
    private readonly driver: TerminalDriver,
  ) {}

  get protocol(): string {
    return this.driver.protocol;
  }

  onStatus(listener: (event: StatusEvent) => void): () => void {
    this.events.on('status', listener);
    return () => this.events.off('status', listener);
  }

  /**
   * Makes `token` the terminal's client. An older live client is dropped: its running operation
   * is aborted and its connection closed, so the terminal is never driven by two clients.
   */
  async attach(token: ClientToken): Promise<void> {
    const older = this.holder;
    this.holder = { token, abort: new AbortController() };
    if (older && older.token !== token) {
      this.evicted.set(older.token, 'dropped-by-newer-client');
      older.abort.abort(new Error('dropped by a newer client'));
      await this.queue.run(() => this.driver.close());
    }
  }

  /** Releases the terminal if `token` still holds it; later operations of that client fail. */
  async detach(token: ClientToken): Promise<void> {
    if (!this.evicted.has(token)) this.evicted.set(token, 'client-freed');
    if (this.holder?.token !== token) return;
    this.holder.abort.abort(new Error('client freed'));
    this.holder = undefined;
    await this.queue.run(() => this.driver.close());
  }

  /** Why `token` may not operate, or undefined when it holds the terminal. */
  evictionOf(token: ClientToken): Eviction | undefined {
    if (this.holder?.token === token) return undefined;
    return this.evicted.get(token) ?? 'dropped-by-newer-client';
  }

  /** Runs one driver operation for the holding client; queued behind any running operation. */
  operate(
    token: ClientToken,
    signal: AbortSignal,
    operation: (driver: TerminalDriver, ctx: OperationContext) => Promise<TransactionResult>,
  ): Promise<TransactionResult> {
    const eviction = this.evictionOf(token);
    if (eviction) return Promise.resolve(hostFailure(eviction));
    const holderSignal = this.holder!.abort.signal;
    return this.queue.run(() => operation(this.driver, this.context(AbortSignal.any([signal, holderSignal]))));
  }

  /** Runs an operation that needs no client (connection tests, lookups) in the same queue. */
  service<T>(signal: AbortSignal, operation: (driver: TerminalDriver, ctx: OperationContext) => Promise<T>): Promise<T> {
    return this.queue.run(() => operation(this.driver, this.context(signal)));
  }

  health(): TerminalHealth {
    return {
      id: this.config.id,
      protocol: this.protocol,
      busy: this.queue.busy,
      ...(this.lastContact && { lastContact: this.lastContact }),
    };
  }

  async close(): Promise<void> {
    this.holder?.abort.abort(new Error('host shutting down'));
    this.holder = undefined;
    await this.queue.run(() => this.driver.close());
  }

  private context(signal: AbortSignal): OperationContext {
    return {
      signal,
      onStatus: (event) => {
        if (CONTACT.has(event.kind))
          this.lastContact = { at: new Date().toISOString(), kind: event.kind, ...(event.detail && { detail: event.detail }) };
        this.events.emit('status', event);
      },
    };
  }
}

function hostFailure(reason: Eviction): TransactionResult {
  return { outcome: 'failed', reason, responseCode: '' };
}
