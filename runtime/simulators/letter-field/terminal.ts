// What a simulated letter-field terminal does with each message (csob-b.md, "What the simulator
// must do"; outcomes by cents from protocols/README.md). It shares framing and messages with the
// driver but none of the driver's session logic: its state machine is written from the terminal's
// side of the notes, and reads every wire fact from the profile and every answer from the script.
import type { ReceiptLine, TransactionRequest, TransactionResponse } from '../../drivers/letter-field/messages.js';
import { formatDateTime } from '../../drivers/letter-field/messages.js';
import { type LetterFieldProfile, type ReceiptPart, financialTypes } from '../../drivers/letter-field/profile.js';
import { flowLengthMs, goesDark, OutcomePlan, outcomeForAmount } from '../outcome-table.js';
import { Reachability } from '../reachability.js';
import type { OrphanedFlow, SimulatedOperation } from '../terminal-simulator.js';
import { Ledger } from './ledger.js';
import type { TerminalPort } from './port.js';
import { type ReceiptFacts, pages, receiptLines } from './receipts.js';
import type { Answer, SimulatorScript } from './script.js';

/** A test card (Luhn-valid); sent masked unless a test asks for the full number. */
export const SIMULATED_CARD_NUMBER = '4761739001010119';
const MASKED_CARD_NUMBER = '476173******0119';

export interface TerminalSwitches {
  /** Card-flow duration. */
  delayMs: number;
  /** Interval of keep-alives while a flow runs. */
  keepAliveMs: number;
  /** Flag approved results so the register confirms them with a last-transaction query. */
  confirmationFlag: boolean;
  /** Send the full card number in results (real terminals may); the register must mask it. */
  fullCardNumber: boolean;
  orphanedFlow: OrphanedFlow;
}

/**
 * A one-shot fault for the next result of the given transaction type (e.g. '00', '80'); without a
 * type, for the next financial result.
 */
export type Fault = { transactionType?: string } &
  /** Noise and a frame with a broken header instead of the result; nothing is booked. */
  (
    | { kind: 'garbage' }
    /** A result frame cut short, followed by a keep-alive; nothing is booked. */
    | { kind: 'truncated' }
    /** Approved and booked, but the result shows this code and asks for confirmation; the record says approved. */
    | { kind: 'misreport'; responseCode: string }
    /** Approved and booked, but the result is never sent: only passivate + last transaction can find out. */
    | { kind: 'withhold' }
  );

interface Flow {
  port: TerminalPort;
  timers: NodeJS.Timeout[];
  /** It ends by itself (not cents 55, which runs until stopped). */
  ending: boolean;
  /** Its register is gone and it goes on ('finish'): what to do once it has ended. */
  orphaned?: (() => void)[];
}

interface Receipt {
  merchant: ReceiptLine[][];
  customer: ReceiptLine[][];
}

const TITLES: Readonly<Record<SimulatedOperation, string>> = {
  sale: 'PRODEJ',
  refund: 'VRÁCENÍ',
  'sale-with-cashback': 'PRODEJ S CASHBACKEM',
  reversal: 'STORNO',
  close: 'UZÁVĚRKA',
};

export class SimulatedTerminal {
  readonly ledger = new Ledger();
  readonly reachability = new Reachability();
  private flow: Flow | undefined;
  /** What the last-transaction query reports: the last transaction that ended (approved or not). */
  private last: { response: TransactionResponse; receipt?: Receipt } | undefined;
  private lastReceipt: Receipt | undefined;
  /** Receipt paging per connection: which copy, and the next page to send. */
  private readonly paging = new Map<TerminalPort, { pages: ReceiptLine[][]; next: number }>();
  /** How each sale or refund ends; set at start to force one outcome. */
  outcomes = new OutcomePlan();
  private fault: Fault | undefined;
  private sequence = 0;
  private readonly operations: ReadonlyMap<string, SimulatedOperation>;

  constructor(
    readonly terminalId: string,
    readonly switches: TerminalSwitches,
    private readonly profile: LetterFieldProfile,
    private readonly script: SimulatorScript,
  ) {
    this.operations = operationsOf(profile);
  }

  /** The neutral name of a transaction type, for the types that book something. */
  operationOf(transactionType: string): SimulatedOperation | undefined {
    return this.operations.get(transactionType);
  }

  injectFault(fault: Fault): void {
    this.fault = fault;
  }

  onRequest(port: TerminalPort, request: TransactionRequest): void {
    port.send({ type: 'activity' }); // acknowledge every request at once
    const type = request.transactionType;
    const types = this.profile.transactionType;
    if (type === types.passivate) return this.passivate(port);
    if (this.flow) return this.answer(port, { transactionType: type, ...this.script.refusals['terminal-busy'] });
    switch (type) {
      case types.lastTransaction:
        return this.reportLast(port);
      case types.applicationInfo:
        return this.answer(port, { transactionType: type, ...this.approval(this.script.applicationInfoText) });
      case types.lineTest:
        return this.runFlow(port, () => this.answer(port, { transactionType: type, ...this.approval(this.script.lineTestText) }));
      case types.closeTotals:
        return this.runFlow(port, () => this.closeDay(port));
      default:
        if (financialTypes(this.profile).includes(type)) return this.startFinancial(port, request);
        return this.answer(port, { transactionType: type, ...this.script.unsupported });
    }
  }

  onReceiptRequest(port: TerminalPort, part: ReceiptPart): void {
    let cursor = this.paging.get(port);
    if (part !== 'next' || !cursor) {
      const receipt = this.lastReceipt;
      cursor = { pages: receipt ? (part === 'customer' ? receipt.customer : receipt.merchant) : [[]], next: 0 };
      this.paging.set(port, cursor);
    }
    const page = cursor.pages[cursor.next] ?? [];
    cursor.next += 1;
    port.send({ type: 'receipt-page', lines: page, more: cursor.next < cursor.pages.length });
  }

  /** A connection closed: a flow it started is dropped unpaid, or with 'finish' goes on to its end. */
  onDisconnect(port: TerminalPort): void {
    this.paging.delete(port);
    if (this.flow?.port !== port) return;
    if (this.switches.orphanedFlow === 'finish' && this.flow.ending) this.flow.orphaned = [];
    else this.endFlow();
  }

  private startFinancial(port: TerminalPort, request: TransactionRequest): void {
    const reversal = request.transactionType === this.profile.transactionType.reversal;
    const scripted =
      request.amountMinor === undefined
        ? { kind: 'approve' as const }
        : reversal
          ? outcomeForAmount(request.amountMinor)
          : this.outcomes.next(request.amountMinor);
    switch (scripted.kind) {
      case 'never-answer':
        return this.runFlow(port, undefined);
      case 'refuse':
        return this.runFlow(port, () => this.finish(port, request, this.script.refusals[scripted.reason]));
      case 'approve':
        return this.runFlow(port, () => this.approve(port, request), flowLengthMs(scripted, this.switches.delayMs));
      case 'approve-then-drop':
        return this.runFlow(port, () => {
          this.book(request);
          if (goesDark(scripted)) this.reachability.goDark();
          port.drop();
        });
    }
  }

  /** Runs a card flow: keep-alives until `complete` fires after `lengthMs` (never, if undefined). */
  private runFlow(port: TerminalPort, complete: (() => void) | undefined, lengthMs = this.switches.delayMs): void {
    const flow: Flow = { port, timers: [], ending: complete !== undefined };
    this.flow = flow;
    flow.timers.push(setInterval(() => port.send({ type: 'activity' }), this.switches.keepAliveMs));
    if (complete) {
      flow.timers.push(
        setTimeout(() => {
          this.endFlow();
          complete();
          for (const then of flow.orphaned ?? []) then();
        }, lengthMs),
      );
    }
  }

  private endFlow(): void {
    for (const timer of this.flow?.timers ?? []) clearTimeout(timer);
    this.flow = undefined;
  }

  /** Passivation: whatever runs is dropped unpaid, except an orphaned flow that finishes first. */
  private passivate(port: TerminalPort): void {
    const answer = () =>
      this.answer(port, { transactionType: this.profile.transactionType.passivate, ...this.script.passivated });
    if (this.flow?.orphaned) return void this.flow.orphaned.push(answer);
    this.endFlow();
    answer();
  }

  private approve(port: TerminalPort, request: TransactionRequest): void {
    if (request.transactionType === this.profile.transactionType.reversal) {
      const charge = request.authorizationCode ? this.ledger.reversibleCharge(request.authorizationCode) : undefined;
      if (!charge) return this.finish(port, request, this.script.nothingToReverse);
      charge.reversed = true;
    }
    const fault = this.takeFault(request.transactionType);
    if (fault?.kind === 'garbage' || fault?.kind === 'truncated') {
      // The terminal "crashed" before booking: the register gets only broken bytes.
      const unbooked: TransactionResponse = {
        type: 'result',
        flags: 0,
        transactionType: request.transactionType,
        ...echo(request),
        ...this.script.approved,
      };
      return this.sendBroken(port, fault.kind, unbooked);
    }
    const response = this.book(request);
    if (fault?.kind === 'withhold') return;
    if (fault?.kind === 'misreport') {
      return port.send({
        ...response,
        responseCode: fault.responseCode,
        flags: response.flags | this.profile.flag.confirmWithLastTransaction,
      });
    }
    port.send(response);
  }

  /** The bank approves: ledger entry, the record the last-transaction query reports, and the receipt. */
  private book(request: TransactionRequest): TransactionResponse {
    const types = this.profile.transactionType;
    const transactionId = this.nextTransactionId();
    const isReversal = request.transactionType === types.reversal;
    const authorizationCode = isReversal ? request.authorizationCode! : String(100000 + ((this.sequence * 7919) % 900000));
    const charged = (request.amountMinor ?? 0) + (request.cashbackMinor ?? 0);
    const credit = request.transactionType === types.refund || isReversal;
    this.ledger.record({
      kind: this.operationOf(request.transactionType)!,
      amountMinor: credit ? -charged : charged,
      ...(request.cashbackMinor !== undefined && { cashbackMinor: request.cashbackMinor }),
      currencyNumeric: request.currencyNumeric ?? DEFAULT_CURRENCY,
      ...(request.variableSymbol !== undefined && { variableSymbol: request.variableSymbol }),
      authorizationCode,
      transactionId,
      at: new Date(),
    });
    return this.record(request, {
      ...this.script.approved,
      authorizationCode,
      transactionId,
      cardNumber: this.switches.fullCardNumber ? SIMULATED_CARD_NUMBER : MASKED_CARD_NUMBER,
    });
  }

  /** A declined or cancelled flow ends: it becomes the last transaction, with no ledger entry. */
  private finish(port: TerminalPort, request: TransactionRequest, outcome: Answer): void {
    this.answer(port, this.record(request, outcome));
  }

  private record(request: TransactionRequest, outcome: Partial<TransactionResponse>): TransactionResponse {
    const approved = outcome.responseCode === this.script.approved.responseCode;
    const { flag } = this.profile;
    const response: TransactionResponse = {
      type: 'result',
      flags: approved ? flag.receiptReady | (this.switches.confirmationFlag ? flag.confirmWithLastTransaction : 0) : 0,
      transactionType: request.transactionType,
      ...echo(request),
      ...outcome,
    };
    const stamped = this.stamped(response);
    const receipt = approved ? this.receiptFor(stamped) : undefined;
    this.last = { response: stamped, ...(receipt && { receipt }) };
    if (receipt) this.lastReceipt = receipt;
    return stamped;
  }

  private reportLast(port: TerminalPort): void {
    const type = this.profile.transactionType.lastTransaction;
    // No record yet: the answer echoes the query's own type (see the driver's matching.ts).
    if (!this.last) return this.answer(port, { transactionType: type, responseCode: this.script.approved.responseCode });
    const { response, receipt } = this.last;
    // Receipts can be fetched again only while they are still the terminal's latest.
    const flags = receipt && receipt === this.lastReceipt ? this.profile.flag.receiptReady : 0;
    this.answer(port, { ...response, flags });
  }

  private closeDay(port: TerminalPort): void {
    const perCurrency = this.profile.totalsFormat === 'per-currency';
    const totals = perCurrency ? { totals: this.ledger.totalsOfTheDay() } : { batchTotals: this.ledger.batchTotalsOfTheDay() };
    const transactionId = this.nextTransactionId();
    this.ledger.record({
      kind: 'close',
      amountMinor: 0,
      currencyNumeric: DEFAULT_CURRENCY,
      authorizationCode: '',
      transactionId,
      at: new Date(),
      ...totals,
    });
    this.ledger.closeDay();
    const facts: ReceiptFacts = {
      heading: this.script.receiptHeading,
      title: TITLES.close,
      terminalId: this.terminalId,
      responseText: summary(totals),
    };
    this.lastReceipt = { merchant: pages(receiptLines(facts, 'merchant')), customer: pages(receiptLines(facts, 'customer')) };
    this.answer(port, {
      transactionType: this.profile.transactionType.closeTotals,
      ...this.approval(this.script.closedText),
      ...totals,
      flags: this.profile.flag.receiptReady,
      transactionId,
    });
  }

  private receiptFor(response: TransactionResponse): Receipt {
    const operation = this.operationOf(response.transactionType);
    const facts: ReceiptFacts = {
      heading: this.script.receiptHeading,
      title: operation ? TITLES[operation] : `T${response.transactionType}`,
      terminalId: this.terminalId,
      responseText: response.responseText ?? '',
      ...pick(response, ['amountMinor', 'currencyNumeric', 'authorizationCode', 'variableSymbol']),
      maskedCardNumber: MASKED_CARD_NUMBER,
    };
    return { merchant: pages(receiptLines(facts, 'merchant')), customer: pages(receiptLines(facts, 'customer')) };
  }

  private approval(responseText: string): Answer {
    return { responseCode: this.script.approved.responseCode, responseText };
  }

  /** Sends a result, unless a one-shot transport fault for its type replaces it. */
  private answer(port: TerminalPort, fields: Partial<TransactionResponse> & { transactionType: string }): void {
    const response = this.stamped({ type: 'result', flags: 0, ...fields });
    const fault = this.takeFault(response.transactionType);
    if (fault?.kind === 'garbage' || fault?.kind === 'truncated') return this.sendBroken(port, fault.kind, response);
    port.send(response);
  }

  /** The fields only some profiles carry (GPE: approved flag, timestamp, code page; gpe.md). */
  private stamped(response: TransactionResponse): TransactionResponse {
    return {
      ...response,
      ...(this.profile.approvedFlag &&
        response.responseCode !== undefined && { approved: response.responseCode === this.script.approved.responseCode }),
      ...(this.profile.field.timestamp && response.timestamp === undefined && { timestamp: formatDateTime(new Date()) }),
      ...(this.profile.field.codePage && this.script.codePage !== undefined && { codePage: this.script.codePage }),
    };
  }

  private takeFault(transactionType: string): Fault | undefined {
    const fault = this.fault;
    const matches =
      fault !== undefined &&
      (fault.transactionType === undefined
        ? financialTypes(this.profile).includes(transactionType)
        : fault.transactionType === transactionType);
    if (!matches) return undefined;
    this.fault = undefined;
    return fault;
  }

  private sendBroken(port: TerminalPort, kind: 'garbage' | 'truncated', response: TransactionResponse): void {
    if (kind === 'garbage') return port.sendRaw(GARBAGE);
    // Cut inside the data area, then a whole keep-alive: the length check must catch it.
    const whole = port.encode(response);
    port.sendRaw(Buffer.concat([whole.subarray(0, whole.length - 6), port.encode({ type: 'activity' })]));
  }

  private nextTransactionId(): string {
    this.sequence += 1;
    return String(this.sequence).padStart(6, '0');
  }
}

/** Requests without a currency are booked in the terminal's default, CZK for both family banks. */
const DEFAULT_CURRENCY = '203';

function operationsOf(profile: LetterFieldProfile): Map<string, SimulatedOperation> {
  const type = profile.transactionType;
  return new Map<string, SimulatedOperation>([
    [type.sale, 'sale'],
    [type.refund, 'refund'],
    [type.saleWithCashback, 'sale-with-cashback'],
    [type.reversal, 'reversal'],
    [type.closeTotals, 'close'],
  ]);
}

function summary(totals: Pick<TransactionResponse, 'totals' | 'batchTotals'>): string {
  if (totals.batchTotals) {
    const t = totals.batchTotals;
    return `Debet ${t.debitCount} ks ${t.debitMinor}, kredit ${t.creditCount} ks ${t.creditMinor}, cashback ${t.cashbackCount} ks ${t.cashbackMinor}`;
  }
  const lines = totals.totals ?? [];
  return lines.map((line) => `${line.currencyNumeric}: ${line.count} ks, ${line.amountMinor}`).join('; ') || 'Žádné transakce';
}

/** A result echoes T, B, S and F of the request (csob-b.md, "What the simulator must do"). */
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
