/**
 * payscript — the objects a payment script sees.
 *
 * Every client drives the card terminal bound to this cash desk (by PC name, by user, or one
 * terminal for all). `Execute()` blocks the script until the terminal gives its final answer; no
 * answer within the terminal's timeout (60 s unless the admin set another) means the transaction
 * failed. Scripts are synchronous: never `await` a client or call it inside `.then()`.
 *
 * Amounts are decimals in major units (100.50 = one hundred and fifty hundredths), given as a
 * number or a string ("100.50" or "100,50"). More decimals than the currency has, zero or less,
 * NaN, or more than 99 999 999.99 is refused with an error that names the argument.
 */

/** How a transaction ended. */
type TransactionStatus =
  /** The terminal and the bank approved it. */
  | 'Approved'
  /** The bank or the card refused it (insufficient funds, expired card…). */
  | 'Declined'
  /** Cancelled by the cash desk (its Abort, Ctrl+C); nothing was charged. */
  | 'Cancelled'
  /** Nothing was charged: the customer cancelled on the terminal, no answer in time, no connection, terminal busy, not supported… */
  | 'Failed'
  /**
   * The outcome is not known yet; the host keeps looking it up and records it in the journal.
   * Do not charge again: a new payment of the same document is refused until it is settled.
   */
  | 'InDoubt';

/**
 * Why the host refused to send anything ('' when it did not refuse). The transaction ends `Failed`
 * and nothing reached the terminal.
 */
type RefusalReason =
  | ''
  /** The document already has an approved card payment (not reversed). Mark it paid; see `AllowRepeat`. */
  | 'AlreadyPaid'
  /** An earlier payment of the document is still being verified. Try again in a moment. */
  | 'PaymentInDoubt'
  /** The terminal's previous transaction is still being verified; it takes no new work until then. */
  | 'TerminalInDoubt';

/** ISO 4217 currency: alphabetic ("CZK", "EUR") or numeric (203, "978"). */
type CurrencyCode = string | number;

/** A decimal amount in major units: 100.5, "100.50" or "100,50". */
type Amount = number | string;

/** Totals of one currency after the end of day. */
interface CurrencyTotals {
  /** ISO 4217 alphabetic code. */
  readonly Currency: string;
  /** Number of transactions. */
  readonly Count: number;
  /** Their sum in major units. */
  readonly Sum: number;
}

/** What every client offers. Result properties are filled by `Execute()`. */
declare abstract class TTerminalClient {
  /**
   * Sends the request to the terminal and blocks until its final answer.
   * @returns `true` when the transaction was approved.
   */
  Execute(): boolean;
  /** Releases the terminal. Calling it twice is harmless; `Execute` after `Free` fails. */
  Free(): void;
  /**
   * Every transaction is recorded in the host's journal, and a payment for a document that already
   * has an approved payment (or one still being verified) is refused with `Refusal` set, so a
   * customer is never charged twice for one document by mistake. Set `true` before `Execute` to
   * charge the document again on purpose (a second card for a split bill). Default `false`.
   */
  AllowRepeat: boolean;
  /**
   * The document a payment is for, up to 64 characters; '' (the default) means the variable
   * symbol. Payments without either are never refused as repeats.
   */
  DocumentReference: string;
  /** `true` when the last `Execute` was approved. */
  readonly Success: boolean;
  /** How the last `Execute` ended; `undefined` before the first one. */
  readonly Status: TransactionStatus | undefined;
  /** The terminal's raw response code, e.g. "000" ("" when the terminal never answered). */
  readonly ResponseCode: string;
  /** What happened, in the language of this run (cs, sk, en, de), ready to show the cashier. */
  readonly LocalizedResponseDescription: string;
  /** Authorization code of the approved transaction; the verification code for a reversal. */
  readonly AuthorizationCode: string;
  /** Card number with all but at most the first six and last four digits masked. */
  readonly MaskedCardNumber: string;
  /** The terminal's or provider's transaction id, when it gives one. */
  readonly TransactionId: string;
  /** Id of the terminal that handled the transaction. */
  readonly TerminalId: string;
  /** The merchant's copy of the receipt, as the terminal printed it. */
  readonly MerchantReceipt: string;
  /** The customer's copy of the receipt. */
  readonly CustomerReceipt: string;
  /** Why the host refused to send the last `Execute`, '' when it sent it. */
  readonly Refusal: RefusalReason;
}

/**
 * A card payment.
 * @example
 * const payment = new TPaymentClient(1250.5, 'CZK', '2024001234');
 * if (!payment.Execute()) console.log(payment.LocalizedResponseDescription);
 */
declare class TPaymentClient extends TTerminalClient {
  /**
   * @param amount amount to charge, in major units
   * @param currency ISO 4217 code
   * @param variableSymbol the document's variable symbol, 1–10 digits
   */
  constructor(amount: Amount, currency: CurrencyCode, variableSymbol?: string | number);
  /** Same as `new TPaymentClient(...)`, for Pascal-style scripts. */
  static Create(amount: Amount, currency: CurrencyCode, variableSymbol?: string | number): TPaymentClient;
}

/** A card payment with cash given back to the customer. */
declare class TPaymentWithCashbackClient extends TTerminalClient {
  /**
   * @param amount amount of the goods, in major units
   * @param cashbackAmount cash handed to the customer, in major units
   * @param currency ISO 4217 code
   * @param variableSymbol the document's variable symbol, 1–10 digits
   */
  constructor(amount: Amount, cashbackAmount: Amount, currency: CurrencyCode, variableSymbol?: string | number);
  static Create(
    amount: Amount,
    cashbackAmount: Amount,
    currency: CurrencyCode,
    variableSymbol?: string | number,
  ): TPaymentWithCashbackClient;
}

/** Storno (reversal) of the terminal's last transaction. */
declare class TReversalClient extends TTerminalClient {
  /**
   * @param amount amount of the transaction being reversed
   * @param currency ISO 4217 code
   * @param verificationCode the authorization code of the transaction being reversed
   */
  constructor(amount: Amount, currency: CurrencyCode, verificationCode: string);
  static Create(amount: Amount, currency: CurrencyCode, verificationCode: string): TReversalClient;
}

/** Money back to the card (return of goods). */
declare class TReturnClient extends TTerminalClient {
  /**
   * @param amount amount to return, in major units
   * @param currency ISO 4217 code
   * @param variableSymbol the credit note's variable symbol, 1–10 digits
   */
  constructor(amount: Amount, currency: CurrencyCode, variableSymbol?: string | number);
  static Create(amount: Amount, currency: CurrencyCode, variableSymbol?: string | number): TReturnClient;
}

/** End of day: closes the terminal's batch and reports the totals. */
declare class TCloseTotalsClient extends TTerminalClient {
  constructor();
  static Create(): TCloseTotalsClient;
  /** Count and sum per currency of the closed batch (filled by `Execute`). */
  readonly Totals: readonly CurrencyTotals[];
}

/**
 * Lines written here appear in the run's output and in the session log. A line keeps at most
 * 16 384 characters, a run at most `limits.outputKiB` of output (1 MiB unless configured); past
 * that the script runs on and further lines are dropped, counted in one closing line.
 */
declare const console: {
  log(...values: unknown[]): void;
  info(...values: unknown[]): void;
  warn(...values: unknown[]): void;
  error(...values: unknown[]): void;
  debug(...values: unknown[]): void;
};
