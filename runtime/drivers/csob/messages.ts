// ČSOB messages as plain typed objects, and the one place that turns them into frames and back
// (csob-b.md, "Messages" and "Fields"). No I/O here: the driver's session and the simulator both
// build on these functions.
import { decodeLatin2, encodeLatin2 } from '../../protocol/iso-8859-2.js';
import type { Frame } from '../../protocol/frame-profile.js';
import { serializeFrame } from '../../protocol/frame-serializer.js';
import {
  type LetterField,
  decodeLetterFields,
  decodeSubFields,
  encodeLetterFields,
  encodeSubFields,
} from '../../protocol/letter-fields.js';
import { type Result, err, ok } from '../../protocol/result.js';
import {
  CSOB_FRAME,
  FIELD,
  FLAG,
  PROTOCOL_VERSION,
  RECEIPT_MORE_FOLLOWS,
  RECEIPT_PART,
  SHORT_VARIABLE_SYMBOL_MAX,
  SUB_FIELD,
} from './profile.js';

/** B0: acknowledgement of a B1, keep-alive while the terminal works, or the register's ack. */
export interface ActivityMessage {
  type: 'B0';
}

/** B1: the register asks for a transaction. */
export interface TransactionRequest {
  type: 'B1';
  transactionType: string;
  amountMinor?: number;
  currencyNumeric?: string;
  variableSymbol?: string;
  /** Sent in a reversal: the authorization code of the transaction to cancel. */
  authorizationCode?: string;
  cashbackMinor?: number;
}

export interface TotalsLine {
  currencyNumeric: string;
  count: number;
  /** Net amount (sales minus refunds), so it may be negative. */
  amountMinor: number;
}

/** B2: the terminal's final result. */
export interface TransactionResponse {
  type: 'B2';
  flags: number;
  transactionType: string;
  responseCode?: string;
  responseText?: string;
  amountMinor?: number;
  currencyNumeric?: string;
  variableSymbol?: string;
  authorizationCode?: string;
  cardNumber?: string;
  transactionId?: string;
  totals?: TotalsLine[];
}

export type ReceiptPart = (typeof RECEIPT_PART)[keyof typeof RECEIPT_PART];

/** B3: the register asks for (the next part of) a receipt copy. */
export interface ReceiptRequest {
  type: 'B3';
  part: ReceiptPart;
}

export interface ReceiptLine {
  /** The print attribute the terminal put first in the field (bold, double width…). */
  attribute: string;
  text: string;
}

/** B4: one page of receipt lines; `more` when a `t1` sub-field says another page follows. */
export interface ReceiptData {
  type: 'B4';
  lines: ReceiptLine[];
  more: boolean;
}

export type CsobMessage = ActivityMessage | TransactionRequest | TransactionResponse | ReceiptRequest | ReceiptData;

export interface Envelope {
  terminalId: string;
  /** `YYMMDDhhmmss`. */
  dateTime: string;
}

export interface InboundMessage {
  envelope: Envelope;
  message: CsobMessage;
}

/** The settings a register and a terminal must agree on beyond the notes. */
export interface Dialect {
  /** Field id of the cashback amount in a T08 request (not public). */
  cashbackFieldId: string;
  /** Compute the frame checksum instead of sending the `A5A5` placeholder. */
  computeCrc: boolean;
}

export function encodeMessage(message: CsobMessage, envelope: Envelope, dialect: Dialect): Buffer {
  const header = {
    type: message.type,
    version: PROTOCOL_VERSION,
    terminalId: envelope.terminalId,
    dateTime: envelope.dateTime,
    flags: flagsOf(message).toString(16).toUpperCase(),
  };
  const data = encodeLatin2(encodeLetterFields(fieldsOf(message, dialect)));
  return serializeFrame(CSOB_FRAME, header, data, { computeCrc: dialect.computeCrc });
}

export function decodeMessage(frame: Frame, dialect: Dialect): Result<InboundMessage, string> {
  const fields = decodeLetterFields(decodeLatin2(frame.data));
  if (!fields.ok) return fields;
  const envelope = { terminalId: frame.header.terminalId!.trimEnd(), dateTime: frame.header.dateTime! };
  const flags = Number.parseInt(frame.header.flags!, 16);
  const message = messageOf(frame.header.type!, flags, new FieldReader(fields.value), dialect);
  return message.ok ? ok({ envelope, message: message.value }) : message;
}

/** `YYMMDDhhmmss` in local time, as the terminal's clock shows it. */
export function formatDateTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    two(date.getFullYear() % 100) +
    two(date.getMonth() + 1) +
    two(date.getDate()) +
    two(date.getHours()) +
    two(date.getMinutes()) +
    two(date.getSeconds())
  );
}

function flagsOf(message: CsobMessage): number {
  switch (message.type) {
    case 'B1':
    case 'B3':
      return FLAG.register;
    case 'B2':
      return message.flags;
    default:
      return 0;
  }
}

function fieldsOf(message: CsobMessage, dialect: Dialect): LetterField[] {
  switch (message.type) {
    case 'B0':
      return [];
    case 'B1':
      return compact([
        [FIELD.transactionType, message.transactionType],
        [FIELD.amount, message.amountMinor?.toString()],
        [dialect.cashbackFieldId, message.cashbackMinor?.toString()],
        [FIELD.currency, message.currencyNumeric],
        [FIELD.authorizationCode, message.authorizationCode],
        ...variableSymbolFields(message.variableSymbol),
      ]);
    case 'B2':
      return compact([
        [FIELD.transactionType, message.transactionType],
        [FIELD.responseCode, message.responseCode],
        [FIELD.amount, message.amountMinor?.toString()],
        [FIELD.currency, message.currencyNumeric],
        [FIELD.authorizationCode, message.authorizationCode],
        [FIELD.cardNumber, message.cardNumber],
        [FIELD.transactionId, message.transactionId],
        [FIELD.totals, message.totals && encodeTotals(message.totals)],
        [FIELD.responseText, message.responseText],
        ...variableSymbolFields(message.variableSymbol),
      ]);
    case 'B3':
      return [{ id: FIELD.composite, value: encodeSubFields([{ id: SUB_FIELD.receipt, value: message.part }]) }];
    case 'B4':
      return [
        ...message.lines.map((line) => ({ id: line.attribute, value: line.text })),
        ...(message.more
          ? [{ id: FIELD.composite, value: encodeSubFields([{ id: SUB_FIELD.receipt, value: RECEIPT_MORE_FOLLOWS }]) }]
          : []),
      ];
  }
}

/** Up to nine characters in field S; 10–20 in sub-field S of field 9 (csob-b.md, "Fields"). */
function variableSymbolFields(symbol: string | undefined): [string, string | undefined][] {
  if (symbol === undefined) return [];
  if (symbol.length <= SHORT_VARIABLE_SYMBOL_MAX) return [[FIELD.variableSymbol, symbol]];
  return [[FIELD.composite, encodeSubFields([{ id: SUB_FIELD.variableSymbol, value: symbol }])]];
}

function compact(pairs: [string, string | undefined][]): LetterField[] {
  return pairs.flatMap(([id, value]) => (value === undefined ? [] : [{ id, value }]));
}

/**
 * Inferred totals format in field L (ČSOB publishes none): one record per currency,
 * `<ISO numeric>,<count>,<net amount in minor units>`, records joined by `;`.
 */
function encodeTotals(totals: readonly TotalsLine[]): string {
  return totals.map((line) => `${line.currencyNumeric},${line.count},${line.amountMinor}`).join(';');
}

function decodeTotals(text: string): Result<TotalsLine[], string> {
  const lines: TotalsLine[] = [];
  for (const record of text.split(';').filter((r) => r.length > 0)) {
    const match = /^(\d{3}),(\d+),(-?\d+)$/.exec(record);
    if (!match) return err(`totals record ${JSON.stringify(record)} is not <currency>,<count>,<amount>`);
    lines.push({ currencyNumeric: match[1]!, count: Number(match[2]), amountMinor: Number(match[3]) });
  }
  return ok(lines);
}

/** Field access by id; the first occurrence wins and unknown fields are ignored (forward compatible). */
class FieldReader {
  private readonly byId = new Map<string, string>();
  private readonly subFields = new Map<string, string>();
  readonly problems: string[] = [];

  constructor(readonly fields: readonly LetterField[]) {
    for (const field of fields) {
      if (!this.byId.has(field.id)) this.byId.set(field.id, field.value);
      if (field.id !== FIELD.composite) continue;
      const subs = decodeSubFields(field.value);
      if (!subs.ok) {
        this.problems.push(`field ${FIELD.composite}: ${subs.error}`);
        continue;
      }
      for (const sub of subs.value) if (!this.subFields.has(sub.id)) this.subFields.set(sub.id, sub.value);
    }
  }

  text(id: string): string | undefined {
    return this.byId.get(id);
  }

  sub(id: string): string | undefined {
    return this.subFields.get(id);
  }

  amount(id: string): number | undefined {
    const value = this.byId.get(id);
    if (value === undefined) return undefined;
    if (!/^\d{1,15}$/.test(value)) {
      this.problems.push(`field ${id} is not an amount: ${JSON.stringify(value)}`);
      return undefined;
    }
    return Number(value);
  }
}

function messageOf(type: string, flags: number, fields: FieldReader, dialect: Dialect): Result<CsobMessage, string> {
  const message = buildMessage(type, flags, fields, dialect);
  if (!message.ok) return message;
  return fields.problems.length > 0 ? err(`${type}: ${fields.problems.join('; ')}`) : message;
}

function buildMessage(type: string, flags: number, fields: FieldReader, dialect: Dialect): Result<CsobMessage, string> {
  const variableSymbol = fields.text(FIELD.variableSymbol) ?? fields.sub(SUB_FIELD.variableSymbol);
  switch (type) {
    case 'B0':
      return ok({ type: 'B0' });
    case 'B1': {
      const transactionType = fields.text(FIELD.transactionType);
      if (transactionType === undefined) return err('B1 without a transaction type');
      return ok(
        defined({
          type: 'B1' as const,
          transactionType,
          amountMinor: fields.amount(FIELD.amount),
          cashbackMinor: fields.amount(dialect.cashbackFieldId),
          currencyNumeric: fields.text(FIELD.currency),
          authorizationCode: fields.text(FIELD.authorizationCode),
          variableSymbol,
        }),
      );
    }
    case 'B2': {
      const transactionType = fields.text(FIELD.transactionType);
      if (transactionType === undefined) return err('B2 without a transaction type');
      const totalsText = fields.text(FIELD.totals);
      const totals = totalsText === undefined ? undefined : decodeTotals(totalsText);
      if (totals && !totals.ok) return totals;
      return ok(
        defined({
          type: 'B2' as const,
          flags,
          transactionType,
          responseCode: fields.text(FIELD.responseCode),
          responseText: fields.text(FIELD.responseText),
          amountMinor: fields.amount(FIELD.amount),
          currencyNumeric: fields.text(FIELD.currency),
          authorizationCode: fields.text(FIELD.authorizationCode),
          cardNumber: fields.text(FIELD.cardNumber),
          transactionId: fields.text(FIELD.transactionId),
          totals: totals?.value,
          variableSymbol,
        }),
      );
    }
    case 'B3': {
      const part = fields.sub(SUB_FIELD.receipt);
      const parts: readonly string[] = Object.values(RECEIPT_PART);
      if (part === undefined || !parts.includes(part)) return err(`B3 with unknown receipt part ${JSON.stringify(part)}`);
      return ok({ type: 'B3', part: part as ReceiptPart });
    }
    case 'B4':
      return ok({
        type: 'B4',
        lines: fields.fields
          .filter((field) => field.id !== FIELD.composite)
          .map((field) => ({ attribute: field.id, text: field.value })),
        more: fields.sub(SUB_FIELD.receipt) === RECEIPT_MORE_FOLLOWS,
      });
    default:
      return err(`unknown message type ${JSON.stringify(type)}`);
  }
}

/** Drops undefined properties so messages compare and print cleanly. */
function defined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}
