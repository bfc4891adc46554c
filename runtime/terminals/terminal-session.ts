// The only owner of one terminal's connection. Scripts (through their clients), connection tests
// and the journal's recovery all go through it, so it can keep the terminal's rules: one operation
// at a time, a newer client drops the older one, and nothing reaches the terminal without its lease
// (terminal-leases.ts), held while work is queued and given up when the terminal is idle.
import { EventEmitter } from 'node:events';
import type { OperationContext, StatusEvent, TerminalConfig, TerminalDriver, TransactionResult } from './driver.js';
import { SerialQueue } from './serial-queue.js';
import { describeBusy, type Lease, type LeaseAnswer, type TerminalLeases } from './terminal-leases.js';

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

/** The lease as one queued operation uses it. */
export interface LeasedSlot extends Pick<Lease, 'fence' | 'senderOf'> {
  /** Keeps the lease until `write` settles: the next holder must find the answer recorded. */
  holdFor(write: Promise<unknown>): void;
}

export type LeaseBusy = Extract<LeaseAnswer, { kind: 'busy' }>;

export interface LeaseSettings {
  leases: TerminalLeases;
  /** How long an operation waits for another host to give the terminal up. */
  waitMs: number;
}

export class TerminalSession {
  private readonly events = new EventEmitter();
  private holder: { token: ClientToken; abort: AbortController } | undefined;
  private readonly evicted = new WeakMap<ClientToken, Eviction>();
  private readonly queue = new SerialQueue(() => this.releaseWhenIdle());
  private lastContact: TerminalHealth['lastContact'];
  private lease: Lease | undefined;
  /** Answers recorded under the current lease that the next holder must see. */
  private readonly writes = new Set<Promise<unknown>>();

  constructor(
    readonly config: TerminalConfig,
    private readonly driver: TerminalDriver,
    private readonly leasing: LeaseSettings,
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

  /**
   * Runs one driver operation for the holding client; queued behind any running operation. A
   * terminal another host keeps past the wait fails the operation before anything is sent.
   */
  operate(
    token: ClientToken,
    signal: AbortSignal,
    operation: (driver: TerminalDriver, ctx: OperationContext, slot: LeasedSlot) => Promise<TransactionResult>,
  ): Promise<TransactionResult> {
    const eviction = this.evictionOf(token);
    if (eviction) return Promise.resolve(hostFailure(eviction));
    const holderSignal = this.holder!.abort.signal;
    return this.leased(
      signal,
      (slot, lost) => operation(this.driver, this.context(AbortSignal.any([signal, holderSignal, lost])), slot),
      (busy) => busyFailure(this.config.id, busy),
    );
  }

  /**
   * Runs an operation that needs no client (connection tests, lookups) in the same queue, under the
   * lease; `whenBusy` answers instead when another host keeps the terminal.
   */
  service<T>(
    signal: AbortSignal,
    operation: (driver: TerminalDriver, ctx: OperationContext, slot: LeasedSlot) => Promise<T>,
    whenBusy: (busy: LeaseBusy) => T | Promise<T>,
  ): Promise<T> {
    return this.leased(
      signal,
      (slot, lost) => operation(this.driver, this.context(AbortSignal.any([signal, lost])), slot),
      whenBusy,
    );
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
    await this.releaseLease();
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

  /** A queue slot under the terminal's lease, taken (or kept from the slot before) first. */
  private leased<T>(
    signal: AbortSignal,
    task: (slot: LeasedSlot, lost: AbortSignal) => Promise<T>,
    whenBusy: (busy: LeaseBusy) => T | Promise<T>,
  ): Promise<T> {
    return this.queue.run(async () => {
      if (!this.lease || this.lease.lost.aborted) {
        this.lease = undefined;
        const answer = await this.leasing.leases.acquire(this.config.id, { waitMs: this.leasing.waitMs, signal });
        if (answer.kind === 'busy') return whenBusy(answer);
        this.lease = answer.lease;
        if (this.lease.handedOver) this.driver.forgetLatest?.();
      }
      const lease = this.lease;
      const slot: LeasedSlot = {
        fence: lease.fence,
        senderOf: (transaction) => lease.senderOf(transaction),
        holdFor: (write) => {
          const settled = write.catch(() => undefined).finally(() => this.writes.delete(settled));
          this.writes.add(settled);
        },
      };
      return task(slot, lease.lost);
    });
  }

  /** Idle: nothing queued behind the slot that just ended, so the terminal's lease goes back. */
  private async releaseWhenIdle(): Promise<void> {
    if (!this.lease) return;
    await Promise.all([...this.writes]);
    // A slot queued while the answers were recorded keeps the lease.
    if (!this.queue.busy) await this.releaseLease();
  }

  private async releaseLease(): Promise<void> {
    const lease = this.lease;
    this.lease = undefined;
    await lease?.release();
  }
}

function hostFailure(reason: Eviction): TransactionResult {
  return { outcome: 'failed', reason, responseCode: '' };
}

/** Nothing was sent: the cashier reads which host keeps the terminal. */
function busyFailure(terminal: string, busy: LeaseBusy): TransactionResult {
  return { outcome: 'failed', reason: 'terminal-busy', responseCode: '', responseText: describeBusy(terminal, busy) };
}
