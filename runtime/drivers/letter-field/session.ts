// One exchange at a time over the one connection to a terminal of the letter-field family: acknowledgements, keep-alives,
// the result timeout, receipts and, above all, lost-result recovery. A financial request whose
// outcome is unknown is never sent again; it is looked up with T81 passivate + T82 last
// transaction (csob-b.md, "Flows"; README.md, "Architecture"). Every wire fact comes from
// the profile, so ČSOB and GPE run this one session. Comments use ČSOB's names for the messages
// (B0 activity, B1 request, B2 result, B3/B4 receipt) and types (T81 passivate, T82 last transaction).
import { type ConnectFailure, type Unanswered, abortedBeforeSending, unanswered, unsent } from '../unanswered.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { OperationContext, Reason, StatusEvent, TerminalConfig, TerminalLog } from '../../terminals/driver.js';
import { SerialQueue } from '../../terminals/serial-queue.js';
import { type Result, ok } from '../../protocol/result.js';
import { LetterFieldLink } from './link.js';
import type { TransactionRequest, TransactionResponse } from './messages.js';
import { type Baseline, confirmsResult, hasRecord, isRecordOf } from './matching.js';
import type { SessionOptions } from './options.js';
import { type LetterFieldProfile, type ReceiptPart, financialTypes } from './profile.js';

/** The terminal gave a final answer (directly, or through the T82 lookup). */
export interface Answered {
  kind: 'answered';
  response: TransactionResponse;
  /** The terminal id from the answer's header. */
  terminalId: string;
  merchantReceipt?: string;
  customerReceipt?: string;
  /** The merchant aborted while it ran; a non-approval then reads as the merchant's cancel. */
  abortedByMerchant: boolean;
}

export type SessionOutcome = Answered | Unanswered;

type LostCause = 'timeout' | 'connection-lost' | 'malformed-answer' | 'aborted';

/** How one request ended at the wire. */
type ExchangeEnd =
  | { kind: 'result'; response: TransactionResponse; terminalId: string }
  /** Nothing reached the terminal: safe to report as failed. */
  | { kind: 'unsent'; failure: ConnectFailure }
  /** The request went out and no usable answer came back. */
  | { kind: 'lost'; cause: LostCause; detail: string };

export class LetterFieldSession {
  private link: LetterFieldLink | undefined;
  /** The terminal serves one exchange at a time; callers queue behind each other. */
  private readonly turns = new SerialQueue();
  private readonly lastTransaction: TransactionRequest;
  private readonly passivate: TransactionRequest;

  constructor(
    private readonly profile: LetterFieldProfile,
    private readonly config: TerminalConfig,
    private readonly options: SessionOptions,
    private readonly log: TerminalLog,
  ) {
    this.lastTransaction = { type: 'request', transactionType: profile.transactionType.lastTransaction };
    this.passivate = { type: 'request', transactionType: profile.transactionType.passivate };
  }

  /** A request that moves money: baseline lookup, exchange, confirmation, receipts, recovery. */
  financial(request: TransactionRequest, ctx: OperationContext): Promise<SessionOutcome> {
    return this.turns.run(() => this.runFinancial(request, ctx));
  }

  /** A request that moves no money (T80, T95, T82, T60): answered, or failed, never retried. */
  query(request: TransactionRequest, timeoutMs: number, ctx: OperationContext): Promise<SessionOutcome> {
    return this.turns.run(() => this.runQuery(request, timeoutMs, ctx));
  }

  /** T81 on its own: stops whatever card flow still runs on the terminal (a register that died left it). */
  stop(ctx: OperationContext): Promise<SessionOutcome> {
    return this.query(this.passivate, this.options.passivateTimeoutMs, ctx);
  }

  /** Drops the connection; the next exchange reconnects. A running one still resolves its outcome. */
  close(): void {
    this.link?.close();
    this.link = undefined;
  }

  private async runFinancial(request: TransactionRequest, ctx: OperationContext): Promise<SessionOutcome> {
    if (ctx.signal.aborted) return abortedBeforeSending();
    const baseline = await this.lookupBaseline(ctx);
    if (!baseline.ok) return unsent(baseline.error);
    if (ctx.signal.aborted) return abortedBeforeSending();

    const end = await this.exchange(request, this.options.resultTimeoutMs, ctx, ctx.signal);
    switch (end.kind) {
      case 'unsent':
        return unsent(end.failure);
      case 'lost':
        return this.recover(request, baseline.value, end, ctx);
      case 'result': {
        const response = await this.confirmIfAsked(request, end.response, baseline.value, ctx);
        return this.answered(response, end.terminalId, false, ctx);
      }
    }
  }

  private async runQuery(request: TransactionRequest, timeoutMs: number, ctx: OperationContext): Promise<SessionOutcome> {
    const end = await this.exchange(request, timeoutMs, ctx, ctx.signal);
    switch (end.kind) {
      case 'unsent':
        return unsent(end.failure);
      case 'result':
        return this.answered(end.response, end.terminalId, false, ctx);
      case 'lost':
        if (end.cause !== 'aborted') return unanswered('failed', end.cause, end.detail);
        this.status(ctx, 'aborting');
        await this.exchange(this.passivate, this.options.passivateTimeoutMs, ctx);
        return unanswered('cancelled', 'merchant-aborted', end.detail);
    }
  }

  /**
   * The terminal's last transaction before we send, so a later T82 can tell our record from an
   * older one (see matching.ts). An unreachable terminal ends the request before anything is
   * sent; a terminal that does not answer T82 leaves the baseline unknown.
   */
  private async lookupBaseline(ctx: OperationContext): Promise<Result<Baseline, ConnectFailure>> {
    const end = await this.exchange(this.lastTransaction, this.options.infoTimeoutMs, ctx);
    if (end.kind === 'unsent') return { ok: false, error: end.failure };
    if (end.kind === 'lost') {
      this.log.warn(
        this.config.id,
        `no baseline last-transaction record before the request (${end.detail}); matching by type, amount and symbol only`,
      );
      return ok(undefined);
    }
    return ok(hasRecord(end.response, this.profile) ? end.response : null);
  }

  /** B2 flag 0x8000: confirm with T82; where R/S/B differ the T82 record is the truth. */
  private async confirmIfAsked(
    request: TransactionRequest,
    response: TransactionResponse,
    baseline: Baseline,
    ctx: OperationContext,
  ): Promise<TransactionResponse> {
    if (!(response.flags & this.profile.flag.confirmWithLastTransaction)) return response;
    const check = await this.exchange(this.lastTransaction, this.options.infoTimeoutMs, ctx);
    if (check.kind === 'result' && confirmsResult(check.response, request, baseline)) {
      const { flags: _recordFlags, ...record } = check.response;
      return { ...response, ...record };
    }
    this.log.warn(
      this.config.id,
      'the terminal asked for a last-transaction confirmation but gave no matching record; keeping its result',
    );
    return response;
  }

  /**
   * The request went out and its answer did not come back. T81 stops whatever still runs on the
   * terminal (an unpaid sale is dropped), then T82 tells whether our transaction happened.
   */
  private async recover(
    request: TransactionRequest,
    baseline: Baseline,
    lost: { cause: LostCause; detail: string },
    ctx: OperationContext,
  ): Promise<SessionOutcome> {
    const aborted = lost.cause === 'aborted';
    this.status(ctx, aborted ? 'aborting' : 'recovering', lost.detail);
    this.log.info(this.config.id, `recovering T${request.transactionType}: ${lost.detail}`);
    if (!(await this.reconnect(ctx))) {
      return unanswered('in-doubt', 'connection-lost', `${lost.detail}; the terminal could not be reached to look the result up`);
    }

    const passivated = await this.exchange(this.passivate, this.options.passivateTimeoutMs, ctx, undefined, request);
    if (passivated.kind === 'result' && passivated.response.transactionType === request.transactionType) {
      // Our own B2 overtook the passivation: it is the answer.
      return this.answered(passivated.response, passivated.terminalId, aborted, ctx);
    }

    if (!aborted) this.status(ctx, 'recovering', 'looking up the last transaction');
    const lookup = await this.exchange(this.lastTransaction, this.options.infoTimeoutMs, ctx);
    if (lookup.kind !== 'result') {
      return unanswered('in-doubt', reasonOf(lost.cause), `${lost.detail}; the last-transaction lookup got no answer`);
    }
    if (isRecordOf(lookup.response, request, baseline)) {
      return this.answered(lookup.response, lookup.terminalId, aborted, ctx);
    }
    return aborted
      ? unanswered('cancelled', 'merchant-aborted', `${lost.detail}; the terminal has no record of it`)
      : unanswered('failed', reasonOf(lost.cause), `${lost.detail}; the terminal has no record of it`);
  }

  private async reconnect(ctx: OperationContext): Promise<boolean> {
    for (let attempt = 0; attempt <= this.options.reconnectAttempts; attempt++) {
      if (attempt > 0) await sleep(this.options.reconnectDelayMs);
      if ((await this.connected(ctx)).ok) return true;
    }
    return false;
  }

  private async answered(
    response: TransactionResponse,
    terminalId: string,
    abortedByMerchant: boolean,
    ctx: OperationContext,
  ): Promise<Answered> {
    const answer: Answered = { kind: 'answered', response, terminalId, abortedByMerchant };
    if (!(response.flags & this.profile.flag.receiptReady)) return answer;
    this.status(ctx, 'fetching-receipt');
    return {
      ...answer,
      merchantReceipt: await this.fetchReceipt('merchant'),
      customerReceipt: await this.fetchReceipt('customer'),
    };
  }

  /**
   * B3 for one copy, then `t-` for each further page while the B4 carries `t1`. A receipt that
   * cannot be fetched is logged and left out; it never changes the transaction's outcome.
   */
  private async fetchReceipt(part: ReceiptPart): Promise<string | undefined> {
    const lines: string[] = [];
    let request: ReceiptPart = part;
    for (;;) {
      const link = this.link;
      if (!link?.send({ type: 'receipt-request', part: request })) return this.receiptLost(part, 'connection lost');
      const page = await this.receivePage(link);
      if (typeof page === 'string') return this.receiptLost(part, page);
      lines.push(...page.lines.map((line) => line.text));
      if (!page.more) return lines.join('\n');
      request = 'next';
    }
  }

  private async receivePage(link: LetterFieldLink): Promise<{ lines: { text: string }[]; more: boolean } | string> {
    for (;;) {
      const event = await link.receive(this.options.infoTimeoutMs);
      if (event.kind !== 'message') return event.kind === 'malformed' ? event.detail : event.kind;
      if (event.message.type === 'receipt-page') {
        link.send({ type: 'activity' }); // the register answers every receipt page (csob-b.md, "Messages")
        return event.message;
      }
    }
  }

  private receiptLost(part: ReceiptPart, why: string): undefined {
    this.log.warn(this.config.id, `receipt copy ${part} not fetched: ${why}`);
    return undefined;
  }

  /**
   * Sends one B1 and waits for the B2 that answers it: the terminal's B0 acknowledgement must come
   * within the ack timeout, further B0s are keep-alives, and the whole wait ends at `timeoutMs`.
   * A B2 answering `overtaking` (the request being passivated) also ends the wait.
   */
  private async exchange(
    request: TransactionRequest,
    timeoutMs: number,
    ctx: OperationContext,
    signal?: AbortSignal,
    overtaking?: TransactionRequest,
  ): Promise<ExchangeEnd> {
    const connected = await this.connected(ctx, signal);
    if (!connected.ok) return { kind: 'unsent', failure: connected.error };
    const link = connected.value;
    for (const event of link.takeStale()) {
      if (event.kind !== 'message' || event.message.type !== 'result') continue;
      link.send({ type: 'activity' }); // every result is answered, late or not
      if (overtaking && this.answers(overtaking, event.message)) {
        // The answer we gave up on arrived after all: no need to send this request.
        return { kind: 'result', response: event.message, terminalId: event.envelope.terminalId };
      }
      this.log.warn(this.config.id, `discarded a late result for T${event.message.transactionType}`);
    }
    link.send(request);
    this.status(ctx, 'request-sent', `T${request.transactionType}`);

    const deadline = Date.now() + timeoutMs;
    let acknowledged = false;
    for (;;) {
      const left = deadline - Date.now();
      const event = await link.receive(acknowledged ? left : Math.min(left, this.options.ackTimeoutMs), signal);
      switch (event.kind) {
        case 'timeout':
          return lost(
            'timeout',
            acknowledged ? `no result within ${timeoutMs} ms` : 'the terminal did not acknowledge the request',
          );
        case 'closed':
          this.status(ctx, 'disconnected');
          return lost('connection-lost', 'the connection dropped');
        case 'malformed':
          return lost('malformed-answer', `malformed answer: ${event.detail}`);
        case 'aborted':
          return lost('aborted', 'aborted by the merchant');
        case 'message':
          break;
      }
      const message = event.message;
      if (message.type === 'activity') {
        this.status(ctx, acknowledged ? 'keep-alive' : 'acknowledged');
        acknowledged = true;
        continue;
      }
      if (message.type !== 'result') {
        this.log.warn(this.config.id, `ignored an unexpected ${message.type} while waiting for a result`);
        continue;
      }
      link.send({ type: 'activity' }); // the register answers every result within 5 s (csob-b.md, "Messages")
      if (this.answers(request, message) || (overtaking && this.answers(overtaking, message))) {
        this.status(ctx, 'result-received', message.responseCode);
        return { kind: 'result', response: message, terminalId: event.envelope.terminalId };
      }
      this.log.warn(
        this.config.id,
        `ignored a result for T${message.transactionType} while waiting for T${request.transactionType}`,
      );
    }
  }

  private async connected(ctx: OperationContext, signal?: AbortSignal): Promise<Result<LetterFieldLink, ConnectFailure>> {
    if (this.link && !this.link.closed) return ok(this.link);
    const { host, port } = this.config;
    this.status(ctx, 'connecting', `${host}:${port}`);
    const opened = await LetterFieldLink.open(
      {
        host,
        port,
        terminalId: this.config.terminalId,
        logName: this.config.id,
        connectTimeoutMs: this.options.connectTimeoutMs,
        crcCheck: this.options.crcCheck,
        dialect: { profile: this.profile, computeCrc: this.options.crcCheck },
        log: this.log,
      },
      signal,
    );
    if (!opened.ok) {
      this.log.warn(this.config.id, `cannot connect to ${host}:${port}: ${opened.error.detail}`);
      return opened;
    }
    this.link = opened.value;
    this.status(ctx, 'connected');
    return opened;
  }

  /**
   * A result echoes T, and for a financial request also B and S (csob-b.md, "What the simulator
   * must do"): one whose echo differs is a late answer to something else, never ours. A
   * last-transaction answer carries the recorded transaction's type, so any result answers it
   * except a late passivation answer (a passivation is never recorded as a transaction).
   */
  private answers(request: TransactionRequest, response: TransactionResponse): boolean {
    const type = this.profile.transactionType;
    if (request.transactionType === type.lastTransaction) return response.transactionType !== type.passivate;
    if (response.transactionType !== request.transactionType) return false;
    if (!financialTypes(this.profile).includes(request.transactionType)) return true;
    return echoes(response.amountMinor, request.amountMinor) && echoes(response.variableSymbol, request.variableSymbol);
  }

  private status(ctx: OperationContext, kind: StatusEvent['kind'], detail?: string): void {
    ctx.onStatus(detail === undefined ? { terminal: this.config.id, kind } : { terminal: this.config.id, kind, detail });
  }
}

function reasonOf(cause: LostCause): Reason {
  return cause === 'aborted' ? 'merchant-aborted' : cause;
}

/** A field the terminal left out does not contradict the request. */
function echoes<T>(echoed: T | undefined, sent: T | undefined): boolean {
  return echoed === undefined || echoed === sent;
}

function lost(cause: LostCause, detail: string): ExchangeEnd {
  return { kind: 'lost', cause, detail };
}
