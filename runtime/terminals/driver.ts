// The one interface every protocol driver implements. Bindings, the host, the journal, the CLI and
// the editor speak only this; nothing above runtime/drivers knows a wire format.
// Money is always an integer of minor units here.
import type { Currency } from '../money/currency.js';
import type { WebhookHubs } from './webhook-hubs.js';

/** A currency as runtime/money resolves it; drivers receive it with every financial request. */
export type { Currency };

/** Protocol-neutral outcome of one operation. */
export type Outcome = 'approved' | 'declined' | 'cancelled' | 'failed' | 'in-doubt';

/**
 * Protocol-neutral reason for any outcome other than a plain approval. Catalogs describe each one
 * in every language; a raw terminal code with its own catalog entry wins over the reason.
 */
export type Reason =
  | 'insufficient-funds'
  | 'issuer-declined'
  | 'customer-cancelled'
  | 'merchant-aborted'
  | 'card-removed'
  | 'card-error'
  | 'card-expired'
  | 'card-not-yet-valid'
  | 'card-blocked'
  | 'terminal-busy'
  | 'duplicate'
  | 'timeout'
  | 'connection-refused'
  | 'connection-lost'
  | 'dropped-by-newer-client'
  | 'client-freed'
  | 'malformed-answer'
  | 'not-supported'
  | 'declined'
  | 'unknown';

export interface FinancialRequest {
  /** Our own id for this transaction, unique per host; used to match a lost result. */
  reference: string;
  amountMinor: number;
  currency: Currency;
  /** 1–10 digits, the document's variable symbol. */
  variableSymbol?: string;
  /**
   * The document as the customer knows it (the script's DocumentReference, else the variable
   * symbol): what a provider shows the customer on the receipt or statement. Never `reference`.
   */
  documentReference?: string;
}

export interface CashbackRequest extends FinancialRequest {
  cashbackMinor: number;
}

export interface ReversalRequest extends FinancialRequest {
  /** Authorization code of the transaction being reversed. */
  authorizationCode: string;
}

export interface CurrencyTotal {
  currency: string; // ISO 4217 alpha
  count: number;
  amountMinor: number;
}

export interface TransactionResult {
  outcome: Outcome;
  /** Absent for a plain approval, and where only the provider's own words (`responseText`) say why. */
  reason?: Reason;
  /** The terminal's raw response code ('' when the terminal never answered). */
  responseCode: string;
  /** Free text the terminal sent with the code, if any (already decoded). */
  responseText?: string;
  authorizationCode?: string;
  /** Never a full card number: drivers mask before they return. */
  maskedCardNumber?: string;
  transactionId?: string;
  terminalId?: string;
  merchantReceipt?: string;
  customerReceipt?: string;
  totals?: CurrencyTotal[];
  amountMinor?: number;
  /** ISO 4217 numeric currency code as the terminal reported it. */
  currencyNumeric?: string;
  variableSymbol?: string;
  /**
   * Our `FinancialRequest.reference` as the terminal or provider echoed it with the record (NETS
   * orderId, Viva MerchantTrns); absent when the protocol carries none back.
   */
  echoedReference?: string;
}

export interface ConnectionTestResult {
  ok: boolean;
  reason?: Reason;
  responseCode: string;
  responseText?: string;
  /** Round-trip time of the test exchange. */
  elapsedMs: number;
}

/** A step of a long wait, shown to the cashier (CLI prints, editor streams). */
export interface StatusEvent {
  terminal: string;
  kind:
    | 'connecting'
    | 'connected'
    | 'request-sent'
    | 'acknowledged'
    | 'keep-alive'
    | 'result-received'
    | 'fetching-receipt'
    | 'recovering'
    | 'aborting'
    | 'disconnected';
  detail?: string;
}

export interface OperationContext {
  /** Merchant abort, a wall-clock limit, or a newer client: the driver aborts on the terminal if it can. */
  signal: AbortSignal;
  onStatus(event: StatusEvent): void;
  /**
   * The provider accepted the request under a handle of its own (Viva's order code). The driver
   * awaits this before it waits for the result: the journal keeps the handle, so recovery after a
   * host restart can still reach the request. Absent outside the journal (direct driver use).
   */
  onProviderReference?(providerReference: string): Promise<void>;
}

/** A journaled request whose outcome recovery must find. */
export interface LostTransaction {
  /** Our `FinancialRequest.reference`. */
  reference: string;
  operation: 'sale' | 'sale-with-cashback' | 'refund' | 'reversal' | 'close';
  amountMinor?: number;
  /** The handle the driver reported through `onProviderReference`, when it got that far. */
  providerReference?: string;
  /** When the host wrote it ahead, just before the request left. */
  sentAt: Date;
}

export type TransactionLookup =
  /** The provider's record of the request. */
  | { kind: 'found'; result: TransactionResult }
  /** The provider vouches that the request charged nothing and no longer can. */
  | { kind: 'absent' }
  /** No answer, or the request may still complete: ask again later. */
  | { kind: 'unknown'; detail: string };

/**
 * What the terminal said to recovery's stop. `stopped`: it confirmed that nothing it may have run
 * for a dead register runs any more, and the protocol's lookup lag has passed, so a lookup made now
 * sees every record that ended before and a request it does not find never happened.
 * `unconfirmed`: unreachable, or no proof; the lookup then proves nothing until the result timeout.
 */
export type FlowStop = { kind: 'stopped' } | { kind: 'unconfirmed'; detail: string };

/** Where a driver writes what crosses the wire. Implementations mask card numbers. */
export interface TerminalLog {
  frame(direction: 'out' | 'in', terminal: string, text: string): void;
  info(terminal: string, message: string): void;
  warn(terminal: string, message: string): void;
}

export interface TerminalConfig {
  id: string;
  protocol: string;
  host: string;
  port: number;
  /** The terminal's own id as the bank assigned it (8 characters on ČSOB). */
  terminalId: string;
  /** No final answer within this time means the transaction failed (after recovery). */
  timeoutSeconds: number;
  /** Protocol-specific settings; each driver validates its own. */
  options: Record<string, unknown>;
}

export interface TerminalDriver {
  readonly protocol: string;
  pay(request: FinancialRequest, ctx: OperationContext): Promise<TransactionResult>;
  payWithCashback(request: CashbackRequest, ctx: OperationContext): Promise<TransactionResult>;
  reverse(request: ReversalRequest, ctx: OperationContext): Promise<TransactionResult>;
  refund(request: FinancialRequest, ctx: OperationContext): Promise<TransactionResult>;
  closeTotals(ctx: OperationContext): Promise<TransactionResult>;
  /** The terminal's record of its last transaction, or undefined when it has none. */
  lastResult(ctx: OperationContext): Promise<TransactionResult | undefined>;
  /**
   * Recovery's first step for a request a dead host left behind: stop the card flow the terminal
   * may still run for it (ČSOB T81 passivate, PoSXML CancelAllOperations, NETS cancelAction, Viva
   * order cancel or session abort). Settlement then looks the request up and, when the stop was
   * confirmed, takes "not found" as final at once instead of after the result timeout.
   */
  stopOrphanedFlow(lost: LostTransaction, ctx: OperationContext): Promise<FlowStop>;
  /**
   * Where the protocol can look one request up by our reference or the provider's handle (rather
   * than only see the latest record), recovery asks this instead of `lastResult`, always after
   * `stopOrphanedFlow`. Undefined when this request cannot be looked up so (the last result decides).
   */
  findTransaction?(lost: LostTransaction, ctx: OperationContext): Promise<TransactionLookup | undefined>;
  testTerminal(ctx: OperationContext): Promise<ConnectionTestResult>;
  testBank(ctx: OperationContext): Promise<ConnectionTestResult>;
  /**
   * Another host drove the terminal since this driver last did: forget what the driver remembers
   * as the terminal's latest (the last request it sent, the newest record it saw), so lookups ask
   * the terminal instead. Facts that stay true (a charge's authorization code) may be kept.
   */
  forgetLatest?(): void;
  /** Drops the connection; the next call reconnects. Safe to call more than once. */
  close(): Promise<void>;
}

export interface DriverDeps {
  log: TerminalLog;
  /** The host's webhook hubs, which its webhook routes deliver to. */
  webhooks: WebhookHubs;
}

export type DriverFactory = (config: TerminalConfig, deps: DriverDeps) => TerminalDriver;
