// The simulated terminal: it pays one order or session at a time after the card-flow delay, with
// the outcome the shared table gives the cents (protocols/README.md), in Viva's codes. It also
// plays Viva's known quirks: an abort answered 200 that did not stop the payment, and a result
// held back until the register gives up (viva.md, "What the simulator must do").
import { ECR_EVENT, TERMINAL_CODE } from '../../drivers/viva/response-codes.js';
import { flowLengthMs, goesDark, OutcomePlan, type ScriptedOutcome, type SimulatedRefusal } from '../outcome-table.js';
import { Reachability } from '../reachability.js';
import type { OrphanedFlow, SimulatedFault } from '../terminal-simulator.js';
import { type CardResult, type SimPayment, type VivaLedger, newTransactionId } from './ledger.js';

/** Viva masks the card number itself; the driver masks again. */
export const SIMULATED_CARD_NUMBER_MASKED = '414746XXXXXX0133';

export type Refusal = Pick<CardResult, 'responseCode' | 'eventId' | 'message'>;

/**
 * Each refusal as Viva reports it: the orders listing's ResponseCode, and the session's event id
 * and message. An issuer decline comes back from a session as 1006 "Transaction declined by
 * server" (Viva's 1803 webhook example, for the declining test amount 99.05); a cancel on the
 * terminal as "Transaction canceled by user" (viva.md, "Event ids and messages": its event id is
 * not shown, so 1099 here is inferred, as are the other messages).
 */
const REFUSALS: Readonly<Record<SimulatedRefusal, Refusal>> = {
  'insufficient-funds': { responseCode: '51', eventId: ECR_EVENT.declinedByServer, message: 'Insufficient funds' },
  'issuer-declined': { responseCode: '05', eventId: ECR_EVENT.declinedByServer, message: 'Transaction declined by server' },
  'customer-cancelled': {
    responseCode: TERMINAL_CODE.customerCancelled,
    eventId: ECR_EVENT.genericError,
    message: 'Transaction canceled by user',
  },
  'card-removed': { responseCode: TERMINAL_CODE.cardRemoved, eventId: ECR_EVENT.genericError, message: 'Card removed' },
  'terminal-busy': { responseCode: TERMINAL_CODE.terminalBusy, eventId: ECR_EVENT.genericError, message: 'Terminal busy' },
  duplicate: { responseCode: '94', eventId: ECR_EVENT.declinedByServer, message: 'Duplicate transaction' },
  'card-expired': { responseCode: '54', eventId: ECR_EVENT.declinedByServer, message: 'Expired card' },
};

/** A refused card: a transaction of its own, with no charge. */
export function refusedResult(reason: SimulatedRefusal): CardResult {
  return {
    charged: false,
    transactionId: newTransactionId(),
    cardNumberMasked: SIMULATED_CARD_NUMBER_MASKED,
    ...REFUSALS[reason],
  };
}

/** A session that ended without a card result (stopped, or a terminal fault): inferred message. */
function failedSession(message: string): CardResult {
  return { charged: false, responseCode: '', eventId: ECR_EVENT.genericError, message, transactionId: newTransactionId() };
}

export interface CardFlowEvents {
  /** A payment got its final result (webhooks go out from here). */
  finished(payment: SimPayment): void;
}

export class SimulatedTerminal {
  delayMs: number;
  /** The next abort is answered 200 but the card flow goes on (viva.md). */
  ignoreNextAbort = false;
  /** How the next card flow ends instead of the outcome table's answer: a refused session. */
  nextRefusal: Refusal | undefined;
  /** How each sale or refund ends; set at start to force one outcome. */
  outcomes = new OutcomePlan();
  readonly reachability = new Reachability();
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
    const outcome = payment.kind === 'reversal' ? { kind: 'approve' as const } : this.outcomes.next(payment.amountMinor);
    if (outcome.kind === 'never-answer') return;
    const scripted = this.nextRefusal;
    this.nextRefusal = undefined;
    const result = (): CardResult => {
      if (scripted) return { charged: false, transactionId: newTransactionId(), ...scripted };
      return outcome.kind === 'refuse' ? refusedResult(outcome.reason) : this.approval();
    };
    const finish = () => {
      payment.timer = undefined;
      this.finish(payment, result(), outcome);
    };
    const lengthMs = flowLengthMs(outcome, this.delayMs);
    if (immediately || lengthMs === 0) finish();
    else payment.timer = setTimeout(finish, lengthMs);
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
      payment.result = failedSession('Transaction aborted');
    }
  }

  stop(): void {
    for (const payment of this.ledger.payments) clearTimeout(payment.timer);
  }

  private finish(payment: SimPayment, result: CardResult, outcome: ScriptedOutcome): void {
    const fault = this.fault;
    this.fault = undefined;
    payment.state = 'final';
    if (fault === 'garbage' || fault === 'truncated') {
      payment.result = failedSession('Generic transaction error');
      payment.spoilFirstAnswer = fault;
    } else {
      payment.result = result;
      if (result.charged) this.ledger.book(payment);
      // Gone dark, the terminal never reported it: the cloud shows it once the terminal is back.
      if (goesDark(outcome)) this.reachability.goDark();
      else if (outcome.kind === 'approve-then-drop') payment.spoilFirstAnswer = 'drop';
      payment.hiddenUntilAbort = fault === 'withhold';
    }
    // The result reaches the register only by polling when it is lost, withheld, noise or dark.
    if (!payment.spoilFirstAnswer && !payment.hiddenUntilAbort && !this.reachability.dark) this.events.finished(payment);
    for (const then of this.awaitingEnd.get(payment) ?? []) then();
    this.awaitingEnd.delete(payment);
  }

  private approval(): CardResult {
    return {
      charged: true,
      responseCode: '00',
      eventId: ECR_EVENT.success,
      // Viva's 1802 webhook example.
      message: 'Transaction successful',
      transactionId: newTransactionId(),
      authorizationId: String(this.nextAuthorization++),
      cardNumberMasked: SIMULATED_CARD_NUMBER_MASKED,
    };
  }
}
