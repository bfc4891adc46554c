// A NETS Connect@Cloud terminal behind the one TerminalDriver interface: one method per terminal
// command, each through the session so the terminal does one thing at a time.
import type {
  CashbackRequest,
  ConnectionTestResult,
  FinancialRequest,
  FlowStop,
  LostTransaction,
  OperationContext,
  ReversalRequest,
  TerminalDriver,
  TransactionResult,
} from '../../terminals/driver.js';
import { type Result, err, ok } from '../../protocol/result.js';
import type { CloudApi } from './cloud-api.js';
import {
  type LookedUp,
  readLookup,
  readReconciliation,
  readTerminalList,
  readTerminalState,
  type TransactionRequest,
} from './messages.js';
import type { NetsOptions } from './options.js';
import { fromFailure, fromLookup, fromReconciliation } from './results.js';
import { connectionTestResult, unansweredLookup } from '../unanswered.js';
import { isMinorAmount, notSupported } from '../unsendable.js';
import type { NetsSession } from './session.js';

export const NETS_PROTOCOL = 'nets';

export class NetsDriver implements TerminalDriver {
  readonly protocol = NETS_PROTOCOL;

  constructor(
    private readonly api: CloudApi,
    private readonly session: NetsSession,
    private readonly options: NetsOptions,
    /** The NETS terminal id, as the account lists it. */
    private readonly terminalId: string,
    /** The configured terminal's name, for status events. */
    private readonly name: string,
  ) {}

  pay(request: FinancialRequest, ctx: OperationContext): Promise<TransactionResult> {
    return this.financial(request, { transactionType: 'purchase', amount: request.amountMinor, orderId: request.reference }, ctx);
  }

  /** `amount` is the purchase alone; the cloud charges the card amount + amountCashback. */
  payWithCashback(request: CashbackRequest, ctx: OperationContext): Promise<TransactionResult> {
    if (!isMinorAmount(request.cashbackMinor)) return Promise.resolve(notSupported());
    const message: TransactionRequest = {
      transactionType: 'purchaseWithCashback',
      amount: request.amountMinor,
      amountCashback: request.cashbackMinor,
      orderId: request.reference,
    };
    return this.financial(request, message, ctx);
  }

  refund(request: FinancialRequest, ctx: OperationContext): Promise<TransactionResult> {
    return this.financial(
      request,
      { transactionType: 'returnOfGoods', amount: request.amountMinor, orderId: request.reference },
      ctx,
    );
  }

  /**
   * The cloud reverses the terminal's last transaction only, named by nothing but its amount
   * (REST API table), so the driver first makes sure the authorization code is that transaction.
   * A reversal answered "busy" is tried once more after a pause (notes: a void right after a
   * declined signature answers busy); busy means it did not run, so this repeats nothing.
   */
  reverse(request: ReversalRequest, ctx: OperationContext): Promise<TransactionResult> {
    if (!this.accepts(request)) return Promise.resolve(notSupported());
    return this.session.exclusive(async () => {
      if (!(await this.isLastTransaction(request.authorizationCode, ctx))) return fromFailure('reversalNotPossible');
      let result = await this.reverseOnce(request.amountMinor, ctx);
      if (result.responseCode === 'terminalBusy') {
        await delay(this.options.busyRetryDelayMs);
        result = await this.reverseOnce(request.amountMinor, ctx);
      }
      return result;
    });
  }

  /**
   * Reconciliation (end of day) as close totals; the terminal talks to the host, so the full
   * timeout. The answer is a header and the printed report (no totals). One that never came or
   * cannot be read may have closed the batch all the same, so it is in doubt, not failed: a
   * cashier who retried would reconcile twice.
   */
  closeTotals(ctx: OperationContext): Promise<TransactionResult> {
    return this.session.exclusive(async () => {
      ctx.onStatus({ terminal: this.name, kind: 'request-sent', detail: 'reconciliation' });
      const reply = await this.api.administration('reconciliation', this.options.resultTimeoutMs, ctx.signal);
      const reconciliation = reply.ok ? readReconciliation(reply.value.body) : undefined;
      if (reconciliation?.ok) return fromReconciliation(reconciliation.value);
      return unknownStaysUnknown(this.session.readFinal(reply));
    });
  }

  lastResult(ctx: OperationContext): Promise<TransactionResult | undefined> {
    return this.session.exclusive(() => this.lookUpLast(ctx));
  }

  /**
   * cancelAction, then one pause of the lookup lag whatever the cloud answered: a result that ended
   * moments ago is not visible yet (nets-connect-cloud.md, "Recovery lessons from production";
   * NaviPartner's lookup task sleeps 5 s before it asks), and after the pause the last-result
   * lookup sees every record that ended before the cancel. The lookup matches our orderId.
   */
  stopOrphanedFlow(_lost: LostTransaction, ctx: OperationContext): Promise<FlowStop> {
    return this.session.exclusive(async () => {
      ctx.onStatus({ terminal: this.name, kind: 'aborting', detail: 'cancelAction' });
      const cancelled = await this.session.cancel();
      await delay(this.options.lookupDelayMs);
      return cancelled ? { kind: 'stopped' } : { kind: 'unconfirmed', detail: 'the cloud did not take the cancelAction' };
    });
  }

  /** The terminal as the cloud sees it: reachable through the account and connected. */
  testTerminal(ctx: OperationContext): Promise<ConnectionTestResult> {
    return this.connectionTest(ctx, async () => {
      const reply = await this.api.terminalState(ctx.signal);
      const state = reply.ok && reply.value.status === 200 ? readTerminalState(reply.value.body) : undefined;
      if (!state?.ok) return this.session.readFinal(reply);
      return state.value === 'disconnected' ? fromFailure('terminalDisconnected') : approved();
    });
  }

  /** The cloud is the payment provider's side: a login that lists this terminal for the account. */
  testBank(ctx: OperationContext): Promise<ConnectionTestResult> {
    return this.connectionTest(ctx, async () => {
      const reply = await this.api.accountTerminals(ctx.signal);
      const list = reply.ok && reply.value.status === 200 ? readTerminalList(reply.value.body) : undefined;
      if (!list?.ok) return this.session.readFinal(reply);
      return list.value.includes(this.terminalId) ? approved() : fromFailure('terminalNotAllowed');
    });
  }

  /** A reversal of "the last transaction" must then ask the cloud which one that is. */
  forgetLatest(): void {
    this.session.forgetNewest();
  }

  /** Nothing to close: HTTP connections are pooled by fetch and the token expires on its own. */
  async close(): Promise<void> {}

  private financial(request: FinancialRequest, message: TransactionRequest, ctx: OperationContext): Promise<TransactionResult> {
    if (!this.accepts(request)) return Promise.resolve(notSupported());
    const send = (signal: AbortSignal) => this.api.startTransaction(message, this.options.resultTimeoutMs, signal);
    // A looked-up record's TotalAmount is what the card paid, so a lost request is matched by that.
    const charged = message.amount + (message.amountCashback ?? 0);
    return this.session.exclusive(() => this.session.financial(send, { orderId: message.orderId, amountMinor: charged }, ctx));
  }

  private async reverseOnce(amount: number, ctx: OperationContext): Promise<TransactionResult> {
    ctx.onStatus({ terminal: this.name, kind: 'request-sent', detail: 'reversal' });
    const reply = await this.api.reverseLast({ amount }, this.options.resultTimeoutMs, ctx.signal);
    // A reversal cannot be matched to a looked-up record (it carries no orderId): unknown stays unknown.
    return unknownStaysUnknown(this.session.readFinal(reply));
  }

  private async isLastTransaction(authorizationCode: string, ctx: OperationContext): Promise<boolean> {
    if (this.session.lastSeenStanAuth === authorizationCode) return true;
    await this.lookUpLast(ctx);
    return this.session.lastSeenStanAuth === authorizationCode;
  }

  private async lookUpLast(ctx: OperationContext): Promise<TransactionResult | undefined> {
    const last = await this.readLast(ctx);
    if (!last.ok) return unansweredLookup(last.error);
    return last.value && this.session.checked(fromLookup(last.value));
  }

  /** The terminal's last record (undefined: none yet), or why the cloud showed none. */
  private async readLast(ctx: OperationContext): Promise<Result<LookedUp | undefined, TransactionResult>> {
    const reply = await this.api.lastResult(ctx.signal);
    const record = reply.ok && reply.value.status === 200 ? readLookup(reply.value.body) : undefined;
    if (!record?.ok) return err(this.session.readFinal(reply));
    if (record.value !== undefined) this.session.noteRecord(record.value.args);
    return ok(record.value);
  }

  private async connectionTest(ctx: OperationContext, test: () => Promise<TransactionResult>): Promise<ConnectionTestResult> {
    const started = performance.now();
    const result = await this.session.exclusive(test);
    ctx.onStatus({ terminal: this.name, kind: 'result-received', detail: result.outcome });
    return connectionTestResult(result, Math.round(performance.now() - started));
  }

  /** Positive minor units in the terminal's currency (the API carries no currency: the terminal has one). */
  private accepts(request: FinancialRequest): boolean {
    const { currency } = this.options;
    return isMinorAmount(request.amountMinor) && (currency === undefined || currency === request.currency.alpha);
  }
}

/** An ending that says nothing of whether the cloud did it (no answer, or none we can read). */
function unknownStaysUnknown(result: TransactionResult): TransactionResult {
  return result.reason === 'timeout' || result.reason === 'connection-lost' || result.reason === 'malformed-answer'
    ? { ...result, outcome: 'in-doubt' }
    : result;
}

function approved(): TransactionResult {
  return { outcome: 'approved', responseCode: '00' };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
