// A letter-field terminal behind the one TerminalDriver interface: one method per terminal
// command, each a single request through the session. The profile in `settings` makes it ČSOB or
// GPE; nothing here names a bank.
import type {
  CashbackRequest,
  ConnectionTestResult,
  DriverDeps,
  FinancialRequest,
  FlowStop,
  LostTransaction,
  OperationContext,
  ReversalRequest,
  TerminalConfig,
  TerminalDriver,
  TransactionResult,
} from '../../terminals/driver.js';
import { hasRecord } from './matching.js';
import type { TransactionRequest } from './messages.js';
import type { SessionOptions } from './options.js';
import type { LetterFieldProfile } from './profile.js';
import { type ResultContext, toTransactionResult } from './results.js';
import { connectionTestResult, unansweredLookup } from '../unanswered.js';
import { isMinorAmount, notSupported } from '../unsendable.js';
import { LetterFieldSession, type SessionOutcome } from './session.js';

export interface DriverSettings extends ResultContext {
  /** The profile as configured (a configurable field id already applied). */
  profile: LetterFieldProfile;
  session: SessionOptions;
  /** Whether the document's variable symbol travels at all (GPE may leave the invoice number out). */
  sendVariableSymbol: boolean;
  /** ISO 639-1 sent with every financial request, where the profile has the field (GPE). */
  customerLanguage?: string;
}

type RequestExtras = Pick<TransactionRequest, 'cashbackMinor' | 'authorizationCode'>;

export class LetterFieldDriver implements TerminalDriver {
  readonly protocol: string;
  private readonly session: LetterFieldSession;

  constructor(
    config: TerminalConfig,
    private readonly settings: DriverSettings,
    deps: DriverDeps,
  ) {
    this.protocol = settings.profile.protocol;
    this.session = new LetterFieldSession(settings.profile, config, settings.session, deps.log);
  }

  pay(request: FinancialRequest, ctx: OperationContext): Promise<TransactionResult> {
    return this.financial(this.types.sale, request, {}, ctx);
  }

  payWithCashback(request: CashbackRequest, ctx: OperationContext): Promise<TransactionResult> {
    if (!isMinorAmount(request.cashbackMinor)) return Promise.resolve(notSupported());
    // The amount field carries the purchase and the cashback field the cash handed out (gpe.md:
    // "the cashback amount in the same form"; the ČSOB field is inferred).
    return this.financial(this.types.saleWithCashback, request, { cashbackMinor: request.cashbackMinor }, ctx);
  }

  reverse(request: ReversalRequest, ctx: OperationContext): Promise<TransactionResult> {
    if (!/^[\x21-\x7e]{1,12}$/.test(request.authorizationCode)) return Promise.resolve(notSupported());
    return this.financial(this.types.reversal, request, { authorizationCode: request.authorizationCode }, ctx);
  }

  refund(request: FinancialRequest, ctx: OperationContext): Promise<TransactionResult> {
    return this.financial(this.types.refund, request, {}, ctx);
  }

  async closeTotals(ctx: OperationContext): Promise<TransactionResult> {
    const request: TransactionRequest = { type: 'request', transactionType: this.types.closeTotals };
    return this.read(await this.session.query(request, this.settings.session.resultTimeoutMs, ctx));
  }

  async lastResult(ctx: OperationContext): Promise<TransactionResult | undefined> {
    const request: TransactionRequest = { type: 'request', transactionType: this.types.lastTransaction };
    const outcome = await this.session.query(request, this.settings.session.infoTimeoutMs, ctx);
    if (outcome.kind !== 'answered' || hasRecord(outcome.response, this.settings.profile)) return this.read(outcome);
    // The echo of T82 with the approval code means "no record"; with another code (busy: a card
    // flow still runs) the terminal did not look, which proves nothing.
    const echo = this.read(outcome);
    return echo.outcome === 'approved' ? undefined : unansweredLookup(echo);
  }

  /** T81 passivate: its answer means nothing runs any more, so T82 decides (csob-b.md, "Flows"). */
  async stopOrphanedFlow(_lost: LostTransaction, ctx: OperationContext): Promise<FlowStop> {
    const outcome = await this.session.stop(ctx);
    return outcome.kind === 'answered' ? { kind: 'stopped' } : { kind: 'unconfirmed', detail: outcome.detail };
  }

  testTerminal(ctx: OperationContext): Promise<ConnectionTestResult> {
    return this.connectionTest(this.types.applicationInfo, this.settings.session.infoTimeoutMs, ctx);
  }

  /** The line test reaches the bank's host, so it gets the full result timeout. */
  testBank(ctx: OperationContext): Promise<ConnectionTestResult> {
    return this.connectionTest(this.types.lineTest, this.settings.session.resultTimeoutMs, ctx);
  }

  async close(): Promise<void> {
    this.session.close();
  }

  private get types() {
    return this.settings.profile.transactionType;
  }

  private read(outcome: SessionOutcome): TransactionResult {
    return toTransactionResult(outcome, this.settings);
  }

  private async financial(
    transactionType: string,
    request: FinancialRequest,
    extras: RequestExtras,
    ctx: OperationContext,
  ): Promise<TransactionResult> {
    if (!this.isWireable(request)) return notSupported();
    const { customerLanguage, sendVariableSymbol } = this.settings;
    const message: TransactionRequest = {
      type: 'request',
      transactionType,
      amountMinor: request.amountMinor,
      currencyNumeric: request.currency.numeric,
      ...extras,
      ...(customerLanguage !== undefined && { customerLanguage }),
      ...(sendVariableSymbol && request.variableSymbol !== undefined && { variableSymbol: request.variableSymbol }),
    };
    return this.read(await this.session.financial(message, ctx));
  }

  private async connectionTest(transactionType: string, timeoutMs: number, ctx: OperationContext): Promise<ConnectionTestResult> {
    const started = performance.now();
    const outcome = await this.session.query({ type: 'request', transactionType }, timeoutMs, ctx);
    return connectionTestResult(toTransactionResult(outcome, this.settings), Math.round(performance.now() - started));
  }

  /**
   * What the profile can carry: positive minor units, an ISO numeric currency and a variable
   * symbol of the profile's shape (csob-b.md, "Fields"; gpe.md). The bindings check this first;
   * the driver refuses rather than send something the terminal would misread.
   */
  private isWireable(request: FinancialRequest): boolean {
    const symbol = request.variableSymbol;
    const symbolFits =
      symbol === undefined || !this.settings.sendVariableSymbol || this.settings.profile.variableSymbol.pattern.test(symbol);
    return isMinorAmount(request.amountMinor) && /^\d{3}$/.test(request.currency.numeric) && symbolFits;
  }
}
