// What the two integration styles (viva.md, "A" orders per source, "B" cloud terminal API) each
// provide, so one payment flow, one driver and one result mapping serve both. A style knows its
// endpoints and shapes; it never decides an outcome.
import type { Currency } from '../../money/currency.js';
import type { Result } from '../../protocol/result.js';
import type { HttpFailure } from '../cloud-http/failure.js';

export type VivaOperation = 'sale' | 'refund' | 'reversal';

/** What Viva says about one transaction, whichever style asked. */
export interface VivaRecord {
  operation: VivaOperation;
  /** The card was charged (sale) or credited (refund): `success`, or StatusId F/C/R/X. */
  charged: boolean;
  /** ISO response code or Viva event id ('' when Viva sent none). */
  code: string;
  text?: string;
  transactionId?: string;
  authorizationCode?: string;
  /** As Viva sent it (already masked by Viva); results mask it again. */
  cardNumber?: string;
  amountMinor?: number;
  currencyNumeric?: string;
  terminalId?: string;
  /** Where a later reversal finds this transaction: the ECR session id or the order code. */
  locator?: string;
  /** Our reference as Viva echoes it (MerchantTrns, merchantReference) on records of our requests. */
  reference?: string;
}

/** One financial request as the flow hands it to a style. */
export interface VivaRequest {
  operation: VivaOperation;
  /** Ours; travels as MerchantTrns / merchantReference (and as the ECR session id). */
  reference: string;
  /**
   * What the customer sees on the receipt and statement (CustomerTrns / customerTrns): the
   * document, card numbers masked. Absent when the request names no document.
   */
  customerText?: string;
  amountMinor: number;
  currency: Currency;
  /** Reversal only: the transaction being given back. */
  parent?: VivaRecord;
}

/** What a lookup needs of a request: enough to rebuild it from the journal after a restart. */
export type AskedRequest = Pick<VivaRequest, 'operation' | 'reference' | 'parent'>;

/** How to ask about a started request again. */
export interface Handle {
  reference: string;
  /** Order code (orders) or session id (cloud terminal); absent when the creation answer was lost. */
  locator?: string;
  /** The answer to the request itself already was the final record (orders reversal). */
  immediate?: VivaRecord;
}

/** Why a call got no usable answer: the transport's reasons, or Viva refusing it as sent. */
export type CallFailure = HttpFailure | { kind: 'rejected'; code: string; detail: string; status?: number };

export interface StartFailure {
  failure: CallFailure;
  /** Present when the request may have been accepted (its answer was lost or unreadable). */
  handle?: Handle;
}

export type PollAnswer =
  | { kind: 'pending' }
  /** Viva has no record of the request (yet): before our abort, it may still be on its way. */
  | { kind: 'absent' }
  | { kind: 'final'; record: VivaRecord }
  /**
   * Refused, but the order stays open and another card could still pay it (viva.md: "a payment
   * reported failed can later succeed"): the flow closes it and looks again before reporting.
   */
  | { kind: 'refused-open'; record: VivaRecord }
  | { kind: 'unanswered'; failure: CallFailure };

export interface VivaStyleApi {
  /** Sends the request once; never retried by anyone. */
  start(request: VivaRequest): Promise<Result<Handle, StartFailure>>;
  /**
   * The request's state. `afterAbort`: our abort has been sent, so "nothing happened yet" now
   * means nothing will (a pending order with no transaction is final).
   */
  poll(handle: Handle, request: AskedRequest, afterAbort: boolean): Promise<PollAnswer>;
  /** Asks Viva to stop the request (cancel the order, delete the session); the outcome is looked up. */
  abort(handle: Handle, request: AskedRequest): Promise<void>;
  /**
   * The handle of a request sent before a restart, from our reference and the provider's handle
   * the journal kept; undefined when that handle never reached us and the style needs it.
   */
  handleOf(reference: string, providerReference: string | undefined): Handle | undefined;
  /** Today's transactions of this terminal, for close totals and for finding a reversal's parent. */
  dayRecords(date: string): Promise<Result<VivaRecord[], CallFailure>>;
  /** Whether the cloud accepts us and knows the terminal. */
  checkTerminal(): Promise<Result<void, CallFailure>>;
}
