// One financial request from sending to a result Viva vouches for, the same for both styles:
// send once; wait for the result by polling, woken early by a webhook; and when the wait ends
// without one (deadline, merchant abort, unreadable answer) stop the request on Viva's side and
// look the result up. A request whose outcome is unknown is never sent again (README.md, "Architecture"),
// and an abort Viva answers 200 may not have stopped the payment (viva.md), so only the lookup
// decides. A webhook is never taken as the result: it arrives unsigned, twice, early or out of
// order (viva.md), so it only makes us look now.
import { setTimeout as sleep } from 'node:timers/promises';
import type { OperationContext, Reason, StatusEvent, TerminalLog } from '../../terminals/driver.js';
import { forLog } from '../cloud-http/log-text.js';
import type { AskedRequest, CallFailure, Handle, PollAnswer, VivaRecord, VivaRequest, VivaStyleApi } from './style.js';
import type { VivaWebhookHub, WebhookWatch } from './webhook-hub.js';

/** Why the wait ended without Viva's result. */
export type LostCause = 'timeout' | 'aborted' | 'malformed-answer' | 'connection-lost';

export type FlowEnd =
  /** Viva's own record; `cause` says why it came through recovery, if it did. */
  | { kind: 'record'; record: VivaRecord; cause?: LostCause }
  | { kind: 'none'; outcome: 'failed' | 'cancelled' | 'in-doubt'; reason: Reason; code: string; detail: string };

export interface FlowSettings {
  terminal: string;
  resultTimeoutMs: number;
  pollIntervalMs: number;
  lookupAttempts: number;
}

/** The first look comes soon (a quick card flow), later ones spread out to the poll interval. */
const FIRST_POLL_MS = 250;

export class PaymentFlow {
  constructor(
    private readonly style: VivaStyleApi,
    private readonly hub: VivaWebhookHub,
    private readonly settings: FlowSettings,
    private readonly log: TerminalLog,
  ) {}

  async run(request: VivaRequest, ctx: OperationContext): Promise<FlowEnd> {
    if (ctx.signal.aborted) return none('cancelled', 'merchant-aborted', '', 'aborted before sending');
    const watch = this.hub.watch(request.reference);
    try {
      this.status(ctx, 'request-sent', request.operation);
      const started = await this.style.start(request);
      if (!started.ok) {
        const { failure, handle } = started.error;
        if (!handle) return unsent(failure);
        // A request Viva may have taken is stopped only if Viva has no record of it: stopping one
        // that is running would cancel a payment the customer is making (the session id is ours,
        // so the cloud terminal's session can be asked about without the lost answer).
        if (!(await this.arrived(handle, request))) return this.recover(handle, request, causeOf(failure), failure.detail, ctx);
        this.log.info(
          this.settings.terminal,
          forLog(
            `the answer to ${request.operation} ${request.reference} was lost (${failure.detail}); Viva has it, waiting for its result`,
          ),
        );
        this.status(ctx, 'acknowledged', handle.locator);
        return await this.await(handle, request, watch, ctx);
      }
      const handle = started.value;
      if (handle.locator) this.hub.alias(handle.locator, request.reference);
      if (handle.immediate) return this.received({ kind: 'record', record: handle.immediate }, ctx);
      // Viva's own handle (the order code) is the only way to stop and read the order after a
      // host restart: the journal keeps it before anything else can go wrong.
      if (handle.locator && handle.locator !== request.reference) await ctx.onProviderReference?.(handle.locator);
      this.status(ctx, 'acknowledged', handle.locator);
      return await this.await(handle, request, watch, ctx);
    } finally {
      watch.close();
    }
  }

  /**
   * A request sent before a host restart, stopped at Viva as a lost wait would be. False when the
   * style cannot reach it without Viva's handle.
   */
  async stop(request: AskedRequest, providerReference: string | undefined): Promise<boolean> {
    const handle = this.style.handleOf(request.reference, providerReference);
    if (!handle) return false;
    this.log.info(this.settings.terminal, forLog(`stopping ${request.operation} ${request.reference} after a restart`));
    await this.style.abort(handle, request);
    return true;
  }

  /** After `stop`, that request's state, looked up once (recovery asks again later). */
  async settle(request: AskedRequest, providerReference: string | undefined): Promise<PollAnswer | undefined> {
    const handle = this.style.handleOf(request.reference, providerReference);
    return handle && this.style.poll(handle, request, true);
  }

  /**
   * Whether Viva may have a request whose answer was lost: not without its handle, not when Viva
   * says it has none; an unanswered look proves nothing, so the wait goes on and asks again.
   */
  private async arrived(handle: Handle, request: AskedRequest): Promise<boolean> {
    if (handle.locator === undefined) return false;
    return (await this.style.poll(handle, request, false)).kind !== 'absent';
  }

  private async await(handle: Handle, request: VivaRequest, watch: WebhookWatch, ctx: OperationContext): Promise<FlowEnd> {
    const deadline = performance.now() + this.settings.resultTimeoutMs;
    let delay = Math.min(FIRST_POLL_MS, this.settings.pollIntervalMs);
    for (;;) {
      const remaining = deadline - performance.now();
      const woke = await wake(Math.min(delay, Math.max(remaining, 0)), ctx.signal, watch);
      if (ctx.signal.aborted) return this.recover(handle, request, 'aborted', 'aborted by the cash desk', ctx);
      if (woke === 'timer' && remaining <= delay) {
        return this.recover(handle, request, 'timeout', `no result within ${this.settings.resultTimeoutMs} ms`, ctx);
      }
      if (woke === 'webhook')
        this.log.info(this.settings.terminal, forLog(`webhook for ${request.reference}: looking the result up`));
      const answer = await this.style.poll(handle, request, false);
      switch (answer.kind) {
        case 'final':
          return this.received({ kind: 'record', record: answer.record }, ctx);
        case 'refused-open':
          return this.closeRefused(handle, request, answer.record, ctx);
        case 'pending':
        case 'absent':
          this.status(ctx, 'keep-alive');
          break;
        case 'unanswered':
          if (answer.failure.kind === 'malformed')
            return this.recover(handle, request, 'malformed-answer', answer.failure.detail, ctx);
          // A lookup is safe to repeat: keep asking until the deadline.
          this.log.warn(this.settings.terminal, forLog(`no answer to the result query (${answer.failure.detail}); asking again`));
      }
      delay = Math.min(delay * 2, this.settings.pollIntervalMs);
    }
  }

  /** A refusal on an order that stays payable: close it, then whatever the order shows is final. */
  private async closeRefused(
    handle: Handle,
    request: AskedRequest,
    refusal: VivaRecord,
    ctx: OperationContext,
  ): Promise<FlowEnd> {
    await this.style.abort(handle, request);
    const looked = await this.lookup(handle, request);
    return this.received({ kind: 'record', record: looked.kind === 'final' ? looked.record : refusal }, ctx);
  }

  /** Stop the request at Viva, then ask what happened; nothing is sent again. */
  private async recover(
    handle: Handle,
    request: VivaRequest,
    cause: LostCause,
    detail: string,
    ctx: OperationContext,
  ): Promise<FlowEnd> {
    this.status(ctx, cause === 'aborted' ? 'aborting' : 'recovering', detail);
    this.log.info(this.settings.terminal, forLog(`recovering ${request.operation} ${request.reference}: ${detail}`));
    await this.style.abort(handle, request);
    const looked = await this.lookup(handle, request);
    if (looked.kind === 'final') return this.received({ kind: 'record', record: looked.record, cause }, ctx);
    const why = looked.kind === 'unanswered' ? looked.failure.detail : 'still running';
    return none(
      'in-doubt',
      cause === 'aborted' ? 'merchant-aborted' : cause,
      '',
      `${detail}; the lookup found no final result (${why})`,
    );
  }

  private async lookup(handle: Handle, request: AskedRequest): Promise<PollAnswer> {
    let answer: PollAnswer = { kind: 'pending' };
    for (let attempt = 0; attempt < this.settings.lookupAttempts; attempt++) {
      if (attempt > 0) await sleep(this.settings.pollIntervalMs);
      answer = await this.style.poll(handle, request, true);
      if (answer.kind === 'final' || answer.kind === 'refused-open') return { kind: 'final', record: answer.record };
    }
    return answer;
  }

  private received(end: FlowEnd, ctx: OperationContext): FlowEnd {
    this.status(ctx, 'result-received');
    return end;
  }

  private status(ctx: OperationContext, kind: StatusEvent['kind'], detail?: string): void {
    ctx.onStatus({ terminal: this.settings.terminal, kind, ...(detail && { detail }) });
  }
}

/** Resolves on the timer, a webhook for this payment, or the merchant's abort, whichever is first. */
async function wake(ms: number, signal: AbortSignal, watch: WebhookWatch): Promise<'timer' | 'webhook' | 'abort'> {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await Promise.race([
      sleep(ms, 'timer' as const, { signal: stop.signal }).catch(() => 'abort' as const),
      watch.next().then(() => 'webhook' as const),
    ]);
  } finally {
    stop.abort();
    signal.removeEventListener('abort', onAbort);
  }
}

function causeOf(failure: CallFailure): LostCause {
  return failure.kind === 'malformed' ? 'malformed-answer' : 'connection-lost';
}

function unsent(failure: CallFailure): FlowEnd {
  switch (failure.kind) {
    case 'not-sent':
      return none('failed', 'connection-refused', '', failure.detail);
    case 'rejected':
      return none('failed', 'unknown', failure.code, failure.detail);
    default:
      return none('failed', 'connection-lost', '', failure.detail);
  }
}

function none(outcome: 'failed' | 'cancelled' | 'in-doubt', reason: Reason, code: string, detail: string): FlowEnd {
  return { kind: 'none', outcome, reason, code, detail };
}
