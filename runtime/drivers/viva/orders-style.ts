// Style A, orders per source (viva.md, "A"): the driver creates an order for the desk's source
// (the terminal's serial number), the cashier's F1 makes the terminal pay the newest order of its
// source, and the order's transactions tell how it went. Merchant id : API key as Basic auth.
// Reversal cancels the sale's transaction. Orders give no refund without a parent: returns go
// through the cloud terminal style when its credentials are configured (options.ts).
import { minorUnitsOfMajor } from '../../money/amount.js';
import { exponentOf } from '../../money/currency.js';
import { type Result, err, ok } from '../../protocol/result.js';
import { type VivaApi, bodyOf, mayHaveTakenEffect } from './api.js';
import {
  type CreateOrderRequest,
  CreateOrderAnswer,
  ORDER_STATE,
  OrderAnswer,
  ReversalAnswer,
  SourcesAnswer,
  operationOfType,
  TransactionsAnswer,
} from './messages.js';
import { HOST_CODE } from './response-codes.js';
import type {
  AskedRequest,
  CallFailure,
  Handle,
  PollAnswer,
  StartFailure,
  VivaRecord,
  VivaRequest,
  VivaStyleApi,
} from './style.js';

type Transaction = TransactionsAnswer['Transactions'][number];

/** StatusIds of a transaction that charged the card, even if given back since (viva.md). */
const CHARGED = new Set(['F', 'C', 'R', 'X']);

export class OrdersStyle implements VivaStyleApi {
  constructor(
    private readonly api: VivaApi,
    /** The terminal's serial number, which is its source code. */
    private readonly sourceCode: string,
  ) {}

  start(request: VivaRequest): Promise<Result<Handle, StartFailure>> {
    return request.operation === 'reversal' ? this.reverse(request) : this.createOrder(request);
  }

  async poll(handle: Handle, request: AskedRequest, afterAbort: boolean): Promise<PollAnswer> {
    if (handle.locator === undefined)
      return { kind: 'unanswered', failure: { kind: 'lost', detail: 'the order code never reached us' } };
    const listed = await this.transactions(`ordercode=${encodeURIComponent(handle.locator)}`);
    if (!listed.ok) return { kind: 'unanswered', failure: listed.error };
    const ours = listed.value.filter((t) =>
      request.operation === 'reversal' ? t.ParentId === request.parent?.transactionId : !t.ParentId,
    );
    const charged = ours.find((t) => CHARGED.has(t.StatusId));
    if (charged) return { kind: 'final', record: recordOf(charged, request.operation) };
    const refused = ours.at(-1);
    const refusal = refused ? recordOf(refused, request.operation) : undefined;
    if (!afterAbort)
      return refusal
        ? { kind: 'refused-open', record: refusal }
        : { kind: request.operation === 'reversal' ? 'absent' : 'pending' };
    // A reversal's answer was lost and no reversal transaction exists: it did not happen.
    if (request.operation === 'reversal') return { kind: 'final', record: refusal ?? notCharged(request, handle.locator) };
    // Our cancel may not have stopped the terminal (viva.md): only a closed order is final.
    const state = await this.orderState(handle.locator);
    if (!state.ok) return { kind: 'unanswered', failure: state.error };
    if (state.value === ORDER_STATE.pending || state.value === ORDER_STATE.paid) return { kind: 'pending' };
    return { kind: 'final', record: refusal ?? notCharged(request, handle.locator) };
  }

  /** Cancels a sale's order so no F1 can pay it any more; a reversal has nothing to stop. */
  async abort(handle: Handle, request: AskedRequest): Promise<void> {
    if (request.operation !== 'sale' || handle.locator === undefined) return;
    await this.api.call('DELETE', `/api/orders/${encodeURIComponent(handle.locator)}`);
  }

  /** Viva names the order: without its code the order cannot be asked about. */
  handleOf(reference: string, providerReference: string | undefined): Handle | undefined {
    return providerReference === undefined ? undefined : { reference, locator: providerReference };
  }

  async dayRecords(date: string): Promise<Result<VivaRecord[], CallFailure>> {
    const listed = await this.transactions(`date=${date}&sourcecode=${encodeURIComponent(this.sourceCode)}`);
    if (!listed.ok) return listed;
    return ok(listed.value.map((t) => recordOf(t, operationOfType(t.TransactionTypeId))));
  }

  async checkTerminal(): Promise<Result<void, CallFailure>> {
    const answer = await this.api.call('GET', '/api/sources');
    if (!answer.ok) return answer;
    const sources = bodyOf(answer.value, SourcesAnswer);
    if (!sources.ok) return sources;
    return sources.value.some((s) => s.SourceCode === this.sourceCode)
      ? ok(undefined)
      : err({
          kind: 'rejected',
          code: HOST_CODE.requestRejected,
          detail: `no source with code ${this.sourceCode} (the terminal's serial number)`,
        });
  }

  private async createOrder(request: VivaRequest): Promise<Result<Handle, StartFailure>> {
    const order: CreateOrderRequest = {
      Amount: request.amountMinor,
      SourceCode: this.sourceCode,
      MerchantTrns: request.reference,
      ...(request.customerText && { CustomerTrns: request.customerText }),
    };
    const answer = await this.api.call('POST', '/api/orders', order);
    if (!answer.ok) return startFailure(answer.error, { reference: request.reference });
    const created = bodyOf(answer.value, CreateOrderAnswer);
    if (!created.ok) return startFailure(created.error, { reference: request.reference });
    const { OrderCode, ErrorCode, ErrorText } = created.value;
    if (ErrorCode !== 0 || !OrderCode) {
      return err({
        failure: { kind: 'rejected', code: HOST_CODE.requestRejected, detail: `ErrorCode ${ErrorCode}: ${ErrorText ?? ''}` },
      });
    }
    return ok({ reference: request.reference, locator: OrderCode });
  }

  /** Cancels (same day) or refunds the parent's transaction by amount; the answer is final. */
  private async reverse(request: VivaRequest): Promise<Result<Handle, StartFailure>> {
    const parent = request.parent;
    const handle: Handle = { reference: request.reference, locator: parent?.locator };
    const query = `amount=${request.amountMinor}&sourceCode=${encodeURIComponent(this.sourceCode)}`;
    const answer = await this.api.call('DELETE', `/api/transactions/${encodeURIComponent(parent?.transactionId ?? '')}?${query}`);
    if (!answer.ok) return startFailure(answer.error, handle);
    const reversal = bodyOf(answer.value, ReversalAnswer);
    if (!reversal.ok) return startFailure(reversal.error, handle);
    const { ErrorCode, ErrorText, StatusId, TransactionId, AuthorizationId } = reversal.value;
    if (ErrorCode !== 0)
      return err({
        failure: { kind: 'rejected', code: HOST_CODE.requestRejected, detail: `ErrorCode ${ErrorCode}: ${ErrorText ?? ''}` },
      });
    const immediate: VivaRecord = {
      operation: 'reversal',
      charged: StatusId !== undefined && StatusId !== null && CHARGED.has(StatusId),
      code: '00',
      amountMinor: request.amountMinor,
      currencyNumeric: request.currency.numeric,
      ...(TransactionId && { transactionId: TransactionId }),
      ...(AuthorizationId && { authorizationCode: AuthorizationId }),
    };
    return ok({ ...handle, immediate });
  }

  private async orderState(orderCode: string): Promise<Result<number, CallFailure>> {
    const answer = await this.api.call('GET', `/api/orders/${encodeURIComponent(orderCode)}`);
    if (!answer.ok) return answer;
    const order = bodyOf(answer.value, OrderAnswer);
    return order.ok ? ok(order.value.StateId) : order;
  }

  private async transactions(query: string): Promise<Result<Transaction[], CallFailure>> {
    const answer = await this.api.call('GET', `/api/transactions?${query}`);
    if (!answer.ok) return answer;
    const listed = bodyOf(answer.value, TransactionsAnswer);
    return listed.ok ? ok(listed.value.Transactions) : listed;
  }
}

/** A refusal or a lost connection before the answer: the flow tells them apart by `handle`. */
function startFailure(failure: CallFailure, handle: Handle): Result<never, StartFailure> {
  return err(mayHaveTakenEffect(failure) ? { failure, handle } : { failure });
}

/** No transaction on a closed order: Viva has no code for that, so the result reads as why recovery started. */
function notCharged(request: AskedRequest, locator: string): VivaRecord {
  return { operation: request.operation, charged: false, code: '', locator };
}

function recordOf(t: Transaction, operation: VivaRecord['operation']): VivaRecord {
  const charged = CHARGED.has(t.StatusId);
  const currencyNumeric = t.CurrencyCode ?? undefined;
  return {
    operation,
    charged,
    code: t.ResponseCode ?? (t.ResponseEventId ? String(t.ResponseEventId) : charged ? '00' : ''),
    transactionId: t.TransactionId,
    amountMinor: minorUnitsOfMajor(t.Amount, exponentOf(currencyNumeric)),
    ...(currencyNumeric && { currencyNumeric }),
    ...(t.AuthorizationId && { authorizationCode: t.AuthorizationId }),
    ...(t.CardNumber && { cardNumber: t.CardNumber }),
    ...(t.TerminalId && { terminalId: t.TerminalId }),
    ...(t.OrderCode && { locator: t.OrderCode }),
    // Only an order's own transaction carries our MerchantTrns; a cancellation's is not ours to read.
    ...(t.MerchantTrns && !t.ParentId && { reference: t.MerchantTrns }),
  };
}
