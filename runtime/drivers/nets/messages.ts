// The JSON of the Connect@Cloud REST API (nets-connect-cloud.md, "REST API") as plain types, and
// tolerant readers that turn an answer body into a typed message or say what is wrong with it. The
// answer shapes are checked against NaviPartner's NETS Cloud response parser, in production for
// years (navipartner/npcore-partners); what it does not read is marked inferred.
// No I/O here: the driver reads these bodies and the simulator writes them, so both agree by type.
import { type Result, err, ok } from '../../protocol/result.js';

export const API = {
  login: '/v1/login',
  terminals: '/v1/terminal',
  terminal: (tid: string) => `/v1/terminal/${encodeURIComponent(tid)}`,
  /** POST starts a transaction, GET is the last result, DELETE reverses the last transaction. */
  transaction: (tid: string) => `/v1/terminal/${encodeURIComponent(tid)}/transaction`,
  administration: (tid: string) => `/v1/terminal/${encodeURIComponent(tid)}/administration`,
} as const;

export interface LoginRequest {
  username: string;
  password: string;
}

export interface LoginAnswer {
  /** A JWT; its `exp` says when to renew. */
  token: string;
}

export type TransactionType = 'purchase' | 'purchaseWithCashback' | 'returnOfGoods';

export interface TransactionRequest {
  transactionType: TransactionType;
  /**
   * Minor units. With cashback, the purchase only: the card is charged amount + amountCashback
   * (NaviPartner's NETS Cloud protocol sends total − cashback here, navipartner/npcore-partners).
   */
  amount: number;
  /** Minor units of cash handed out; only with `purchaseWithCashback`. */
  amountCashback?: number;
  /** Our reference; the cloud echoes it only on success, which is what recovery matches on. */
  orderId: string;
}

/** DELETE on the transaction path: the terminal's last transaction is reversed. */
export interface ReversalRequest {
  amount: number;
}

export type AdministrationAction = 'reconciliation' | 'cancelAction';

export interface AdministrationRequest {
  action: AdministrationAction;
}

/** `localModeEventArgs.Result` (nets-connect-cloud.md). */
export const RESULT = { financialOk: 0, administrativeOk: 1, rejected: 2, loyalty: 3, unknown: 99 } as const;

export interface LocalModeEventArgs {
  Result: number;
  ResultData?: string;
  TruncatedPAN?: string;
  /** `YYYYMMDDhhmmss` (terminal local time) or ISO-8601. */
  TimeStamp?: string;
  /** Cardholder verification: 0 PIN, 1 signature, 2 none, 4 on the device. */
  CVM?: number;
  /** The reconciliation batch the record belongs to: shared by every transaction until the next end of day. */
  SessionNumber?: string;
  /**
   * STAN and authorisation code as one reference; unique per terminal transaction. The production
   * parser keeps it as the authorisation number and as the transaction's external id.
   */
  StanAuth?: string;
  /** Minor units charged, cashback included (read as the result amount of a payment). */
  TotalAmount?: number | string;
  RejectionSource?: number | string;
  RejectionReason?: number | string;
  /** ISO 8583 host answer, `00` approved. */
  ResponseCode?: string;
  TerminalID?: string;
  CardIssuerName?: string;
  AID?: string;
}

export interface SuccessEntry {
  localModeEventArgs: LocalModeEventArgs;
  customerReceipt?: string;
  merchantReceipt?: string;
  cardType?: string;
  /** Inferred here: the production parser reads orderId only in a lookup. */
  orderId?: string;
}

/** `result` is an array of one entry (the production parser reads element 0). */
export interface SuccessBody {
  result: SuccessEntry[];
}

export interface FailureBody {
  failure: string | { error: string; localModeEventArgs?: LocalModeEventArgs };
}

export interface LookupBody {
  result: { latestTransactionResult?: LocalModeEventArgs | null; printText?: { Text?: string }; orderId?: string };
}

/**
 * The answer to `{action: reconciliation}`: a header and the printed report, no event args and no
 * totals (the shape NaviPartner's NETS Cloud response parser reads, navipartner/npcore-partners).
 */
export interface ReconciliationBody {
  result: {
    reconciliation: {
      /** `timestamp` is ISO-8601; `sessionNumber` is the batch this end of day closed. */
      header: { timestamp: string; sessionNumber: string | number };
      printText?: { Text?: string };
    };
  };
}

export interface TerminalListBody {
  terminals: { terminalId: string }[];
}

export interface TerminalStateBody {
  terminalId: string;
  state: string;
}

/** Login failure: `{error}`. */
export interface ErrorBody {
  error: string;
}

// ---- readers: unknown JSON in, typed message or a description of the defect out -------------

export type Answer = { kind: 'success'; entry: SuccessEntry } | { kind: 'failure'; error: string; args?: LocalModeEventArgs };

/** A transaction, reversal or administration answer: a success body or a failure body. */
export function readAnswer(body: unknown): Result<Answer, string> {
  if (!isObject(body)) return err('not a JSON object');
  if (Array.isArray(body.result)) {
    const entry: unknown = body.result[0];
    if (!isObject(entry) || !isArgs(entry.localModeEventArgs)) return err('result without localModeEventArgs');
    return ok({ kind: 'success', entry: entry as unknown as SuccessEntry });
  }
  const failure = readFailure(body);
  return failure ? ok(failure) : err('neither result nor failure');
}

/**
 * `{failure: "text"}`, `{failure: {error, localModeEventArgs?}}` or a login-style `{error}`. The
 * error is free text in production (NaviPartner's parser shows it as it came); an empty one says
 * nothing, so the answer counts as unreadable.
 */
export function readFailure(body: unknown): Extract<Answer, { kind: 'failure' }> | undefined {
  if (!isObject(body)) return undefined;
  const { failure } = body;
  if (isText(failure)) return { kind: 'failure', error: failure };
  if (isObject(failure) && isText(failure.error)) {
    return {
      kind: 'failure',
      error: failure.error,
      ...(isArgs(failure.localModeEventArgs) && { args: failure.localModeEventArgs }),
    };
  }
  if (isText(body.error)) return { kind: 'failure', error: body.error };
  return undefined;
}

export function readLogin(body: unknown): Result<LoginAnswer, string> {
  return isObject(body) && typeof body.token === 'string' && body.token !== ''
    ? ok({ token: body.token })
    : err('login answer without token');
}

export interface LookedUp {
  args: LocalModeEventArgs;
  orderId?: string;
  printText?: string;
}

/** The last result, or undefined when the terminal has none. */
export function readLookup(body: unknown): Result<LookedUp | undefined, string> {
  if (!isObject(body) || !isObject(body.result)) return err('lookup answer without result');
  const { latestTransactionResult: args, orderId, printText } = body.result;
  if (args === undefined || args === null) return ok(undefined);
  if (!isArgs(args)) return err('latestTransactionResult without Result');
  return ok({
    args,
    ...(typeof orderId === 'string' && { orderId }),
    ...(isObject(printText) && typeof printText.Text === 'string' && { printText: printText.Text }),
  });
}

export interface Reconciliation {
  /** The batch this end of day closed. */
  sessionNumber: string;
  /** The printed report. */
  report?: string;
}

/** A reconciliation answer, or a description of its defect (a failure body is read by readFailure). */
export function readReconciliation(body: unknown): Result<Reconciliation, string> {
  const result = isObject(body) ? body.result : undefined;
  const reconciliation = isObject(result) ? result.reconciliation : undefined;
  if (!isObject(reconciliation) || !isObject(reconciliation.header)) return err('reconciliation answer without header');
  const { sessionNumber } = reconciliation.header;
  if ((typeof sessionNumber !== 'string' || sessionNumber === '') && typeof sessionNumber !== 'number')
    return err('reconciliation header without sessionNumber');
  const { printText } = reconciliation;
  return ok({
    sessionNumber: String(sessionNumber),
    ...(isObject(printText) && typeof printText.Text === 'string' && { report: printText.Text }),
  });
}

export function readTerminalList(body: unknown): Result<string[], string> {
  if (!isObject(body) || !Array.isArray(body.terminals)) return err('terminal list without terminals');
  return ok(body.terminals.flatMap((t: unknown) => (isObject(t) && typeof t.terminalId === 'string' ? [t.terminalId] : [])));
}

export function readTerminalState(body: unknown): Result<string, string> {
  return isObject(body) && typeof body.state === 'string' ? ok(body.state) : err('terminal answer without state');
}

/** Minor units from a number or a string of digits; none when a double cannot hold them exactly. */
export function readAmount(value: unknown): number | undefined {
  const minor = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  return typeof minor === 'number' && Number.isSafeInteger(minor) ? minor : undefined;
}

/** `YYYYMMDDhhmmss` in the terminal's local time, or ISO-8601 (nets-connect-cloud.md). */
export function readTimeStamp(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const compact = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (compact) {
    const [, y, mo, d, h, mi, s] = compact.map(Number) as number[];
    return new Date(y!, mo! - 1, d, h, mi, s).getTime();
  }
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function isArgs(value: unknown): value is LocalModeEventArgs {
  return isObject(value) && typeof value.Result === 'number';
}
