// The ČSOB B-protocol behind the one TerminalDriver interface: one method per terminal command,
// each a single B1 through the session.
import type {
  CashbackRequest,
  ConnectionTestResult,
  DriverDeps,
  FinancialRequest,
  OperationContext,
  ReversalRequest,
  TerminalConfig,
  TerminalDriver,
  TransactionResult,
} from '../../terminals/driver.js';
import type { TransactionRequest } from './messages.js';
import type { CsobOptions } from './options.js';
import { TRANSACTION_TYPE, VARIABLE_SYMBOL_MAX } from './profile.js';
import { toConnectionTestResult, toTransactionResult } from './results.js';
import { hasRecord } from './matching.js';
import { CsobSession } from './session.js';

export const CSOB_PROTOCOL = 'csob';

export class CsobDriver implements TerminalDriver {
  readonly protocol = CSOB_PROTOCOL;
  private readonly session: CsobSession;

  constructor(
    config: TerminalConfig,
    private readonly options: CsobOptions,
    deps: DriverDeps,
  ) {
    this.session = new CsobSession(config, options, deps.log);
  }

  pay(request: FinancialRequest, ctx: OperationContext): Promise<TransactionResult> {
    return this.financial(TRANSACTION_TYPE.sale, request, {}, ctx);
  }

  payWithCashback(request: CashbackRequest, ctx: OperationContext): Promise<TransactionResult> {
    if (!isMinorAmount(request.cashbackMinor)) return Promise.resolve(notSupported());
    // Field B carries the purchase and the cashback field the cash handed out (inferred).
    return this.financial(TRANSACTION_TYPE.saleWithCashback, request, { cashbackMinor: request.cashbackMinor }, ctx);
  }

  reverse(request: ReversalRequest, ctx: OperationContext): Promise<TransactionResult> {
    if (!/^[\x21-\x7e]{1,12}$/.test(request.authorizationCode)) return Promise.resolve(notSupported());
    return this.financial(TRANSACTION_TYPE.reversal, request, { authorizationCode: request.authorizationCode }, ctx);
  }

  refund(request: FinancialRequest, ctx: OperationContext): Promise<TransactionResult> {
    return this.financial(TRANSACTION_TYPE.refund, request, {}, ctx);
  }

  async closeTotals(ctx: OperationContext): Promise<TransactionResult> {
    const request: TransactionRequest = { type: 'B1', transactionType: TRANSACTION_TYPE.closeTotals };
    return toTransactionResult(await this.session.query(request, this.options.resultTimeoutMs, ctx));
  }

  async lastResult(ctx: OperationContext): Promise<TransactionResult | undefined> {
    const request: TransactionRequest = { type: 'B1', transactionType: TRANSACTION_TYPE.lastTransaction };
    const outcome = await this.session.query(request, this.options.infoTimeoutMs, ctx);
    if (outcome.kind === 'answered' && !hasRecord(outcome.response)) return undefined;
    return toTransactionResult(outcome);
  }

  testTerminal(ctx: OperationContext): Promise<ConnectionTestResult> {
    return this.connectionTest(TRANSACTION_TYPE.applicationInfo, this.options.infoTimeoutMs, ctx);
  }

  /** T95 reaches the bank's host, so it gets the full result timeout. */
  testBank(ctx: OperationContext): Promise<ConnectionTestResult> {
    return this.connectionTest(TRANSACTION_TYPE.lineTest, this.options.resultTimeoutMs, ctx);
  }

  async close(): Promise<void> {
    this.session.close();
  }

  private async financial(
    transactionType: string,
    request: FinancialRequest,
    extra: Pick<TransactionRequest, 'cashbackMinor' | 'authorizationCode'>,
    ctx: OperationContext,
  ): Promise<TransactionResult> {
    if (!isWireable(request)) return notSupported();
    const message: TransactionRequest = {
      type: 'B1',
      transactionType,
      amountMinor: request.amountMinor,
      currencyNumeric: request.currency.numeric,
      ...extra,
      ...(request.variableSymbol !== undefined && { variableSymbol: request.variableSymbol }),
    };
    return toTransactionResult(await this.session.financial(message, ctx));
  }

  private async connectionTest(transactionType: string, timeoutMs: number, ctx: OperationContext): Promise<ConnectionTestResult> {
    const started = performance.now();
    const outcome = await this.session.query({ type: 'B1', transactionType }, timeoutMs, ctx);
    return toConnectionTestResult(outcome, Math.round(performance.now() - started));
  }
}

/**
 * What the B-protocol can carry: positive minor units, an ISO numeric currency and a variable
 * symbol of at most 20 characters (csob-b.md, "Fields"). The bindings check this first; the driver
 * refuses rather than send something the terminal would misread.
 */
function isWireable(request: FinancialRequest): boolean {
  const symbol = request.variableSymbol;
  return (
    isMinorAmount(request.amountMinor) &&
    /^\d{3}$/.test(request.currency.numeric) &&
    (symbol === undefined || (/^[\x21-\x7e]+$/.test(symbol) && symbol.length <= VARIABLE_SYMBOL_MAX))
  );
}

function isMinorAmount(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0;
}

function notSupported(): TransactionResult {
  return { outcome: 'failed', reason: 'not-supported', responseCode: '' };
}
