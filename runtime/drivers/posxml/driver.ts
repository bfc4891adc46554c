// Ingenico PoSXML behind the one TerminalDriver interface: one method per terminal command, each
// one request through the session (posxml.md, "Messages").
import type {
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
import { TerminalLogStream } from './log-stream.js';
import type { PosxmlRequest, PosxmlResponse, TransactionOutcomeResponse } from './messages.js';
import type { PosxmlOptions } from './options.js';
import { type Classified, RETURN_CODE, classifyRefusal } from './response-codes.js';
import { classified, toCloseResult, toTransactionResult, unansweredResult } from './results.js';
import { connectionTestResult } from '../unanswered.js';
import { isMinorAmount, notSupported } from '../unsendable.js';
import { type FinancialPlan, type WireFinancialRequest, PosxmlSession } from './session.js';
import { transactionIdFor } from './transaction-id.js';
import { type RecordAddress, readRecord } from './verdict.js';

export const POSXML_PROTOCOL = 'posxml';

/** Amount is N-12 (spec §2.3). */
const MAX_AMOUNT_MINOR = 999_999_999_999;
/** Approved charges remembered for a reversal by authorization code. */
const REMEMBERED_CHARGES = 50;

interface Charge {
  authorizationCode: string;
  address: RecordAddress;
}

export class PosxmlDriver implements TerminalDriver {
  readonly protocol = POSXML_PROTOCOL;
  private readonly session: PosxmlSession;
  private readonly logStream: TerminalLogStream | undefined;
  /** Newest first. */
  private charges: Charge[] = [];
  /** How to look up the last financial request sent, for lastResult. */
  private lastSent: Pick<FinancialPlan, 'lookup' | 'aim'> | undefined;

  constructor(
    config: TerminalConfig,
    private readonly options: PosxmlOptions,
    deps: DriverDeps,
  ) {
    this.session = new PosxmlSession(config, options, deps.log);
    if (options.logPort !== undefined) {
      this.logStream = new TerminalLogStream({
        host: config.host,
        port: options.logPort,
        connectTimeoutMs: options.connectTimeoutMs,
        logName: config.id,
        log: deps.log,
      });
    }
  }

  async pay(request: FinancialRequest, ctx: OperationContext): Promise<TransactionResult> {
    if (!isWireable(request)) return notSupported();
    const transactionId = transactionIdFor(request.reference);
    const result = await this.financial(
      {
        type: 'TransactionRequest',
        amountMinor: request.amountMinor,
        currencyName: request.currency.alpha,
        transactionId,
        ...this.receiptOptions(),
        ...(this.options.cardTimeoutSeconds !== undefined && { timeoutSeconds: this.options.cardTimeoutSeconds }),
        ...(this.options.language !== undefined && { language: this.options.language }),
      },
      { answer: 'TransactionResponse', aim: 'COMPLETED', lookup: { transactionId, amountMinor: request.amountMinor } },
      ctx,
    );
    if (result.outcome === 'approved' && result.authorizationCode)
      this.remember({ authorizationCode: result.authorizationCode, address: { transactionId } });
    return result;
  }

  /** PoSXML has no cashback (spec §2.5.1 has no cash-out amount): refused, nothing sent. */
  async payWithCashback(): Promise<TransactionResult> {
    return notSupported();
  }

  /**
   * RefundTransactionRequest's TransactionID names the refund itself: ours is a stand-alone return
   * with no original to point at, and the id lets a lost answer be looked up (inferred; the spec
   * only says "one of two elements").
   */
  async refund(request: FinancialRequest, ctx: OperationContext): Promise<TransactionResult> {
    if (!isWireable(request)) return notSupported();
    const transactionId = transactionIdFor(request.reference);
    return this.financial(
      {
        type: 'RefundTransactionRequest',
        currencyName: request.currency.alpha,
        refundAmountMinor: request.amountMinor,
        transactionId,
        ...this.receiptOptions(),
      },
      { answer: 'RefundTransactionResponse', aim: 'COMPLETED', lookup: { transactionId, amountMinor: request.amountMinor } },
      ctx,
    );
  }

  /**
   * ReverseTransactionRequest addresses the charge by TransactionID or STAN (spec §2.5.4), not by
   * authorization code. A charge this driver approved is found in its memory; otherwise the
   * terminal's last transaction (STAN = NextSTAN − 1, inferred) is read and must carry the code.
   */
  async reverse(request: ReversalRequest, ctx: OperationContext): Promise<TransactionResult> {
    if (!isWireable(request) || !request.authorizationCode.trim()) return notSupported();
    const target =
      this.charges.find((charge) => charge.authorizationCode === request.authorizationCode.trim())?.address ??
      (await this.terminalsLastCharge(request.authorizationCode.trim(), ctx));
    if (!target || 'outcome' in target) return target ?? chargeNotFound(request.authorizationCode);
    const result = await this.financial(
      {
        type: 'ReverseTransactionRequest',
        currencyName: request.currency.alpha,
        reverseAmountMinor: request.amountMinor,
        ...pickAddress(target),
        ...this.receiptOptions(),
      },
      { answer: 'ReverseTransactionResponse', aim: 'COMPLETED_REV', lookup: target },
      ctx,
    );
    if (result.outcome === 'approved') this.charges = this.charges.filter((charge) => charge.address !== target);
    return result;
  }

  /** TransactionSendRequest sends the day's file to the host (spec §2.6.1). */
  async closeTotals(ctx: OperationContext): Promise<TransactionResult> {
    this.logStream?.ensure();
    const outcome = await this.session.query(
      { type: 'TransactionSendRequest' },
      'TransactionSendResponse',
      this.options.resultTimeoutMs,
      ctx,
    );
    if (outcome.kind !== 'reply') return unansweredResult(outcome);
    const { response } = outcome;
    return response.type === 'TransactionSendResponse'
      ? toCloseResult(response)
      : classified(classifyRefusal(response.returnCode));
  }

  /** CancelAllOperations: the terminal's ReturnCode 0 says nothing runs any more (posxml.md, "Pitfalls"). */
  async stopOrphanedFlow(_lost: LostTransaction, ctx: OperationContext): Promise<FlowStop> {
    const outcome = await this.session.cancelAll(ctx);
    if (outcome.kind !== 'reply') return { kind: 'unconfirmed', detail: outcome.detail };
    const { type, returnCode } = outcome.response;
    return type === 'CancelAllOperationsResponse' && returnCode === RETURN_CODE.ok
      ? { kind: 'stopped' }
      : { kind: 'unconfirmed', detail: `<${type}> ReturnCode ${returnCode}` };
  }

  /** The last transaction this driver sent, or else the terminal's last (NextSTAN − 1). */
  async lastResult(ctx: OperationContext): Promise<TransactionResult | undefined> {
    const last = this.lastSent ?? (await this.terminalsLastStan(ctx));
    if (!last || 'outcome' in last) return last;
    const { lookup, aim } = 'lookup' in last ? last : { lookup: last, aim: 'COMPLETED' as const };
    const found = await this.lookup(lookup, ctx);
    if (found.kind !== 'record') return found.kind === 'missing' ? undefined : found.result;
    const reading = readRecord(found.record, aim, lookup);
    if (reading.kind === 'missing') return undefined;
    // A record that proves nothing (no completion state, another transaction) is reported as such.
    const verdict: Classified =
      reading.kind === 'unknown'
        ? { outcome: 'in-doubt', reason: 'unknown', responseCode: String(found.record.returnCode) }
        : reading.verdict;
    return toTransactionResult({ kind: 'answered', response: found.record, verdict });
  }

  /** The charges remembered by authorization code stay: another host's work does not change them. */
  forgetLatest(): void {
    this.lastSent = undefined;
  }

  async testTerminal(ctx: OperationContext): Promise<ConnectionTestResult> {
    return this.connectionTest({ type: 'GetTerminalStatusRequest' }, 'GetTerminalStatusResponse', ctx, () => true);
  }

  /**
   * No PoSXML message reaches the host without moving money or closing the day. The closest is
   * TransactionSendStatusRequest: FileSendStatus tells whether the terminal's last upload to the
   * host worked ("1-success, 0-fail", spec §2.6.2); absent means nothing was sent yet.
   */
  async testBank(ctx: OperationContext): Promise<ConnectionTestResult> {
    return this.connectionTest({ type: 'TransactionSendStatusRequest' }, 'TransactionSendStatusResponse', ctx, (response) => {
      return response.type !== 'TransactionSendStatusResponse' || response.fileSendStatus !== 0;
    });
  }

  async close(): Promise<void> {
    this.session.close();
    this.logStream?.close();
  }

  private async financial(request: WireFinancialRequest, plan: FinancialPlan, ctx: OperationContext): Promise<TransactionResult> {
    this.logStream?.ensure();
    this.lastSent = plan;
    return toTransactionResult(await this.session.financial(request, plan, ctx));
  }

  private receiptOptions(): Pick<Extract<PosxmlRequest, { type: 'TransactionRequest' }>, 'returnReceipts' | 'printReceipt'> {
    return {
      returnReceipts: this.options.receiptWidth,
      ...(this.options.printReceipt !== undefined && { printReceipt: this.options.printReceipt }),
    };
  }

  private remember(charge: Charge): void {
    this.charges = [charge, ...this.charges].slice(0, REMEMBERED_CHARGES);
  }

  private async connectionTest(
    request: PosxmlRequest,
    answer: 'GetTerminalStatusResponse' | 'TransactionSendStatusResponse',
    ctx: OperationContext,
    healthy: (response: PosxmlResponse) => boolean,
  ): Promise<ConnectionTestResult> {
    this.logStream?.ensure();
    const started = performance.now();
    const outcome = await this.session.query(request, answer, this.options.infoTimeoutMs, ctx);
    const elapsedMs = Math.round(performance.now() - started);
    if (outcome.kind !== 'reply') return connectionTestResult(unansweredResult(outcome), elapsedMs);
    const { response } = outcome;
    if (response.type === 'Error' || response.returnCode !== RETURN_CODE.ok) {
      return connectionTestResult(classified(classifyRefusal(response.returnCode)), elapsedMs);
    }
    return healthy(response)
      ? { ok: true, responseCode: '0', elapsedMs }
      : {
          ok: false,
          reason: 'unknown',
          responseCode: '0',
          responseText: 'FileSendStatus 0: the last upload to the host failed',
          elapsedMs,
        };
  }

  /** GetLastTransactionData for one address: the record, "missing" (32781), or why there is none. */
  private async lookup(
    address: RecordAddress,
    ctx: OperationContext,
  ): Promise<
    { kind: 'record'; record: TransactionOutcomeResponse } | { kind: 'missing' } | { kind: 'failed'; result: TransactionResult }
  > {
    const ask = () =>
      this.session.query(
        { type: 'GetLastTransactionDataRequest', ...pickAddress(address), returnReceipts: this.options.receiptWidth },
        'GetLastTransactionDataResponse',
        this.options.infoTimeoutMs,
        ctx,
      );
    let outcome = await ask();
    // Busy: a card flow runs that no operation of ours waits for (lookups run in the terminal's
    // queue), left by a register that died. It would answer nobody and keep the terminal busy, so
    // it is stopped as before any transaction (CancelAllOperations), and the record read then.
    if (outcome.kind === 'reply' && outcome.response.returnCode === RETURN_CODE.sequenceError) {
      await this.session.cancelAll(ctx);
      outcome = await ask();
    }
    if (outcome.kind !== 'reply') return { kind: 'failed', result: unansweredResult(outcome) };
    const { response } = outcome;
    if (response.type !== 'GetLastTransactionDataResponse')
      return { kind: 'failed', result: classified(classifyRefusal(response.returnCode)) };
    if (response.returnCode === RETURN_CODE.transactionMissing && !response.transactionData) return { kind: 'missing' };
    return { kind: 'record', record: response };
  }

  /** STAN of the terminal's latest transaction, from GetTerminalStatus NextSTAN (spec §2.8.4) minus one. */
  private async terminalsLastStan(ctx: OperationContext): Promise<RecordAddress | TransactionResult | undefined> {
    const outcome = await this.session.query(
      { type: 'GetTerminalStatusRequest' },
      'GetTerminalStatusResponse',
      this.options.infoTimeoutMs,
      ctx,
    );
    if (outcome.kind !== 'reply') return unansweredResult(outcome);
    const { response } = outcome;
    if (response.type !== 'GetTerminalStatusResponse') return classified(classifyRefusal(response.returnCode));
    const next = Number(response.nextStan);
    return Number.isInteger(next) && next > 1 ? { transactionStan: String(next - 1).padStart(6, '0') } : undefined;
  }

  /** The terminal's latest transaction, when it is an approved charge with this authorization code. */
  private async terminalsLastCharge(
    authorizationCode: string,
    ctx: OperationContext,
  ): Promise<RecordAddress | TransactionResult | undefined> {
    const address = await this.terminalsLastStan(ctx);
    if (!address || 'outcome' in address) return address;
    const found = await this.lookup(address, ctx);
    if (found.kind === 'failed') return found.result;
    if (found.kind === 'missing') return undefined;
    const data = found.record.transactionData;
    if (data?.authorizationNo?.trim() !== authorizationCode || readRecord(found.record, 'COMPLETED', address).kind !== 'done')
      return undefined;
    return data.transactionId ? { transactionId: data.transactionId } : address;
  }
}

function pickAddress(address: RecordAddress): Pick<RecordAddress, 'transactionId' | 'transactionStan'> {
  return address.transactionId !== undefined
    ? { transactionId: address.transactionId }
    : { transactionStan: address.transactionStan! };
}

/**
 * What PoSXML can carry: a positive amount of at most 12 digits and an alphabetic currency
 * (spec §2.3, Amount N-12, CurrencyName C-3). The bindings check first; the driver refuses
 * rather than send something the terminal would misread.
 */
function isWireable(request: FinancialRequest): boolean {
  return (
    isMinorAmount(request.amountMinor) && request.amountMinor <= MAX_AMOUNT_MINOR && /^[A-Z]{3}$/.test(request.currency.alpha)
  );
}

/** Nothing was sent: neither the driver nor the terminal's last transaction has this code. */
function chargeNotFound(authorizationCode: string): TransactionResult {
  return {
    outcome: 'failed',
    reason: 'unknown',
    responseCode: String(RETURN_CODE.transactionMissing),
    responseText: `no approved charge with authorization code ${authorizationCode} known to the driver or last on the terminal`,
  };
}
