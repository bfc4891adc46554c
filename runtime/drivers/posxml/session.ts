// One PoSXML operation at a time per terminal (posxml.md, "Transport"), and what happens when a
// transaction's answer does not come back: CancelAllOperations stops whatever still runs, then
// GetLastTransactionData by our TransactionID tells whether it happened. A financial request
// whose outcome is unknown is never sent again (README.md, "Architecture").
import { type ConnectFailure, type Unanswered, abortedBeforeSending, unanswered, unsent } from '../unanswered.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { OperationContext, Reason, StatusEvent, TerminalConfig, TerminalLog } from '../../terminals/driver.js';
import { SerialQueue } from '../../terminals/serial-queue.js';
import {
  type PosxmlRequest,
  type PosxmlResponse,
  type RefundTransactionRequest,
  type ReverseTransactionRequest,
  type TransactionCompletion,
  type TransactionOutcomeResponse,
  type TransactionRequest,
  decodeMessage,
  encodeMessage,
} from './messages.js';
import type { PosxmlOptions } from './options.js';
import { type Classified, RETURN_CODE, classifyRefusal } from './response-codes.js';
import { HttpTransport, type LostCause } from './transport.js';
import { type RecordAddress, judgeAnswer, readRecord } from './verdict.js';

/** The terminal gave a final answer, directly or through the lookup. */
export interface Answered {
  kind: 'answered';
  response: TransactionOutcomeResponse;
  verdict: Classified;
}

export type SessionOutcome = Answered | Unanswered;
/** `response` is of the type asked for, or an Error (spec §2.8.7). */
export type QueryOutcome = { kind: 'reply'; response: PosxmlResponse } | Unanswered;

export type WireFinancialRequest = TransactionRequest | RefundTransactionRequest | ReverseTransactionRequest;

/** How to tell a financial request's fate: the answer it expects and how to look it up. */
export interface FinancialPlan {
  answer: TransactionOutcomeResponse['type'];
  /** TransactionCompletion of a done transaction (COMPLETED; COMPLETED_REV for a reversal). */
  aim: TransactionCompletion;
  /** What GetLastTransactionData asks for: our TransactionID, or the reversed transaction. */
  lookup: RecordAddress;
}

/** Why recovery runs: the answer was lost, or it came without proof of completion. */
type RecoveryCause = LostCause | 'unproven';

type MessageEnd =
  | { kind: 'reply'; response: PosxmlResponse }
  | { kind: 'unsent'; failure: ConnectFailure }
  | { kind: 'lost'; cause: LostCause; detail: string };

const CANCEL_ALL: PosxmlRequest = { type: 'CancelAllOperationsRequest' };

export class PosxmlSession {
  private readonly transport: HttpTransport;
  /** The terminal serves one operation at a time; callers queue behind each other. */
  private readonly turns = new SerialQueue();

  constructor(
    private readonly config: TerminalConfig,
    private readonly options: PosxmlOptions,
    private readonly log: TerminalLog,
  ) {
    this.transport = new HttpTransport({
      host: config.host,
      port: config.port,
      connectTimeoutMs: options.connectTimeoutMs,
      logName: config.id,
      log,
    });
  }

  /** CancelAllOperations, the request, and recovery when its answer is lost or proves nothing. */
  financial(request: WireFinancialRequest, plan: FinancialPlan, ctx: OperationContext): Promise<SessionOutcome> {
    return this.turns.run(() => this.runFinancial(request, plan, ctx));
  }

  /** A request that moves no money: answered (by `answer` or an Error), or unanswered; never resent. */
  query(request: PosxmlRequest, answer: PosxmlResponse['type'], timeoutMs: number, ctx: OperationContext): Promise<QueryOutcome> {
    return this.turns.run(() => this.runQuery(request, answer, timeoutMs, ctx));
  }

  /** CancelAllOperations on its own: stops whatever card flow runs (a register that died left it). */
  cancelAll(ctx: OperationContext): Promise<QueryOutcome> {
    return this.query(CANCEL_ALL, 'CancelAllOperationsResponse', this.options.infoTimeoutMs, ctx);
  }

  close(): void {
    this.transport.close();
  }

  private async runFinancial(request: WireFinancialRequest, plan: FinancialPlan, ctx: OperationContext): Promise<SessionOutcome> {
    if (ctx.signal.aborted) return abortedBeforeSending();
    // Integrations clear a stuck terminal before each transaction (posxml.md, "Pitfalls").
    const cleared = await this.send(CANCEL_ALL, this.options.infoTimeoutMs, ctx, ctx.signal);
    if (cleared.kind === 'unsent') return unsent(cleared.failure);
    if (cleared.kind === 'lost') {
      return cleared.cause === 'aborted'
        ? abortedBeforeSending()
        : unanswered('failed', cleared.cause, `CancelAllOperations: ${cleared.detail}; the transaction was not sent`);
    }
    if (cleared.response.returnCode !== RETURN_CODE.ok) {
      this.log.warn(this.config.id, `CancelAllOperations answered ReturnCode ${cleared.response.returnCode}; sending anyway`);
    }
    if (ctx.signal.aborted) return abortedBeforeSending();

    const end = await this.send(request, this.options.resultTimeoutMs, ctx, ctx.signal);
    switch (end.kind) {
      case 'unsent':
        return unsent(end.failure);
      case 'lost':
        return this.recover(plan, end.cause, end.detail, ctx);
    }
    const response = end.response;
    // An Error answers a message or version the terminal refused: nothing ran (spec §1.4).
    if (response.type === 'Error') {
      return {
        kind: 'answered',
        response: { type: plan.answer, returnCode: response.returnCode },
        verdict: classifyRefusal(response.returnCode),
      };
    }
    if (response.type !== plan.answer)
      return this.recover(plan, 'malformed-answer', `<${response.type}> answered <${request.type}>`, ctx);
    const judged = judgeAnswer(response as TransactionOutcomeResponse, plan.aim);
    if (judged.kind === 'unproven') return this.recover(plan, 'unproven', judged.detail, ctx);
    return { kind: 'answered', response: response as TransactionOutcomeResponse, verdict: judged.verdict };
  }

  /**
   * The request went out and its fate is unknown. CancelAllOperations stops it if it still runs
   * (skipped when the terminal did answer), then GetLastTransactionData reads the terminal's
   * record, retried while the terminal is busy finishing. Runs to the end even after an abort.
   */
  private async recover(
    plan: FinancialPlan,
    cause: RecoveryCause,
    detail: string,
    ctx: OperationContext,
  ): Promise<SessionOutcome> {
    this.status(ctx, cause === 'aborted' ? 'aborting' : 'recovering', detail);
    this.log.info(this.config.id, `recovering: ${detail}`);
    if (cause !== 'unproven') {
      const cancelled = await this.send(CANCEL_ALL, this.options.infoTimeoutMs, ctx);
      if (cancelled.kind !== 'reply') this.log.warn(this.config.id, 'CancelAllOperations during recovery got no answer');
    }
    const { amountMinor: _matchedOnly, ...address } = plan.lookup;
    const lookup: PosxmlRequest = {
      type: 'GetLastTransactionDataRequest',
      ...address,
      returnReceipts: this.options.receiptWidth,
    };
    for (let attempt = 1; attempt <= this.options.lookupAttempts; attempt++) {
      if (attempt > 1) await sleep(this.options.lookupDelayMs);
      const end = await this.send(lookup, this.options.infoTimeoutMs, ctx);
      if (end.kind !== 'reply' || end.response.type !== 'GetLastTransactionDataResponse') {
        this.log.warn(
          this.config.id,
          `lookup ${attempt}: ${end.kind === 'reply' ? `<${end.response.type}> ${end.response.returnCode}` : end.kind}`,
        );
        continue;
      }
      const reading = readRecord(end.response, plan.aim, plan.lookup);
      switch (reading.kind) {
        case 'done':
          return { kind: 'answered', response: end.response, verdict: reading.verdict };
        case 'not-done':
          return { kind: 'answered', response: end.response, verdict: afterRecovery(reading.verdict, end.response, cause) };
        case 'missing':
          return cause === 'aborted'
            ? unanswered('cancelled', 'merchant-aborted', `${detail}; the terminal has no record of it`)
            : unanswered('failed', reasonOf(cause), `${detail}; the terminal has no record of it`);
        case 'unknown':
          this.log.warn(this.config.id, `lookup ${attempt}: ${reading.detail}`);
      }
    }
    return unanswered('in-doubt', reasonOf(cause), `${detail}; the lookup gave no answer`);
  }

  private async runQuery(
    request: PosxmlRequest,
    answer: PosxmlResponse['type'],
    timeoutMs: number,
    ctx: OperationContext,
  ): Promise<QueryOutcome> {
    if (ctx.signal.aborted) return abortedBeforeSending();
    const end = await this.send(request, timeoutMs, ctx, ctx.signal);
    if (end.kind === 'unsent') return unsent(end.failure);
    if (end.kind === 'lost') {
      if (end.cause !== 'aborted') return unanswered('failed', end.cause, end.detail);
      this.status(ctx, 'aborting');
      await this.send(CANCEL_ALL, this.options.infoTimeoutMs, ctx);
      return unanswered('cancelled', 'merchant-aborted', end.detail);
    }
    if (end.response.type !== answer && end.response.type !== 'Error') {
      return unanswered('failed', 'malformed-answer', `<${end.response.type}> answered <${request.type}>`);
    }
    return { kind: 'reply', response: end.response };
  }

  /** One request, one decoded answer. */
  private async send(
    request: PosxmlRequest,
    timeoutMs: number,
    ctx: OperationContext,
    signal?: AbortSignal,
  ): Promise<MessageEnd> {
    const xml = encodeMessage(request, this.options.version);
    this.status(ctx, 'request-sent', request.type);
    const end = await this.transport.post(xml, timeoutMs, signal);
    if (end.kind !== 'answer') {
      if (end.kind === 'lost' && end.cause === 'connection-lost') this.status(ctx, 'disconnected', end.detail);
      return end;
    }
    const decoded = decodeMessage(end.body);
    if (!decoded.ok) {
      this.log.warn(this.config.id, `malformed answer to ${request.type}: ${decoded.error.detail}`);
      return { kind: 'lost', cause: 'malformed-answer', detail: `malformed answer: ${decoded.error.detail}` };
    }
    const response = decoded.value.message;
    if (!('returnCode' in response)) {
      return { kind: 'lost', cause: 'malformed-answer', detail: `a request <${response.type}> instead of an answer` };
    }
    this.status(ctx, 'result-received', `${response.type} ${response.returnCode}`);
    return { kind: 'reply', response };
  }

  private status(ctx: OperationContext, kind: StatusEvent['kind'], detail?: string): void {
    ctx.onStatus(detail === undefined ? { terminal: this.config.id, kind } : { terminal: this.config.id, kind, detail });
  }
}

/**
 * A record that moved no money, read after our own intervention: after a merchant abort it is
 * the merchant's cancel; a flow that our CancelAllOperations ended (32782) failed for the reason
 * we intervened; any other refusal (a decline that beat the timeout) keeps its own reason.
 */
function afterRecovery(verdict: Classified, record: TransactionOutcomeResponse, cause: RecoveryCause): Classified {
  if (cause === 'aborted') return { outcome: 'cancelled', reason: 'merchant-aborted', responseCode: verdict.responseCode };
  if (record.returnCode === RETURN_CODE.cancelledManually)
    return { outcome: 'failed', reason: reasonOf(cause), responseCode: verdict.responseCode };
  return verdict;
}

function reasonOf(cause: RecoveryCause): Reason {
  if (cause === 'aborted') return 'merchant-aborted';
  if (cause === 'unproven') return 'unknown';
  return cause;
}
