// What the simulated ČSOB terminal does with each message (csob-b.md, "What the simulator must
// do"; outcomes by cents from protocols/README.md). It shares framing and messages with the
// driver but none of the driver's session logic: its state machine is written from the terminal's
// side of the notes.
import type { ReceiptLine, ReceiptPart, TransactionRequest, TransactionResponse } from '../../drivers/csob/messages.js';
import { FLAG, RECEIPT_PART, TRANSACTION_TYPE } from '../../drivers/csob/profile.js';
import { Ledger, type LedgerKind } from './ledger.js';
import { outcomeForAmount } from './outcomes.js';
import type { TerminalPort } from './port.js';
import { type ReceiptFacts, pages, receiptLines } from './receipts.js';

/** A test card (Luhn-valid); sent masked unless a test asks for the full number. */
export const SIMULATED_CARD_NUMBER = '4761739001010119';
const MASKED_CARD_NUMBER = '476173******0119';

export interface TerminalSwitches {
  /** Card-flow duration. */
  delayMs: number;
  /** Interval of B0 keep-alives while a flow runs. */
  keepAliveMs: number;
  /** Set 0x8000 on approved results so the register confirms them with T82. */
  confirmationFlag: boolean;
  /** Send the full card number in B2 (real terminals may); the register must mask it. */
  fullCardNumber: boolean;
}

/** A one-shot fault for the next result of the given transaction type (e.g. '00', '80'). */
export type Fault = { transactionType: string } & (
  /** Noise and a frame with a broken header instead of the result; nothing is booked. */
  | { kind: 'garbage' }
  /** A result frame cut short, followed by a keep-alive; nothing is booked. */
  | { kind: 'truncated' }
  /** Approved and booked, but the B2 shows this code and 0x8000; the T82 record says approved. */
  | { kind: 'misreport'; responseCode: string }
  /** Approved and booked, but the B2 is never sent: only T81 + T82 can find out. */
  | { kind: 'withhold' }
);

interface Flow {
  port: TerminalPort;
  request: TransactionRequest;
  timers: NodeJS.Timeout[];
}

interface Receipt {
  merchant: ReceiptLine[][];
  customer: ReceiptLine[][];
}

const TITLES: Readonly<Record<string, string>> = {
  [TRANSACTION_TYPE.sale]: 'PRODEJ',
  [TRANSACTION_TYPE.refund]: 'VRÁCENÍ',
  [TRANSACTION_TYPE.saleWithCashback]: 'PRODEJ S CASHBACKEM',
  [TRANSACTION_TYPE.reversal]: 'STORNO',
  [TRANSACTION_TYPE.closeTotals]: 'UZÁVĚRKA',
};

const LEDGER_KIND: Readonly<Record<string, LedgerKind>> = {
  [TRANSACTION_TYPE.sale]: 'sale',
  [TRANSACTION_TYPE.refund]: 'refund',
  [TRANSACTION_TYPE.saleWithCashback]: 'sale-with-cashback',
  [TRANSACTION_TYPE.reversal]: 'reversal',
};

export class SimulatedTerminal {
  readonly ledger = new Ledger();
  private flow: Flow | undefined;
  /** What T82 reports: the last transaction that ended (approved or not). */
  private last: { response: TransactionResponse; receipt?: Receipt } | undefined;
  private lastReceipt: Receipt | undefined;
  /** Receipt paging per connection: which copy, and the next page to send. */
  private readonly paging = new Map<TerminalPort, { pages: ReceiptLine[][]; next: number }>();
  private fault: Fault | undefined;
  private sequence = 0;

  constructor(
    readonly terminalId: string,
    readonly switches: TerminalSwitches,
  ) {}

  injectFault(fault: Fault): void {
    this.fault = fault;
  }

  onRequest(port: TerminalPort, request: TransactionRequest): void {
    port.send({ type: 'B0' }); // acknowledge every B1 at once
    const type = request.transactionType;
    if (type === TRANSACTION_TYPE.passivate) return this.passivate(port);
    if (this.flow) return this.answer(port, { transactionType: type, responseCode: '-02', responseText: 'Terminál je zaneprázdněn' });
    switch (type) {
      case TRANSACTION_TYPE.lastTransaction:
        return this.reportLast(port);
      case TRANSACTION_TYPE.applicationInfo:
        return this.answer(port, { transactionType: type, responseCode: '000', responseText: 'ČSOB simulátor 1.0' });
      case TRANSACTION_TYPE.lineTest:
        return this.runFlow(port, request, () =>
          this.answer(port, { transactionType: type, responseCode: '000', responseText: 'Spojení s bankou v pořádku' }),
        );
      case TRANSACTION_TYPE.closeTotals:
        return this.runFlow(port, request, () => this.closeDay(port));
      case TRANSACTION_TYPE.sale:
      case TRANSACTION_TYPE.refund:
      case TRANSACTION_TYPE.saleWithCashback:
      case TRANSACTION_TYPE.reversal:
        return this.startFinancial(port, request);
      default:
        return this.answer(port, { transactionType: type, responseCode: '-21', responseText: 'Nepodporovaná operace' });
    }
  }

  onReceiptRequest(port: TerminalPort, part: ReceiptPart): void {
    let cursor = this.paging.get(port);
    if (part !== RECEIPT_PART.next || !cursor) {
      const receipt = this.lastReceipt;
      cursor = { pages: receipt ? (part === RECEIPT_PART.customer ? receipt.customer : receipt.merchant) : [[]], next: 0 };
      this.paging.set(port, cursor);
    }
    const page = cursor.pages[cursor.next] ?? [];
    cursor.next += 1;
    port.send({ type: 'B4', lines: page, more: cursor.next < cursor.pages.length });
  }

  /** A connection closed: a flow it started can no longer be paid, so the terminal drops it. */
  onDisconnect(port: TerminalPort): void {
    this.paging.delete(port);
    if (this.flow?.port === port) this.endFlow();
  }

  private startFinancial(port: TerminalPort, request: TransactionRequest): void {
    const scripted = request.amountMinor === undefined ? { kind: 'approve' as const } : outcomeForAmount(request.amountMinor);
    switch (scripted.kind) {
      case 'never-answer':
        return this.runFlow(port, request, undefined);
      case 'decline':
        return this.runFlow(port, request, () =>
          this.finish(port, request, { responseCode: scripted.responseCode, responseText: scripted.responseText }),
        );
      case 'approve':
        return this.runFlow(port, request, () => this.approve(port, request));
      case 'approve-then-drop':
        return this.runFlow(port, request, () => {
          this.book(request);
          port.drop();
        });
    }
  }

  /** Runs a card flow: keep-alives until `complete` fires after the delay (never, if undefined). */
  private runFlow(port: TerminalPort, request: TransactionRequest, complete: (() => void) | undefined): void {
    const flow: Flow = { port, request, timers: [] };
    this.flow = flow;
    flow.timers.push(setInterval(() => port.send({ type: 'B0' }), this.switches.keepAliveMs));
    if (complete) {
      flow.timers.push(
        setTimeout(() => {
          this.endFlow();
          complete();
        }, this.switches.delayMs),
      );
    }
  }

  private endFlow(): void {
    for (const timer of this.flow?.timers ?? []) clearTimeout(timer);
    this.flow = undefined;
  }

  /** T81: whatever runs is dropped unpaid; the answer is the usual -01. */
  private passivate(port: TerminalPort): void {
    this.endFlow();
    this.answer(port, { transactionType: TRANSACTION_TYPE.passivate, responseCode: '-01', responseText: 'Přerušeno' });
  }

  private approve(port: TerminalPort, request: TransactionRequest): void {
    if (request.transactionType === TRANSACTION_TYPE.reversal) {
      const charge = request.authorizationCode ? this.ledger.reversibleCharge(request.authorizationCode) : undefined;
      // Host-style "invalid transaction": nothing to reverse under that authorization code.
      if (!charge) return this.finish(port, request, { responseCode: '012', responseText: 'Transakce nenalezena' });
      charge.reversed = true;
    }
    const fault = this.takeFault(request.transactionType);
    if (fault?.kind === 'garbage' || fault?.kind === 'truncated') {
      // The terminal "crashed" before booking: the register gets only broken bytes.
      const unbooked: TransactionResponse = {
        type: 'B2',
        flags: 0,
        transactionType: request.transactionType,
        ...echo(request),
        responseCode: '000',
      };
      return this.sendBroken(port, fault.kind, unbooked);
    }
    const response = this.book(request);
    if (fault?.kind === 'withhold') return;
    if (fault?.kind === 'misreport') {
      return port.send({ ...response, responseCode: fault.responseCode, flags: response.flags | FLAG.confirmWithLastTransaction });
    }
    port.send(response);
  }

  /** The bank approves: ledger entry, the record T82 reports, and the receipt. */
  private book(request: TransactionRequest): TransactionResponse {
    this.sequence += 1;
    const transactionId = String(this.sequence).padStart(6, '0');
    const isReversal = request.transactionType === TRANSACTION_TYPE.reversal;
    const authorizationCode = isReversal ? request.authorizationCode! : String(100000 + ((this.sequence * 7919) % 900000));
    const charged = (request.amountMinor ?? 0) + (request.cashbackMinor ?? 0);
    const credit = request.transactionType === TRANSACTION_TYPE.refund || isReversal;
    this.ledger.record({
      kind: LEDGER_KIND[request.transactionType]!,
      amountMinor: credit ? -charged : charged,
      ...(request.cashbackMinor !== undefined && { cashbackMinor: request.cashbackMinor }),
      currencyNumeric: request.currencyNumeric ?? '203',
      ...(request.variableSymbol !== undefined && { variableSymbol: request.variableSymbol }),
      authorizationCode,
      transactionId,
      at: new Date(),
    });
    return this.record(request, {
      responseCode: '000',
      responseText: 'Schváleno',
      authorizationCode,
      transactionId,
      cardNumber: this.switches.fullCardNumber ? SIMULATED_CARD_NUMBER : MASKED_CARD_NUMBER,
    });
  }

  /** A declined or cancelled flow ends: it becomes the last transaction, with no ledger entry. */
  private finish(port: TerminalPort, request: TransactionRequest, outcome: { responseCode: string; responseText: string }): void {
    this.answer(port, this.record(request, outcome));
  }

  private record(request: TransactionRequest, outcome: Partial<TransactionResponse>): TransactionResponse {
    const approved = outcome.responseCode === '000';
    const response: TransactionResponse = {
      type: 'B2',
      flags: approved ? FLAG.receiptReady | (this.switches.confirmationFlag ? FLAG.confirmWithLastTransaction : 0) : 0,
      transactionType: request.transactionType,
      ...echo(request),
      ...outcome,
    };
    const receipt = approved ? this.receiptFor(response) : undefined;
    this.last = { response, ...(receipt && { receipt }) };
    if (receipt) this.lastReceipt = receipt;
    return response;
  }

  private reportLast(port: TerminalPort): void {
    if (!this.last) return this.answer(port, { transactionType: TRANSACTION_TYPE.lastTransaction, responseCode: '000' });
    const { response, receipt } = this.last;
    // Receipts can be fetched again only while they are still the terminal's latest.
    const flags = receipt && receipt === this.lastReceipt ? FLAG.receiptReady : 0;
    this.answer(port, { ...response, flags });
  }

  private closeDay(port: TerminalPort): void {
    const totals = this.ledger.totalsOfTheDay();
    this.sequence += 1;
    const transactionId = String(this.sequence).padStart(6, '0');
    this.ledger.record({
      kind: 'close',
      amountMinor: 0,
      currencyNumeric: totals[0]?.currencyNumeric ?? '203',
      authorizationCode: '',
      transactionId,
      at: new Date(),
      totals,
    });
    this.ledger.closeDay();
    const summary = totals.map((line) => `${line.currencyNumeric}: ${line.count} ks, ${line.amountMinor}`).join('; ');
    const facts: ReceiptFacts = {
      title: TITLES[TRANSACTION_TYPE.closeTotals]!,
      terminalId: this.terminalId,
      responseText: summary || 'Žádné transakce',
    };
    this.lastReceipt = { merchant: pages(receiptLines(facts, 'merchant')), customer: pages(receiptLines(facts, 'customer')) };
    this.answer(port, {
      transactionType: TRANSACTION_TYPE.closeTotals,
      responseCode: '000',
      responseText: 'Uzávěrka provedena',
      totals,
      flags: FLAG.receiptReady,
      transactionId,
    });
  }

  private receiptFor(response: TransactionResponse): Receipt {
    const facts: ReceiptFacts = {
      title: TITLES[response.transactionType] ?? `T${response.transactionType}`,
      terminalId: this.terminalId,
      responseText: response.responseText ?? '',
      ...pick(response, ['amountMinor', 'currencyNumeric', 'authorizationCode', 'variableSymbol']),
      maskedCardNumber: MASKED_CARD_NUMBER,
    };
    return { merchant: pages(receiptLines(facts, 'merchant')), customer: pages(receiptLines(facts, 'customer')) };
  }

  /** Sends a B2, unless a one-shot transport fault for its type replaces it. */
  private answer(port: TerminalPort, fields: Partial<TransactionResponse> & { transactionType: string }): void {
    const response: TransactionResponse = { type: 'B2', flags: 0, ...fields };
    const fault = this.takeFault(response.transactionType);
    if (fault?.kind === 'garbage' || fault?.kind === 'truncated') return this.sendBroken(port, fault.kind, response);
    port.send(response);
  }

  private takeFault(transactionType: string): Fault | undefined {
    const fault = this.fault;
    if (fault?.transactionType !== transactionType) return undefined;
    this.fault = undefined;
    return fault;
  }

  private sendBroken(port: TerminalPort, kind: 'garbage' | 'truncated', response: TransactionResponse): void {
    if (kind === 'garbage') return port.sendRaw(GARBAGE);
    // Cut inside the data area, then a whole keep-alive: the length check must catch it.
    const whole = port.encode(response);
    port.sendRaw(Buffer.concat([whole.subarray(0, whole.length - 6), port.encode({ type: 'B0' })]));
  }
}

/** B2 echoes T, B, S and F of the request (csob-b.md, "What the simulator must do"). */
function echo(request: TransactionRequest): Partial<TransactionResponse> {
  return pick(request, ['amountMinor', 'currencyNumeric', 'variableSymbol', 'authorizationCode']);
}

function pick<T extends object, K extends keyof T>(object: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const picked: Partial<Pick<T, K>> = {};
  for (const key of keys) if (object[key] !== undefined) picked[key] = object[key];
  return picked;
}

/** Line noise, then an STX whose "header" is text. */
const GARBAGE = Buffer.from('\x00\xff~~noise~~\x02B2 THIS IS NOT A HEADER AT ALL, SORRY\x03', 'latin1');
