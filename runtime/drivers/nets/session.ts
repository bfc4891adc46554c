// One operation at a time on one NETS terminal, and the life of a financial request: the POST is
// held open for the whole card flow; a merchant abort becomes one cancelAction; an answer that
// never arrives is looked up, never sent again (nets-connect-cloud.md, "Recovery lessons").
import type { OperationContext, TerminalLog, TransactionResult } from '../../terminals/driver.js';
import { SerialQueue } from '../../terminals/serial-queue.js';
import { mayHaveArrived } from '../cloud-http/failure.js';
import type { CloudApi, CloudFailure, CloudReply } from './cloud-api.js';
import type { LostRequest } from './matching.js';
import { type LocalModeEventArgs, readAnswer } from './messages.js';
import type { NetsOptions } from './options.js';
import { recoverLostResult } from './recovery.js';
import { fromAnswer, fromCloudFailure, malformed, unknownCode } from './results.js';

type Timing = Pick<NetsOptions, 'apiTimeoutMs' | 'lookupDelayMs' | 'abortGraceMs'>;

/** Sends the request once and returns the reply; the session decides what an unknown end means. */
export type Send = (signal: AbortSignal) => Promise<CloudReply>;

export class NetsSession {
  private readonly turns = new SerialQueue();
  /** StanAuths of every terminal record this driver has seen: a lost result's is not among them. */
  private readonly seenStanAuths = new Set<string>();
  /** The newest terminal record seen, which the cloud's "reverse the last transaction" acts on. */
  private newest: LocalModeEventArgs | undefined;

  constructor(
    private readonly api: CloudApi,
    private readonly terminal: string,
    private readonly timing: Timing,
    private readonly log: TerminalLog,
  ) {}

  get lastSeenStanAuth(): string | undefined {
    return this.newest?.StanAuth;
  }

  /** Runs `job` after every earlier one has ended: the terminal does one thing at a time. */
  exclusive<T>(job: () => Promise<T>): Promise<T> {
    return this.turns.run(job);
  }

  /**
   * A payment, cashback or refund. `lost` describes it for matching a looked-up record; the
   * outcome is what the terminal says, or what recovery finds, or — when recovery finds nothing —
   * the failure that made the answer unknown.
   */
  async financial(send: Send, lost: Omit<LostRequest, 'sentAt'>, ctx: OperationContext): Promise<TransactionResult> {
    if (ctx.signal.aborted) return { outcome: 'cancelled', reason: 'merchant-aborted', responseCode: '' };
    const stop = new AbortController();
    let cancelling: Promise<boolean> | undefined;
    const onAbort = () => {
      ctx.onStatus({ terminal: this.terminal, kind: 'aborting', detail: 'cancelAction' });
      cancelling = this.cancel();
      // The POST normally ends with the cancelled card flow; if not, stop waiting and look it up.
      setTimeout(() => stop.abort(), this.timing.abortGraceMs).unref();
    };
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    const sentAt = Date.now();
    ctx.onStatus({ terminal: this.terminal, kind: 'request-sent' });
    const reply = await send(stop.signal);
    ctx.signal.removeEventListener('abort', onAbort);
    const cancelSent = cancelling !== undefined;

    const answered = this.read(reply);
    if (answered !== undefined) {
      ctx.onStatus({ terminal: this.terminal, kind: 'result-received', detail: answered.outcome });
      // An abort that charged nothing ends as the merchant's cancel; an approval that won the race stays.
      return cancelSent && answered.outcome !== 'approved' && answered.outcome !== 'in-doubt' ? merchantAborted() : answered;
    }
    if (!reply.ok && !mayHaveReachedTerminal(reply.error)) return fromCloudFailure(reply.error);
    const unknownBecause = cancelSent ? merchantAborted() : reply.ok ? malformed() : fromCloudFailure(reply.error);
    // Stop a card flow that may still run, so it cannot charge after we gave up (one cancel only).
    const stopped = await (cancelling ?? this.cancel());
    return this.recover({ ...lost, sentAt }, stopped, unknownBecause, ctx);
  }

  /** A single call whose answer is final either way (administration, lookups, reversal). */
  readFinal(reply: CloudReply): TransactionResult {
    if (!reply.ok) return fromCloudFailure(reply.error);
    return this.read(reply) ?? malformed();
  }

  /**
   * Passes a result on, with a warn line in the session log when no catalog text knows its code:
   * the cashier then reads the general text with the cloud's own words, and the table may need a row.
   */
  checked(result: TransactionResult): TransactionResult {
    const code = unknownCode(result);
    if (code !== undefined) {
      this.log.warn(
        this.terminal,
        `NETS answered a code the driver does not know: "${code}" (${result.outcome}${result.reason ? `, ${result.reason}` : ''})`,
      );
    }
    return result;
  }

  /** Another host used the terminal since: the newest record seen here may not be its newest any more. */
  forgetNewest(): void {
    this.newest = undefined;
  }

  /** Remembers the record of a looked-up last result, as it is now the newest known. */
  noteRecord(args: LocalModeEventArgs): void {
    if (args.StanAuth) this.seenStanAuths.add(args.StanAuth);
    this.newest = args;
  }

  private read(reply: CloudReply): TransactionResult | undefined {
    if (!reply.ok) return undefined;
    const answer = readAnswer(reply.value.body);
    if (!answer.ok) return undefined;
    const args = answer.value.kind === 'success' ? answer.value.entry.localModeEventArgs : answer.value.args;
    if (args) this.noteRecord(args);
    return this.checked(fromAnswer(answer.value));
  }

  private async recover(
    lost: LostRequest,
    stopped: boolean,
    unknownBecause: TransactionResult,
    ctx: OperationContext,
  ): Promise<TransactionResult> {
    const deps = {
      api: this.api,
      lookupDelayMs: this.timing.lookupDelayMs,
      seenStanAuths: this.seenStanAuths,
      terminal: this.terminal,
      stopped,
    };
    const recovery = await recoverLostResult(lost, deps, ctx);
    ctx.onStatus({ terminal: this.terminal, kind: 'result-received', detail: `recovery: ${recovery.kind}` });
    switch (recovery.kind) {
      case 'found':
        this.noteRecord(recovery.args);
        // Our own cancel (or a lookup, which aborts) ended it: the cause we know speaks instead.
        return recovery.result.reason === 'merchant-aborted' ? unknownBecause : this.checked(recovery.result);
      case 'not-found':
        return unknownBecause;
      case 'unreachable':
        return { ...unknownBecause, outcome: 'in-doubt' };
    }
  }

  /** Whether the cloud took the cancel: then no card flow runs on from here. */
  async cancel(): Promise<boolean> {
    const reply = await this.api.administration('cancelAction', this.timing.apiTimeoutMs);
    return reply.ok && reply.value.status === 200;
  }
}

/** Whether the request may have reached the terminal, so that only a lookup can tell. */
function mayHaveReachedTerminal(failure: CloudFailure): boolean {
  return failure.kind !== 'refused-login' && mayHaveArrived(failure);
}

function merchantAborted(): TransactionResult {
  return { outcome: 'cancelled', reason: 'merchant-aborted', responseCode: '' };
}
