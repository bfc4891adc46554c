// The simulated terminal: it pays one order or session at a time after the card-flow delay, with
// the outcome the shared table gives the cents (protocols/README.md), in Viva's codes. It also
// plays Viva's known quirks: an abort answered 200 that did not stop the payment, and a result
// held back until the register gives up (viva.md, "What the simulator must do").
import { eventIdOfIsoCode, TERMINAL_EVENT } from '../../drivers/viva/response-codes.js';
import { type SimulatedRefusal, outcomeForAmount } from '../outcome-table.js';
import type { OrphanedFlow, SimulatedFault } from '../terminal-simulator.js';
import { type CardResult, type SimPayment, type VivaLedger, newTransactionId } from './ledger.js';

/** Viva masks the card number itself; the driver masks again. */
export const SIMULATED_CARD_NUMBER_MASKED = '414746XXXXXX0133';

/** Each refusal as Viva reports it: an ISO code from the issuer, or a terminal event. */
const REFUSALS: Readonly<Record<SimulatedRefusal, { iso: string } | { event: string; message: string }>> = {
  'insufficient-funds': { iso: '51' },
  'issuer-declined': { iso: '05' },
  'customer-cancelled': { event: TERMINAL_EVENT.customerCancelled, message: 'Cancelled by the customer' },
  'card-removed': { event: TERMINAL_EVENT.cardRemoved, message: 'Card removed' },
  'terminal-busy': { event: TERMINAL_EVENT.terminalBusy, message: 'Terminal busy' },
  duplicate: { iso: '94' },
  'card-expired': { iso: '54' },
};

export interface CardFlowEvents {
  /** A payment got its final result (webhooks go out from here). */
  finished(payment: SimPayment): void;
}

export class SimulatedTerminal {
  delayMs: number;
  /** The next abort is answered 200 but the card flow goes on (viva.md). */
  ignoreNextAbort = false;
  private fault: SimulatedFault | undefined;
  private nextAuthorization = 100_000;
  /** Aborts that wait for a payment past stopping ('finish') to end. */
  private readonly awaitingEnd = new Map<SimPayment, (() => void)[]>();

  constructor(
    private readonly ledger: VivaLedger,
    private readonly events: CardFlowEvents,
    delayMs: number,
    /** The cloud cannot see a register leave: with 'finish', every running payment that ends by itself finishes. */
    private readonly orphanedFlow: OrphanedFlow,
  ) {
    this.delayMs = delayMs;
  }

  injectFault(fault: SimulatedFault): void {
    this.fault = fault;
  }

  /** The card flow of one payment; `immediately` skips the delay (early-webhook mode). */
  run(payment: SimPayment, immediately = false): void {
    payment.state = 'running';
    const outcome = payment.kind === 'reversal' ? { kind: 'approve' as const } : outcomeForAmount(payment.amountMinor);
    if (outcome.kind === 'never-answer') return;
    const finish = () => {
      payment.timer = undefined;
      this.finish(payment, outcome.kind === 'refuse' ? this.refusal(outcome.reason) : this.approval(), outcome.kind === 'approve-then-drop');
    };
    if (immediately || this.delayMs === 0) finish();
    else payment.timer = setTimeout(finish, this.delayMs);
  }

  /**
   * The register deletes the session or cancels the order. A running flow stops (with 'finish',
   * it ends first and the abort is answered then); a finished one stands, and a withheld result
   * shows up now.
   */
  async abort(payment: SimPayment): Promise<void> {
    if (this.ignoreNextAbort && payment.state === 'running') {
      this.ignoreNextAbort = false;
      return;
    }
    if (this.orphanedFlow === 'finish' && payment.state === 'running' && payment.timer) {
      await new Promise<void>((resolve) => this.awaitingEnd.set(payment, [...(this.awaitingEnd.get(payment) ?? []), resolve]));
    }
    payment.hiddenUntilAbort = false;
    // A cancelled order cannot be paid any more, even after a refused attempt.
    if (payment.style === 'orders' && payment.state === 'final' && !payment.result?.charged) payment.state = 'cancelled';
    if (payment.state !== 'running' && payment.state !== 'waiting') return;
    clearTimeout(payment.timer);
    payment.state = 'cancelled';
    if (payment.style === 'cloud-terminal') {
      payment.result = { charged: false, isoCode: '', eventId: Number(TERMINAL_EVENT.abortedByCashRegister), message: 'Aborted by the cash register', transactionId: newTransactionId() };
    }
  }

  stop(): void {
    for (const payment of this.ledger.payments) clearTimeout(payment.timer);
  }

  private finish(payment: SimPayment, result: CardResult, answerLost: boolean): void {
    const fault = this.fault;
    this.fault = undefined;
    payment.state = 'final';
    if (fault === 'garbage' || fault === 'truncated') {
      payment.result = { charged: false, isoCode: '', eventId: Number(TERMINAL_EVENT.terminalTimeout), message: 'Terminal error', transactionId: newTransactionId() };
      payment.spoilFirstAnswer = fault;
    } else {
      payment.result = result;
      if (result.charged) this.ledger.book(payment);
      if (answerLost) payment.spoilFirstAnswer = 'drop';
      payment.hiddenUntilAbort = fault === 'withhold';
    }
    // The result reaches the register only by polling when it is lost, withheld or noise.
    if (!payment.spoilFirstAnswer && !payment.hiddenUntilAbort) this.events.finished(payment);
    for (const then of this.awaitingEnd.get(payment) ?? []) then();
    this.awaitingEnd.delete(payment);
  }

  private approval(): CardResult {
    return {
      charged: true,
      isoCode: '00',
      eventId: 0,
      message: 'Transaction approved',
      transactionId: newTransactionId(),
      authorizationId: String(this.nextAuthorization++),
      cardNumberMasked: SIMULATED_CARD_NUMBER_MASKED,
    };
  }

  private refusal(reason: SimulatedRefusal): CardResult {
    const refusal = REFUSALS[reason];
    const base = { charged: false, transactionId: newTransactionId(), cardNumberMasked: SIMULATED_CARD_NUMBER_MASKED };
    return 'iso' in refusal
      ? { ...base, isoCode: refusal.iso, eventId: Number(eventIdOfIsoCode(refusal.iso)), message: `Declined (${refusal.iso})` }
      : { ...base, isoCode: '', eventId: Number(refusal.event), message: refusal.message };
  }
}
