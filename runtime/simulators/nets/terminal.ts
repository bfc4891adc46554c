// The simulated NETS terminal behind the cloud: a card flow per transaction decided by the shared
// outcome table, the bank's bookings, the terminal's records as a lookup sees them (late: the
// notes' "an earlier lookup may not yet see it"), and the states that refuse a request.
import type { ReconciliationBody, TransactionRequest } from '../../drivers/nets/messages.js';
import { flowLengthMs, goesDark, OutcomePlan } from '../outcome-table.js';
import { Reachability } from '../reachability.js';
import type { OrphanedFlow, SimulatedBooking, SimulatedFault, SimulatedOperation } from '../terminal-simulator.js';
import {
  MERCHANT_CANCEL,
  REFUSALS,
  type RecordBase,
  type Refusal,
  type TerminalRecord,
  approvedArgs,
  receipt,
  reconciliationBody,
  rejectedArgs,
  successEntry,
} from './answers.js';

/** How a transaction's HTTP answer ends. */
export type Ending =
  | { kind: 'answer'; status: number; body: unknown }
  /** Approved and booked, then the connection is cut before the answer (cents 58, and the dark terminal). */
  | { kind: 'drop' }
  /** Approved and booked, and no answer is ever sent (the 'withhold' fault). */
  | { kind: 'withhold' }
  /** Not JSON, or JSON cut short: nothing booked. */
  | { kind: 'raw'; status: number; text: string };

export interface TerminalSettings {
  terminalId: string;
  currency: string;
  cardNumber: string;
  delayMs: number;
  lookupLagMs: number;
  busyWindowMs: number;
  orphanedFlow: OrphanedFlow;
}

interface Running {
  request: TransactionRequest;
  finish(refusal?: Refusal): void;
  /** Ends it unpaid and unrecorded, unanswered (its register is gone). */
  drop(): void;
  /** It ends by itself (not cents 55, which runs until stopped). */
  ending: boolean;
  /** Its register is gone and it goes on ('finish'): who waits for its end. */
  orphaned?: (() => void)[];
}

/** The cloud's own words for the next transaction (a test's script). */
export interface ScriptedFailure {
  /** Free text, as production clouds send `failure.error`. */
  text: string;
  /**
   * `bare`: `{failure: "<text>"}` before any card flow (a form NaviPartner's parser notes as
   * observed, undocumented); `rejected`: the card flow ends rejected, the text in `failure.error`
   * and in the record's RejectionReason.
   */
  form: 'bare' | 'rejected';
}

interface Visible {
  record: TerminalRecord;
  finishedAt: number;
  /** The booking it made, so a reversal can mark it. */
  booking?: SimulatedBooking;
  reversible: boolean;
}

const OPERATION: Record<TransactionRequest['transactionType'], SimulatedOperation> = {
  purchase: 'sale',
  purchaseWithCashback: 'sale-with-cashback',
  returnOfGoods: 'refund',
};

export class SimulatedTerminal {
  offline = false;
  readonly reachability = new Reachability();
  reconciliationRequired = false;
  readonly ledger: SimulatedBooking[] = [];
  readonly requests: { operation: SimulatedOperation; amountMinor?: number }[] = [];
  private readonly records: Visible[] = [];
  private running: Running | undefined;
  private busyUntil = 0;
  /** How each sale or refund ends; set at start to force one outcome. */
  outcomes = new OutcomePlan();
  private fault: SimulatedFault | undefined;
  private scripted: ScriptedFailure | undefined;
  private stan = 0;
  /** The reconciliation batch (SessionNumber): one per end of day, shared by its transactions. */
  private batch = 1;
  private closedUpTo = 0;

  constructor(readonly settings: TerminalSettings) {}

  get busy(): boolean {
    return this.running !== undefined || Date.now() < this.busyUntil;
  }

  injectFault(fault: SimulatedFault): void {
    this.fault = fault;
  }

  failNext(failure: ScriptedFailure): void {
    this.scripted = failure;
  }

  /**
   * Runs the card flow; resolves when it ends (or never, for cents 55, until a cancel or lookup).
   * `amount` is the purchase, which the outcome table reads; the card pays it plus any cashback.
   * `registerGone` fires when the held POST's connection closes before its answer.
   */
  transaction(request: TransactionRequest, registerGone: AbortSignal): Promise<Ending> {
    const operation = OPERATION[request.transactionType];
    this.requests.push({ operation, amountMinor: request.amount });
    const outcome = this.outcomes.next(request.amount);
    const scripted = this.scripted;
    this.scripted = undefined;
    if (scripted?.form === 'bare') return Promise.resolve({ kind: 'answer', status: 400, body: { failure: scripted.text } });
    if (outcome.kind === 'refuse' && outcome.reason === 'terminal-busy') {
      return Promise.resolve({ kind: 'answer', status: 409, body: { failure: 'terminalBusy' } });
    }
    const fault = this.fault;
    this.fault = undefined;
    return new Promise<Ending>((resolve) => {
      const finish = (refusal?: Refusal) => {
        clearTimeout(timer);
        this.running = undefined;
        this.busyUntil = Date.now() + this.settings.busyWindowMs;
        const ending = this.conclude(request, operation, refusal, fault);
        const answerLost = ending.kind === 'answer' && !refusal && outcome.kind === 'approve-then-drop';
        if (answerLost && goesDark(outcome)) this.reachability.goDark();
        resolve(answerLost ? { kind: 'drop' } : ending);
        for (const then of running.orphaned ?? []) then();
      };
      const drop = () => {
        clearTimeout(timer);
        this.running = undefined;
        resolve({ kind: 'withhold' });
      };
      const running: Running = { request, finish, drop, ending: outcome.kind !== 'never-answer' };
      this.running = running;
      registerGone.addEventListener('abort', () => this.orphan(running), { once: true });
      const tableRefusal = outcome.kind === 'refuse' ? REFUSALS[outcome.reason as keyof typeof REFUSALS] : undefined;
      const refusal = scripted ? { error: scripted.text } : tableRefusal;
      const timer =
        outcome.kind === 'never-answer'
          ? undefined
          : setTimeout(() => finish(refusal), flowLengthMs(outcome, this.settings.delayMs));
    });
  }

  /** cancelAction: the running card flow ends as the merchant's abort; false when none ran. */
  async cancel(): Promise<boolean> {
    await this.orphanedEnd();
    const running = this.running;
    running?.finish(MERCHANT_CANCEL);
    return running !== undefined;
  }

  /** Get last result: aborts a running transaction (notes), and sees only records old enough. */
  async lookup(): Promise<TerminalRecord | undefined> {
    await this.orphanedEnd();
    this.running?.finish(MERCHANT_CANCEL);
    const seenFrom = Date.now() - this.settings.lookupLagMs;
    return this.records.filter((r) => r.finishedAt <= seenFrom).at(-1)?.record;
  }

  /** The held POST's register left before the answer: the flow is dropped, or with 'finish' goes on. */
  private orphan(running: Running): void {
    if (this.running !== running) return;
    if (this.settings.orphanedFlow === 'finish' && running.ending) running.orphaned = [];
    else running.drop();
  }

  /** An orphaned flow that finishes is past stopping: what would stop it waits for its end. */
  private orphanedEnd(): Promise<void> {
    const waiting = this.running?.orphaned;
    return waiting ? new Promise((resolve) => waiting.push(resolve)) : Promise.resolve();
  }

  /** DELETE: reverses the last transaction when it is a charge of this amount not yet reversed. */
  reverseLast(amount: number): Ending {
    this.requests.push({ operation: 'reversal', amountMinor: amount });
    const last = this.records.at(-1);
    const charged = last?.booking;
    if (!last || !charged || !last.reversible || charged.reversed || last.record.args.TotalAmount !== amount) {
      return { kind: 'answer', status: 400, body: { failure: { error: 'reversalNotPossible' } } };
    }
    charged.reversed = true;
    last.reversible = false;
    const booking: SimulatedBooking = { operation: 'reversal', amountMinor: amount };
    const record = this.record(amount, 'REVERSAL', booking, false);
    this.ledger.push(booking);
    this.busyUntil = Date.now() + this.settings.busyWindowMs;
    return { kind: 'answer', status: 201, body: { result: [successEntry(record)] } };
  }

  /**
   * Reconciliation: after the card flow's delay (the terminal talks to the host), closes the batch
   * (its report counts and nets what it charged), opens the next one, and payments are allowed
   * again. It closes even when nobody waits for the answer any more.
   */
  async reconcile(): Promise<ReconciliationBody> {
    if (this.settings.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.settings.delayMs).unref());
    const since = this.ledger
      .slice(this.closedUpTo)
      .filter((b) => b.operation !== 'reversal' && b.operation !== 'close' && !b.reversed);
    const signed = (b: SimulatedBooking) => (b.operation === 'refund' ? -1 : 1) * (b.amountMinor + (b.cashbackMinor ?? 0));
    const net = since.reduce((sum, b) => sum + signed(b), 0);
    this.ledger.push({ operation: 'close', amountMinor: net });
    this.closedUpTo = this.ledger.length;
    this.reconciliationRequired = false;
    const closed = String(this.batch);
    this.batch += 1;
    const report = receipt('RECONCILIATION', [
      `SESSION ${closed}`,
      `${this.settings.currency} ${since.length} ${(net / 100).toFixed(2)}`,
    ]);
    return reconciliationBody(closed, new Date(), report);
  }

  close(): void {
    this.running?.finish(MERCHANT_CANCEL);
  }

  private conclude(
    request: TransactionRequest,
    operation: SimulatedOperation,
    refusal: Refusal | undefined,
    fault: SimulatedFault | undefined,
  ): Ending {
    if (fault === 'garbage') return { kind: 'raw', status: 201, text: '\u0000\u00ff<html>502 gateway noise' };
    if (fault === 'truncated') return { kind: 'raw', status: 201, text: '{"result":[{"localModeEventArgs":{"Result":0,"Sta' };
    const charged = request.amount + (request.amountCashback ?? 0);
    if (refusal) {
      const args = rejectedArgs(this.base(charged), refusal);
      this.remember({ args }, undefined, false);
      return { kind: 'answer', status: 400, body: { failure: { error: refusal.error, localModeEventArgs: args } } };
    }
    const booking: SimulatedBooking = {
      operation,
      amountMinor: request.amount,
      ...(request.amountCashback !== undefined && { cashbackMinor: request.amountCashback }),
    };
    const record = this.record(charged, request.transactionType.toUpperCase(), booking, true, request.orderId);
    booking.authorizationCode = record.args.StanAuth!;
    this.ledger.push(booking);
    if (fault === 'withhold') return { kind: 'withhold' };
    return { kind: 'answer', status: 201, body: { result: [successEntry(record)] } };
  }

  private record(
    amount: number,
    heading: string,
    booking: SimulatedBooking,
    reversible: boolean,
    orderId?: string,
  ): TerminalRecord {
    const base = this.base(amount);
    const authCode = (100000 + this.stan * 7919) % 1000000;
    const args = approvedArgs(base, `A${String(authCode).padStart(5, '0')}`);
    const text = receipt(heading, [
      `${base.cardNumber}`,
      `${(amount / 100).toFixed(2)} ${this.settings.currency}`,
      `STAN/AUTH ${args.StanAuth}`,
    ]);
    const record: TerminalRecord = { args, receipt: text, ...(orderId !== undefined && { orderId }) };
    this.remember(record, booking, reversible);
    return record;
  }

  private remember(record: TerminalRecord, booking: SimulatedBooking | undefined, reversible: boolean): void {
    this.records.push({ record, finishedAt: Date.now(), reversible, ...(booking && { booking }) });
  }

  private base(amount: number): RecordBase {
    this.stan += 1;
    return {
      stan: String(this.stan).padStart(6, '0'),
      sessionNumber: String(this.batch),
      at: new Date(),
      amount,
      terminalId: this.settings.terminalId,
      cardNumber: this.settings.cardNumber,
    };
  }
}
