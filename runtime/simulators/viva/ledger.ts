// The simulated Viva account: every order and session with its state, and the bank's own record
// (bookings) and the requests received, for the conformance suite. What the cloud shows of a
// payment is decided here once; the routes only render it in their style's shape.
import { randomUUID } from 'node:crypto';
import type { SimulatedBooking, SimulatedOperation } from '../terminal-simulator.js';

export type PaymentKind = Extract<SimulatedOperation, 'sale' | 'refund' | 'reversal'>;

/** How the terminal ended a payment. */
export interface CardResult {
  charged: boolean;
  /** The orders listing's ResponseCode: ISO, or our code of a terminal-side refusal ('' for none). */
  responseCode: string;
  /** The cloud-terminal session's event id (0 on success) and message. */
  eventId: number;
  message: string;
  transactionId: string;
  authorizationId?: string;
  cardNumberMasked?: string;
}

export interface SimPayment {
  /** Order code or session id. */
  id: string;
  style: 'orders' | 'cloud-terminal';
  kind: PaymentKind;
  reference: string;
  /** CustomerTrns / customerTrns as the register sent it: what the customer would be shown. */
  customerText?: string;
  amountMinor: number;
  currencyNumeric: string;
  parent?: SimPayment;
  state: 'waiting' | 'running' | 'final' | 'cancelled';
  result?: CardResult;
  /** A refused attempt before the result, shown only in out-of-order webhook mode. */
  earlierFailure?: CardResult;
  /** Booked, but shown to nobody until an abort arrives (fault `withhold`). */
  hiddenUntilAbort: boolean;
  /** What happens to the first answer that would show the result (cents 58, faults). */
  spoilFirstAnswer?: 'drop' | 'garbage' | 'truncated';
  booking?: SimulatedBooking;
  timer?: NodeJS.Timeout;
  /** The webhook deliveries of its result, once it has one. */
  delivered?: Promise<void>;
}

export class VivaLedger {
  readonly payments: SimPayment[] = [];
  readonly bookings: SimulatedBooking[] = [];
  readonly received: { operation: SimulatedOperation; amountMinor?: number }[] = [];
  /** Order codes count up from here; Viva's are 16 digits and may exceed 2^53. */
  private nextOrderCode: bigint;

  constructor(firstOrderCode = '1600000000000000') {
    this.nextOrderCode = BigInt(firstOrderCode);
  }

  add(
    fields: Pick<SimPayment, 'style' | 'kind' | 'reference' | 'customerText' | 'amountMinor' | 'currencyNumeric' | 'parent'> & {
      id?: string;
    },
  ): SimPayment {
    const payment: SimPayment = {
      ...fields,
      id: fields.id ?? String(this.nextOrderCode++),
      state: 'waiting',
      hiddenUntilAbort: false,
    };
    this.payments.push(payment);
    this.received.push({ operation: payment.kind, amountMinor: payment.amountMinor });
    return payment;
  }

  find(id: string): SimPayment | undefined {
    return this.payments.find((p) => p.id === id);
  }

  /** Books an approved payment; a reversal marks its parent's booking reversed. */
  book(payment: SimPayment): void {
    const booking: SimulatedBooking = {
      operation: payment.kind,
      amountMinor: payment.amountMinor,
      ...(payment.result?.authorizationId && { authorizationCode: payment.result.authorizationId }),
    };
    if (payment.parent?.booking) payment.parent.booking.reversed = true;
    payment.booking = booking;
    this.bookings.push(booking);
  }

  /** Final results the cloud shows, in order: of one style, or all. */
  visible(style?: SimPayment['style']): SimPayment[] {
    return this.payments.filter((p) => (style === undefined || p.style === style) && p.result && !p.hiddenUntilAbort);
  }
}

export function newTransactionId(): string {
  return randomUUID();
}
