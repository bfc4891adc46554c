// What the simulated PoSXML terminal does with each request (posxml.md, "What the simulator must
// do"; outcomes by cents from ../outcome-table.ts). It shares the HTTP framing and the messages
// with the driver, never the driver's session: its state machine is written from the terminal's
// side. One card flow at a time; a request that would start another is answered 32775.
import {
  type CardData,
  type DecodeError,
  type PosxmlRequest,
  type PosxmlResponse,
  type RefundTransactionRequest,
  type ReverseTransactionRequest,
  type TransactionData,
  type TransactionOutcomeResponse,
  type TransactionRequest,
  decodeMessage,
  encodeMessage,
  isRequest,
} from '../../drivers/posxml/messages.js';
import { flowLengthMs, goesDark, OutcomePlan, type ScriptedOutcome } from '../outcome-table.js';
import { RETURN_CODE } from '../../drivers/posxml/response-codes.js';
import { Reachability } from '../reachability.js';
import type { OrphanedFlow, SimulatedBooking, SimulatedFault, SimulatedOperation } from '../terminal-simulator.js';
import type { HttpPort } from './http-port.js';
import { receiptText } from './receipts.js';
import { POSXML_REFUSALS, type PosxmlRefusal } from './refusals.js';

export const SUPPORTED_VERSIONS = ['6.0.2', '7.1.0', '7.2.0'] as const;
/** A Luhn-valid test card; sent masked unless `fullPan` asks for the whole number. */
export const SIMULATED_PAN = '4761739001010119';

/** The PoSXML-only case beside the neutral faults: ReturnCode 0 with TransactionCompletion NOTIFICATION. */
export type PosxmlFault = SimulatedFault | 'zero-notification';

export interface TerminalSettings {
  terminalId: string;
  delayMs: number;
  fullPan: boolean;
  orphanedFlow: OrphanedFlow;
  trace(line: string): void;
}

type FinancialWireRequest = TransactionRequest | RefundTransactionRequest | ReverseTransactionRequest;

interface StoredTransaction {
  /** What GetLastTransactionData replays. */
  record: Omit<TransactionOutcomeResponse, 'type'>;
  booking?: SimulatedBooking;
}

interface CardFlow {
  port: HttpPort;
  version: string;
  request: FinancialWireRequest;
  timer?: NodeJS.Timeout;
  /** Its register is gone and it goes on ('finish'): what to do once it has ended. */
  orphaned?: (() => void)[];
}

/** What a result does on the wire. */
type Delivery = 'answer' | 'drop' | 'withhold' | 'garbage' | 'truncated';

const XML_ERROR: Readonly<Record<DecodeError['kind'], number>> = {
  syntax: RETURN_CODE.xmlSyntaxError,
  envelope: RETURN_CODE.xmlMessageError,
  'unknown-message': RETURN_CODE.xmlMessageError,
  version: RETURN_CODE.wrongVersion,
  field: RETURN_CODE.incorrectParameter,
};

export class SimulatedPosxmlTerminal {
  readonly bookings: SimulatedBooking[] = [];
  readonly received: { operation: SimulatedOperation; amountMinor?: number }[] = [];
  readonly reachability = new Reachability();
  private flow: CardFlow | undefined;
  /** How each sale or refund ends; set at start to force one outcome. */
  outcomes = new OutcomePlan();
  private fault: PosxmlFault | undefined;
  private stan = 0;
  private readonly byId = new Map<string, StoredTransaction>();
  private readonly byStan = new Map<number, StoredTransaction>();
  /** Bookings before this index belong to days already sent to the host. */
  private dayStart = 0;
  private lastSend: { fileNumber: number; total: number; count: number } | undefined;

  constructor(private readonly settings: TerminalSettings) {}

  /** Stops a running card flow without answering (the simulator is shutting down). */
  stop(): void {
    clearTimeout(this.flow?.timer);
    this.flow = undefined;
  }

  setDelay(ms: number): void {
    this.settings.delayMs = ms;
  }

  injectFault(fault: PosxmlFault): void {
    this.fault = fault;
  }

  onRequest(port: HttpPort, body: string): void {
    const decoded = decodeMessage(body, SUPPORTED_VERSIONS);
    if (!decoded.ok) {
      this.settings.trace(`PosXML error: ${decoded.error.detail}`);
      const version = decoded.error.kind === 'version' ? decoded.error.version : SUPPORTED_VERSIONS.at(-1)!;
      return this.reply(port, version, { type: 'Error', returnCode: XML_ERROR[decoded.error.kind] });
    }
    const { message, version } = decoded.value;
    if (!isRequest(message)) return this.reply(port, version, { type: 'Error', returnCode: RETURN_CODE.xmlMessageError });
    this.settings.trace(`PosXML <${message.type}> received`);
    this.handle(port, version, message);
  }

  /** The register went away during the card flow: it is dropped, or with 'finish' goes on (the card is in). */
  onDisconnect(port: HttpPort): void {
    const flow = this.flow;
    if (flow?.port !== port) return;
    this.settings.trace('PosXML client disconnected during the card flow');
    if (this.settings.orphanedFlow === 'finish' && flow.timer) flow.orphaned = [];
    else this.cancelFlow();
  }

  private handle(port: HttpPort, version: string, request: PosxmlRequest): void {
    switch (request.type) {
      case 'CancelAllOperationsRequest': {
        const answer = () => this.reply(port, version, { type: 'CancelAllOperationsResponse', returnCode: 0 });
        // An orphaned flow that finishes is past stopping: the cancel is answered once it has ended.
        if (this.flow?.orphaned) return void this.flow.orphaned.push(answer);
        this.cancelFlow();
        return answer();
      }
      case 'TransactionRequest':
      case 'RefundTransactionRequest':
      case 'ReverseTransactionRequest':
        return this.startFlow(port, version, request);
      case 'GetLastTransactionDataRequest': {
        if (this.flow) return this.busy(port, version, 'GetLastTransactionDataResponse');
        const stored =
          request.transactionId !== undefined
            ? this.byId.get(request.transactionId)
            : this.byStan.get(Number(request.transactionStan));
        if (!stored)
          return this.reply(port, version, {
            type: 'GetLastTransactionDataResponse',
            returnCode: RETURN_CODE.transactionMissing,
            reason: 'Transaction not found',
          });
        return this.reply(port, version, {
          type: 'GetLastTransactionDataResponse',
          ...this.withReceipts(stored.record, request.returnReceipts),
        });
      }
      case 'TransactionSendRequest':
        if (this.flow) return this.busy(port, version, 'TransactionSendResponse');
        return this.reply(port, version, this.sendFile());
      case 'TransactionSendStatusRequest':
        return this.reply(port, version, {
          type: 'TransactionSendStatusResponse',
          returnCode: 0,
          ...(this.lastSend && {
            currencyName: 'EUR',
            fileNumber: String(this.lastSend.fileNumber).padStart(6, '0'),
            fileSendStatus: 1,
            fileTotalAmountMinor: this.lastSend.total,
            fileTransactionCount: this.lastSend.count,
          }),
          pendingCount: 0,
        });
      case 'TransactionCurrStatusRequest': {
        const { total, count } = this.dayTotals();
        return this.reply(port, version, {
          type: 'TransactionCurrStatusResponse',
          returnCode: 0,
          currencyName: 'EUR',
          fileTotalAmountMinor: total,
          fileTransactionCount: count,
          pendingCount: count,
        });
      }
      case 'GetTerminalStatusRequest':
        return this.reply(port, version, {
          type: 'GetTerminalStatusResponse',
          returnCode: 0,
          cardStatus: this.flow ? 1 : 0,
          nextStan: stanText(this.stan + 1),
          transactionsCount: this.byStan.size,
          notFinishedTransactionsCount: 0,
          time: formatDateTime(new Date()),
        });
    }
  }

  private startFlow(port: HttpPort, version: string, request: FinancialWireRequest): void {
    const operation = OPERATION[request.type];
    this.received.push({ operation, amountMinor: amountOf(request) });
    if (this.flow) return this.busy(port, version, ANSWER[request.type]);
    // A reversal's outcome is the reversed charge's; the cents table decides sales and refunds.
    const scripted: ScriptedOutcome =
      request.type === 'ReverseTransactionRequest' ? { kind: 'approve' } : this.outcomes.next(amountOf(request) ?? 0);
    if (scripted.kind === 'refuse' && POSXML_REFUSALS[scripted.reason].immediate) {
      return this.reply(port, version, { type: ANSWER[request.type], returnCode: POSXML_REFUSALS[scripted.reason].returnCode });
    }
    const flow: CardFlow = { port, version, request };
    this.flow = flow;
    this.settings.trace('card flow started: insert card');
    if (scripted.kind === 'never-answer') return; // only CancelAllOperations ends it
    flow.timer = setTimeout(() => this.finishFlow(flow, scripted), flowLengthMs(scripted, this.settings.delayMs));
  }

  /** CancelAllOperations (or its register leaving) pre-empts the running flow: recorded as cancelled, answered 32782. */
  private cancelFlow(): void {
    const flow = this.flow;
    if (!flow) return;
    clearTimeout(flow.timer);
    this.flow = undefined;
    this.settings.trace('card flow cancelled by CancelAllOperations');
    const refusal: PosxmlRefusal = { returnCode: RETURN_CODE.cancelledManually, reason: 'Operation cancelled' };
    const record = this.decline(flow.request, refusal);
    this.reply(flow.port, flow.version, { type: ANSWER[flow.request.type], ...record });
  }

  private finishFlow(flow: CardFlow, scripted: Exclude<ScriptedOutcome, { kind: 'never-answer' }>): void {
    this.flow = undefined;
    const fault = this.takeFault();
    let record: Omit<TransactionOutcomeResponse, 'type'>;
    let delivery: Delivery = fault === 'zero-notification' || !fault ? 'answer' : fault;
    if (fault === 'garbage' || fault === 'truncated') {
      // The result is lost in the noise and nothing is booked (terminal-simulator.ts).
      record = { returnCode: RETURN_CODE.technicalError, reason: 'Technical error' };
    } else if (fault === 'zero-notification') {
      record = this.decline(flow.request, { returnCode: 0, reason: 'Transaction not completed' });
    } else if (scripted.kind === 'refuse') {
      record = this.decline(flow.request, POSXML_REFUSALS[scripted.reason]);
    } else {
      const approved = this.approve(flow.request);
      if (!approved) {
        record = { returnCode: RETURN_CODE.transactionMissing, reason: 'Specified transaction missing' };
      } else {
        record = approved;
        if (scripted.kind === 'approve-then-drop') {
          delivery = 'drop';
          if (goesDark(scripted)) this.reachability.goDark();
        }
      }
    }
    this.settings.trace(`card flow ended: ReturnCode ${record.returnCode}${delivery === 'answer' ? '' : ` (${delivery})`}`);
    this.deliver(flow, { type: ANSWER[flow.request.type], ...record }, delivery);
    for (const then of flow.orphaned ?? []) then();
  }

  private deliver(flow: CardFlow, response: TransactionOutcomeResponse, delivery: Delivery): void {
    const request = flow.request;
    switch (delivery) {
      case 'answer':
        return this.reply(flow.port, flow.version, { ...response, ...this.withReceipts(response, request.returnReceipts) });
      case 'drop':
        return flow.port.destroy();
      case 'withhold':
        return;
      case 'garbage':
        return flow.port.sendRaw(GARBAGE);
      case 'truncated': {
        const whole = Buffer.from(
          `HTTP/1.0 200 OK\r\ncontent-length: 900\r\n\r\n${encodeMessage(response, flow.version)}`,
          'utf8',
        );
        return flow.port.sendRaw(whole.subarray(0, Math.min(whole.length, 120)));
      }
    }
  }

  /** Books an approved request and records it; undefined when a reversal finds nothing to reverse. */
  private approve(request: FinancialWireRequest): Omit<TransactionOutcomeResponse, 'type'> | undefined {
    if (request.type === 'ReverseTransactionRequest') return this.reverse(request);
    const amountMinor = request.type === 'TransactionRequest' ? request.amountMinor : request.refundAmountMinor;
    const stan = ++this.stan;
    const authorizationNo = String(100000 + ((stan * 7919) % 900000));
    const booking: SimulatedBooking = { operation: OPERATION[request.type], amountMinor, authorizationCode: authorizationNo };
    this.bookings.push(booking);
    const record = this.record(request, stan, amountMinor, {
      authorizationNo,
      hostAnswer: '000',
      transactionCompletion: 'COMPLETED',
    });
    this.store({ record, booking });
    return record;
  }

  private reverse(request: ReverseTransactionRequest): Omit<TransactionOutcomeResponse, 'type'> | undefined {
    const stored =
      request.transactionId !== undefined
        ? this.byId.get(request.transactionId)
        : this.byStan.get(Number(request.transactionStan));
    const data = stored?.record.transactionData;
    if (!stored?.booking || stored.booking.reversed || data?.transactionCompletion !== 'COMPLETED') return undefined;
    const stanRev = ++this.stan;
    stored.booking.reversed = true;
    this.bookings.push({
      operation: 'reversal',
      amountMinor: stored.booking.amountMinor,
      ...(data.authorizationNo && { authorizationCode: data.authorizationNo }),
    });
    stored.record = {
      ...stored.record,
      transactionData: { ...data, stanRev: stanText(stanRev), transactionCompletion: 'COMPLETED_REV' },
      reason: 'Transaction reversed',
    };
    return stored.record;
  }

  /** A refusal that got as far as the card: recorded (STAN used) with NOTIFICATION, nothing booked. */
  private decline(request: FinancialWireRequest, refusal: PosxmlRefusal): Omit<TransactionOutcomeResponse, 'type'> {
    if (request.type === 'ReverseTransactionRequest') return { returnCode: refusal.returnCode, reason: refusal.reason };
    const amountMinor = request.type === 'TransactionRequest' ? request.amountMinor : request.refundAmountMinor;
    const record = this.record(request, ++this.stan, amountMinor, {
      ...(refusal.hostAnswer && { hostAnswer: refusal.hostAnswer }),
      transactionCompletion: 'NOTIFICATION',
    });
    const declined = { ...record, returnCode: refusal.returnCode, reason: refusal.reason };
    this.store({ record: declined });
    return declined;
  }

  private record(
    request: TransactionRequest | RefundTransactionRequest,
    stan: number,
    amountMinor: number,
    outcome: Pick<TransactionData, 'authorizationNo' | 'hostAnswer' | 'transactionCompletion'>,
  ): Omit<TransactionOutcomeResponse, 'type'> {
    return {
      returnCode: 0,
      reason: '',
      transactionData: {
        ...(request.transactionId !== undefined && { transactionId: request.transactionId }),
        amountMinor,
        additionalAmountMinor: 0,
        currencyName: request.currencyName,
        dateTime: formatDateTime(new Date()),
        stan: stanText(stan),
        type: 'T1',
        ...outcome,
        signatureRequired: 0,
        pinVerified: 1,
      },
      cardData: this.cardData(),
      terminalData: { serNo: '9026808847', id: this.settings.terminalId, name: 'PAYSCRIPT SIM' },
    };
  }

  private cardData(): CardData {
    return {
      // Terminals send stars and the last four (spec §3.4.4); some send the whole number.
      pan: this.settings.fullPan ? SIMULATED_PAN : `${'*'.repeat(SIMULATED_PAN.length - 4)}${SIMULATED_PAN.slice(-4)}`,
      cardName: 'SIM VISA',
      applicationLabel: 'Visa Credit',
      // No AID (optional, spec §3.4.4): its 13 digits after the `A` look like a card number to
      // log scanners such as the conformance suite's.
    };
  }

  private store(stored: StoredTransaction): void {
    const data = stored.record.transactionData;
    if (data?.transactionId !== undefined) this.byId.set(data.transactionId, stored);
    if (data?.stan !== undefined) this.byStan.set(Number(data.stan), stored);
  }

  private withReceipts(
    record: Omit<TransactionOutcomeResponse, 'type'>,
    width: number | undefined,
  ): Omit<TransactionOutcomeResponse, 'type'> {
    const data = record.transactionData;
    if (width === undefined || !data?.stan) return record;
    const facts = {
      title: data.transactionCompletion === 'COMPLETED_REV' ? 'REVERSAL RECEIPT' : 'CARD PAYMENT RECEIPT',
      terminalId: this.settings.terminalId,
      stan: data.stan,
      dateTime: data.dateTime ?? '',
      amountMinor: data.amountMinor ?? 0,
      currencyName: data.currencyName ?? '',
      ...(record.cardData?.pan && { maskedPan: record.cardData.pan }),
      ...(data.authorizationNo && { authorizationNo: data.authorizationNo }),
      result:
        record.returnCode === 0 && data.transactionCompletion !== 'NOTIFICATION' ? 'TRANSACTION DONE' : 'Transaction failed',
    };
    const clamped = Math.min(64, Math.max(24, width));
    return {
      ...record,
      merchReceipt: receiptText(facts, 'merchant', clamped),
      custReceipt: receiptText(facts, 'customer', clamped),
    };
  }

  /** TransactionSendRequest: the day's file goes to the (simulated) host and a new day starts. */
  private sendFile(): PosxmlResponse {
    const { total, count } = this.dayTotals();
    this.bookings.push({ operation: 'close', amountMinor: total });
    this.dayStart = this.bookings.length;
    this.lastSend = { fileNumber: (this.lastSend?.fileNumber ?? 0) + 1, total, count };
    this.settings.trace(`transaction file ${this.lastSend.fileNumber} sent: ${count} transactions, ${total}`);
    return {
      type: 'TransactionSendResponse',
      returnCode: 0,
      currencyName: 'EUR',
      fileNumber: String(this.lastSend.fileNumber).padStart(6, '0'),
      fileDateTime: formatDateTime(new Date()),
      fileSendStatus: 1,
      fileTotalAmountMinor: total,
      fileTransactionCount: count,
      pendingCount: 0,
    };
  }

  /** Net amount and count of the bookings since the last send (a reversed charge counts nothing). */
  private dayTotals(): { total: number; count: number } {
    let total = 0;
    let count = 0;
    for (const booking of this.bookings.slice(this.dayStart)) {
      if (booking.operation === 'close' || booking.operation === 'reversal' || booking.reversed) continue;
      total += booking.operation === 'refund' ? -booking.amountMinor : booking.amountMinor;
      count += 1;
    }
    return { total, count };
  }

  private busy(port: HttpPort, version: string, type: PosxmlResponse['type']): void {
    this.settings.trace(`busy: answered ${type} ${RETURN_CODE.sequenceError}`);
    this.reply(port, version, { type, returnCode: RETURN_CODE.sequenceError } as PosxmlResponse);
  }

  private reply(port: HttpPort, version: string, response: PosxmlResponse): void {
    if (port.closed) return;
    port.answer(encodeMessage(response, version));
  }

  private takeFault(): PosxmlFault | undefined {
    const fault = this.fault;
    this.fault = undefined;
    return fault;
  }
}

const OPERATION: Readonly<Record<FinancialWireRequest['type'], SimulatedOperation>> = {
  TransactionRequest: 'sale',
  RefundTransactionRequest: 'refund',
  ReverseTransactionRequest: 'reversal',
};

const ANSWER: Readonly<Record<FinancialWireRequest['type'], TransactionOutcomeResponse['type']>> = {
  TransactionRequest: 'TransactionResponse',
  RefundTransactionRequest: 'RefundTransactionResponse',
  ReverseTransactionRequest: 'ReverseTransactionResponse',
};

function amountOf(request: FinancialWireRequest): number | undefined {
  if (request.type === 'TransactionRequest') return request.amountMinor;
  return request.type === 'RefundTransactionRequest' ? request.refundAmountMinor : request.reverseAmountMinor;
}

function stanText(stan: number): string {
  return String(stan % 1_000_000).padStart(6, '0');
}

/** `DD.MM.YYYY HH:MM:SS` (spec §2.3, DateTime). */
function formatDateTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getDate())}.${two(date.getMonth() + 1)}.${date.getFullYear()} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/** Line noise instead of an HTTP answer. */
const GARBAGE = Buffer.from('\x00\xff~~noise~~ <PosXML <<<< not http, not xml', 'latin1');
