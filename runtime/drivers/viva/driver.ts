// A Viva terminal behind the one TerminalDriver interface, in either integration style: the style
// speaks the endpoints, the payment flow waits and recovers, and this class maps the interface's
// operations onto them. Viva settles by itself; close totals reports the day's transactions of
// this terminal, it closes nothing.
import type {
  CashbackRequest,
  ConnectionTestResult,
  CurrencyTotal,
  FinancialRequest,
  FlowStop,
  LostTransaction,
  OperationContext,
  Reason,
  ReversalRequest,
  TransactionLookup,
  TransactionResult,
  TerminalDriver,
} from '../../terminals/driver.js';
import { alphaOfNumeric } from '../../money/currency.js';
import { maskCardNumbersInText } from '../../protocol/card-number.js';
import { type Result, err, ok } from '../../protocol/result.js';
import { unansweredLookup } from '../unanswered.js';
import { isMinorAmount, notSupported } from '../unsendable.js';
import { PaymentFlow } from './payment-flow.js';
import { HOST_CODE } from './response-codes.js';
import { toTransactionResult } from './results.js';
import type { AskedRequest, CallFailure, PollAnswer, VivaOperation, VivaRecord, VivaRequest, VivaStyleApi } from './style.js';

export const VIVA_PROTOCOL = 'viva';

export class VivaDriver implements TerminalDriver {
  readonly protocol = VIVA_PROTOCOL;
  /** This session's approved sales by authorization code, so a reversal finds its parent at once. */
  private readonly sales = new Map<string, VivaRecord>();

  constructor(
    private readonly style: VivaStyleApi,
    private readonly flow: PaymentFlow,
    /** Unreferenced refunds: the cloud terminal API's flow, when the driver can reach it. */
    private readonly returns: PaymentFlow | undefined,
  ) {}

  async pay(request: FinancialRequest, ctx: OperationContext): Promise<TransactionResult> {
    if (!isMinorAmount(request.amountMinor)) return notSupported();
    const end = await this.flow.run({ operation: 'sale', ...requestFields(request) }, ctx);
    if (end.kind === 'record' && end.record.charged && end.record.authorizationCode)
      this.sales.set(end.record.authorizationCode, end.record);
    return toTransactionResult(end);
  }

  /** Neither style carries cashback (the cloud terminal API has a tip amount, not cash out). */
  async payWithCashback(_request: CashbackRequest, _ctx: OperationContext): Promise<TransactionResult> {
    return notSupported();
  }

  /** A return to whatever card is presented: the cloud terminal's unreferenced refund. */
  async refund(request: FinancialRequest, ctx: OperationContext): Promise<TransactionResult> {
    if (!this.returns || !isMinorAmount(request.amountMinor)) return notSupported();
    return this.financial(this.returns, 'refund', request, undefined, ctx);
  }

  /** Gives back a sale found by its authorization code: refund by parent session / cancel transaction. */
  async reverse(request: ReversalRequest, ctx: OperationContext): Promise<TransactionResult> {
    if (!isMinorAmount(request.amountMinor)) return notSupported();
    const known = this.sales.get(request.authorizationCode);
    const parent = known ? ok(known) : await this.findSale(request.authorizationCode);
    if (!parent.ok) return failureResult(parent.error);
    return this.financial(this.flow, 'reversal', request, parent.value, ctx);
  }

  async closeTotals(_ctx: OperationContext): Promise<TransactionResult> {
    const records = await this.style.dayRecords(today());
    if (!records.ok) return failureResult(records.error);
    return { outcome: 'approved', responseCode: '00', totals: totalsOf(records.value) };
  }

  async lastResult(_ctx: OperationContext): Promise<TransactionResult | undefined> {
    const records = await this.style.dayRecords(today());
    if (!records.ok) return unansweredLookup(failureResult(records.error));
    const last = records.value.at(-1);
    return last && toTransactionResult({ kind: 'record', record: last });
  }

  /**
   * A sale or return sent before a host restart, by the order code the journal kept or the session
   * id that is our reference: the order cancelled or the session aborted (payment-flow.ts `stop`).
   * Viva's answer to that proves nothing (viva.md: a payment it answered 200 for may go on), so the
   * stop stays unconfirmed and the lookup decides: `findTransaction` reads the order or session
   * itself, final only once Viva shows it closed.
   */
  async stopOrphanedFlow(lost: LostTransaction, _ctx: OperationContext): Promise<FlowStop> {
    const flow = this.flowOf(lost.operation);
    if (!flow) return { kind: 'unconfirmed', detail: `no card flow to stop for a ${lost.operation}` };
    const reached = await flow.stop(askedOf(lost), lost.providerReference);
    return {
      kind: 'unconfirmed',
      detail: reached ? 'Viva shows whether the abort took' : 'the order code never reached the journal',
    };
  }

  /**
   * After the stop, the request read back (payment-flow.ts `settle`). Reversals are answered at
   * once by Viva, so the day's last record settles them.
   */
  async findTransaction(lost: LostTransaction, _ctx: OperationContext): Promise<TransactionLookup | undefined> {
    const flow = this.flowOf(lost.operation);
    if (!flow) return undefined;
    const request = askedOf(lost);
    const answer = await flow.settle(request, lost.providerReference);
    if (answer) return lookupOf(answer);
    // The order code never reached the journal (the host died in between): the day's listing
    // names the order once the terminal has taken it, and the code found there stops it.
    const records = await this.style.dayRecords(today());
    if (!records.ok) return { kind: 'unknown', detail: records.error.detail };
    const locator = records.value.find((r) => r.reference === lost.reference)?.locator;
    if (locator === undefined) return undefined;
    await flow.stop(request, locator);
    const listed = await flow.settle(request, locator);
    return listed && lookupOf(listed);
  }

  testTerminal(_ctx: OperationContext): Promise<ConnectionTestResult> {
    return connectionTest(() => this.style.checkTerminal());
  }

  /** Viva's cloud is the bank side here: an authorized query proves it answers and knows us. */
  testBank(_ctx: OperationContext): Promise<ConnectionTestResult> {
    return connectionTest(() => this.style.dayRecords(today()));
  }

  /** Each request is its own HTTP exchange: nothing stays open. */
  async close(): Promise<void> {}

  private flowOf(operation: LostTransaction['operation']): PaymentFlow | undefined {
    return operation === 'sale' ? this.flow : operation === 'refund' ? this.returns : undefined;
  }

  private async financial(
    flow: PaymentFlow,
    operation: VivaOperation,
    request: FinancialRequest,
    parent: VivaRecord | undefined,
    ctx: OperationContext,
  ): Promise<TransactionResult> {
    return toTransactionResult(await flow.run({ operation, ...requestFields(request), ...(parent && { parent }) }, ctx));
  }

  private async findSale(authorizationCode: string): Promise<Result<VivaRecord, CallFailure>> {
    const records = await this.style.dayRecords(today());
    if (!records.ok) return records;
    const sale = records.value.find((r) => r.operation === 'sale' && r.charged && r.authorizationCode === authorizationCode);
    return sale
      ? ok(sale)
      : err({
          kind: 'rejected',
          code: HOST_CODE.requestRejected,
          detail: `no sale with authorization code ${authorizationCode} today`,
        });
  }
}

/** What Viva gets of a request; the customer sees the document, never a card number in it. */
function requestFields(request: FinancialRequest): Pick<VivaRequest, 'reference' | 'customerText' | 'amountMinor' | 'currency'> {
  const { reference, documentReference, amountMinor, currency } = request;
  return {
    reference,
    amountMinor,
    currency,
    ...(documentReference && { customerText: maskCardNumbersInText(documentReference) }),
  };
}

function askedOf(lost: LostTransaction): AskedRequest {
  return { operation: lost.operation as VivaOperation, reference: lost.reference };
}

/** A request found after a restart reads like one whose answer the connection lost (results.ts). */
function lookupOf(answer: PollAnswer): TransactionLookup {
  switch (answer.kind) {
    case 'final':
      return { kind: 'found', result: toTransactionResult({ kind: 'record', record: answer.record, cause: 'connection-lost' }) };
    case 'refused-open':
    case 'pending':
    case 'absent':
      return { kind: 'unknown', detail: 'the request may still be paid' };
    case 'unanswered':
      return { kind: 'unknown', detail: answer.failure.detail };
  }
}

function totalsOf(records: VivaRecord[]): CurrencyTotal[] {
  const byCurrency = new Map<string, CurrencyTotal>();
  for (const record of records.filter((r) => r.charged && r.amountMinor !== undefined)) {
    const currency = alphaOfNumeric(record.currencyNumeric ?? '') ?? record.currencyNumeric ?? '';
    const total = byCurrency.get(currency) ?? { currency, count: 0, amountMinor: 0 };
    total.count += 1;
    total.amountMinor += record.operation === 'sale' ? record.amountMinor! : -record.amountMinor!;
    byCurrency.set(currency, total);
  }
  return [...byCurrency.values()];
}

async function connectionTest(check: () => Promise<Result<unknown, CallFailure>>): Promise<ConnectionTestResult> {
  const started = performance.now();
  const checked = await check();
  const elapsedMs = Math.round(performance.now() - started);
  if (checked.ok) return { ok: true, responseCode: '00', elapsedMs };
  const { reason, responseCode, responseText } = failureResult(checked.error);
  return { ok: false, ...(reason && { reason }), responseCode, ...(responseText && { responseText }), elapsedMs };
}

function failureResult(failure: CallFailure): TransactionResult {
  const reasons: Record<CallFailure['kind'], Reason> = {
    'not-sent': 'connection-refused',
    timeout: 'timeout',
    lost: 'connection-lost',
    aborted: 'connection-lost',
    malformed: 'malformed-answer',
    rejected: 'unknown',
  };
  return {
    outcome: 'failed',
    reason: reasons[failure.kind],
    responseCode: failure.kind === 'rejected' ? failure.code : '',
    responseText: failure.detail,
  };
}

/** The host's local calendar day, as Viva's day listings take it. */
function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
