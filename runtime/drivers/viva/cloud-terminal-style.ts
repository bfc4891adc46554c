// Style B, the cloud terminal (ECR) API (viva.md, "B"): a sale under our own session id (our
// reference), the session polled until it stops answering 202, an abort by deleting the session,
// a reversal as a refund of the parent session, and an unreferenced refund for returns.
import { type Result, err, ok } from '../../protocol/result.js';
import { type VivaApi, bodyOf, mayHaveTakenEffect } from './api.js';
import {
  DevicesAnswer,
  type EcrRefundRequest,
  EcrSession,
  EcrSessionList,
  type EcrTransactionRequest,
  operationOfType,
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

type Session = ReturnType<typeof EcrSession.parse>;

const ENDPOINT = {
  sale: '/ecr/v1/transactions:sale',
  refund: '/ecr/v1/transactions:unreferenced-refund',
  reversal: '/ecr/v1/transactions:refund',
} as const;

export class CloudTerminalStyle implements VivaStyleApi {
  constructor(
    private readonly api: VivaApi,
    private readonly terminalId: string,
    private readonly cashRegisterId: string,
  ) {}

  async start(request: VivaRequest): Promise<Result<Handle, StartFailure>> {
    const handle = this.handleOf(request.reference);
    const body: EcrTransactionRequest | EcrRefundRequest = {
      sessionId: request.reference,
      terminalId: this.terminalId,
      cashRegisterId: this.cashRegisterId,
      amount: request.amountMinor,
      currencyCode: request.currency.numeric,
      merchantReference: request.reference,
      ...(request.customerText && { customerTrns: request.customerText }),
      ...(request.operation === 'reversal' && { parentSessionId: request.parent?.locator ?? '' }),
    };
    const answer = await this.api.call('POST', ENDPOINT[request.operation], body);
    if (answer.ok) return ok(handle);
    return err(mayHaveTakenEffect(answer.error) ? { failure: answer.error, handle } : { failure: answer.error });
  }

  async poll(handle: Handle, request: AskedRequest, afterAbort: boolean): Promise<PollAnswer> {
    const answer = await this.api.call('GET', `/ecr/v1/sessions/${encodeURIComponent(handle.reference)}`);
    if (!answer.ok) {
      // No such session: the sale never registered, and after our abort it never will.
      if (isNotFound(answer.error)) return afterAbort ? { kind: 'final', record: notStarted(request) } : { kind: 'absent' };
      return { kind: 'unanswered', failure: answer.error };
    }
    // "202 while the session is being processed" (viva.md).
    if (answer.value.status === 202) return { kind: 'pending' };
    const session = bodyOf(answer.value, EcrSession);
    if (!session.ok) return { kind: 'unanswered', failure: session.error };
    return { kind: 'final', record: recordOf(session.value, request.operation) };
  }

  /** Our reference is the session id, so the session can be looked up whatever happens next. */
  handleOf(reference: string): Handle {
    return { reference, locator: reference };
  }

  async abort(handle: Handle): Promise<void> {
    await this.api.call(
      'DELETE',
      `/ecr/v1/sessions/${encodeURIComponent(handle.reference)}?cashRegisterId=${encodeURIComponent(this.cashRegisterId)}`,
    );
  }

  async dayRecords(date: string): Promise<Result<VivaRecord[], CallFailure>> {
    const answer = await this.api.call('GET', `/ecr/v1/sessions?date=${date}`);
    if (!answer.ok) return answer;
    const sessions = bodyOf(answer.value, EcrSessionList);
    if (!sessions.ok) return sessions;
    return ok(
      sessions.value
        .filter((s) => s.terminalId === this.terminalId)
        .map((s) => recordOf(s, operationOfType(s.transactionTypeId))),
    );
  }

  async checkTerminal(): Promise<Result<void, CallFailure>> {
    const answer = await this.api.call('POST', '/ecr/v1/devices:search', {});
    if (!answer.ok) return answer;
    const devices = bodyOf(answer.value, DevicesAnswer);
    if (!devices.ok) return devices;
    return devices.value.some((d) => d.terminalId === this.terminalId)
      ? ok(undefined)
      : err({
          kind: 'rejected',
          code: HOST_CODE.requestRejected,
          detail: `terminal ${this.terminalId} is not among the account's devices`,
        });
  }
}

function isNotFound(failure: CallFailure): boolean {
  return failure.kind === 'rejected' && failure.status === 404;
}

/** No session ever existed: Viva has no code for that, so the result reads as why recovery started. */
function notStarted(request: AskedRequest): VivaRecord {
  return { operation: request.operation, charged: false, code: '', locator: request.reference };
}

function recordOf(session: Session, operation: VivaRecord['operation']): VivaRecord {
  return {
    operation,
    charged: session.success,
    code: session.success ? '00' : session.eventId ? String(session.eventId) : '',
    locator: session.sessionId,
    ...(session.message && { text: session.message }),
    ...(session.transactionId && { transactionId: session.transactionId }),
    ...(session.authorizationId && { authorizationCode: session.authorizationId }),
    ...(session.primaryAccountNumberMasked && { cardNumber: session.primaryAccountNumberMasked }),
    ...(session.terminalId && { terminalId: session.terminalId }),
    ...(typeof session.amount === 'number' && { amountMinor: session.amount }),
    ...(session.currencyCode && { currencyNumeric: session.currencyCode }),
    ...(session.merchantReference && { reference: session.merchantReference }),
  };
}
