// The family's messages as plain typed objects, and the one place that turns them into frames and
// back through a profile (csob-b.md, "Messages" and "Fields"; gpe.md). No I/O here: the driver's
// session and the simulators both build on these functions.
import { decodeLatin2, encodeLatin2 } from './iso-8859-2.js';
import type { Frame } from './frame-profile.js';
import { serializeFrame } from './frame-serializer.js';
import { type LetterField, decodeLetterFields, decodeSubFields, encodeLetterFields, encodeSubFields } from './letter-fields.js';
import { type Result, err, ok } from '../../protocol/result.js';
import type { LetterFieldProfile, MessageKind, ReceiptPart } from './profile.js';
import {
  type BatchTotals,
  type TotalsLine,
  decodeBatchTotals,
  decodeTotalsLines,
  encodeBatchTotals,
  encodeTotalsLines,
} from './totals.js';

/** Acknowledgement of a request, keep-alive while the terminal works, or the register's ack. */
export interface ActivityMessage {
  type: 'activity';
}

/** The register asks for a transaction. */
export interface TransactionRequest {
  type: 'request';
  transactionType: string;
  amountMinor?: number;
  /** Cash handed out, in the profile's cashback field. */
  cashbackMinor?: number;
  currencyNumeric?: string;
  variableSymbol?: string;
  /** Sent in a reversal: the authorization code of the transaction to cancel. */
  authorizationCode?: string;
  /** ISO 639-1, where the profile has the field (GPE). */
  customerLanguage?: string;
}

/** The terminal's final result. */
export interface TransactionResponse {
  type: 'result';
  flags: number;
  transactionType: string;
  responseCode?: string;
  responseText?: string;
  /** The approved flag, where the profile has one (GPE). */
  approved?: boolean;
  amountMinor?: number;
  currencyNumeric?: string;
  variableSymbol?: string;
  authorizationCode?: string;
  cardNumber?: string;
  transactionId?: string;
  timestamp?: string;
  codePage?: string;
  totals?: TotalsLine[];
  batchTotals?: BatchTotals;
}

/** The register asks for (the next page of) a receipt copy. */
export interface ReceiptRequest {
  type: 'receipt-request';
  part: ReceiptPart;
}

export interface ReceiptLine {
  /** The print attribute the terminal put first in the field (bold, double width…). */
  attribute: string;
  text: string;
}

/** One page of receipt lines; `more` when the more-follows marker says another page follows. */
export interface ReceiptData {
  type: 'receipt-page';
  lines: ReceiptLine[];
  more: boolean;
}

export type LetterFieldMessage = ActivityMessage | TransactionRequest | TransactionResponse | ReceiptRequest | ReceiptData;

export interface Envelope {
  terminalId: string;
  /** `YYMMDDhhmmss`. */
  dateTime: string;
}

export interface InboundMessage {
  envelope: Envelope;
  message: LetterFieldMessage;
}

/** What a register and a terminal must agree on: the profile (as configured) and the checksum. */
export interface Dialect {
  profile: LetterFieldProfile;
  /** Compute the frame checksum instead of sending the profile's placeholder. */
  computeCrc: boolean;
}

export function encodeMessage(message: LetterFieldMessage, envelope: Envelope, dialect: Dialect): Buffer {
  const { profile } = dialect;
  const header = {
    type: profile.messageCode[message.type],
    version: profile.protocolVersion,
    terminalId: envelope.terminalId,
    dateTime: envelope.dateTime,
    flags: flagsOf(message, profile).toString(16).toUpperCase(),
  };
  const data = encodeLatin2(encodeLetterFields(fieldsOf(message, profile)));
  return serializeFrame(profile.frame, header, data, { computeCrc: dialect.computeCrc });
}

export function decodeMessage(frame: Frame, dialect: Dialect): Result<InboundMessage, string> {
  const fields = decodeLetterFields(decodeLatin2(frame.data));
  if (!fields.ok) return fields;
  const envelope = { terminalId: frame.header.terminalId!.trimEnd(), dateTime: frame.header.dateTime! };
  const flags = Number.parseInt(frame.header.flags!, 16);
  const message = messageOf(frame.header.type!, flags, new FieldReader(fields.value, dialect.profile), dialect.profile);
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

function flagsOf(message: LetterFieldMessage, profile: LetterFieldProfile): number {
  switch (message.type) {
    case 'request':
    case 'receipt-request':
      return profile.flag.register;
    case 'result':
      return message.flags;
    default:
      return 0;
  }
}

function fieldsOf(message: LetterFieldMessage, profile: LetterFieldProfile): LetterField[] {
  const { field } = profile;
  switch (message.type) {
    case 'activity':
      return [];
    case 'request':
      return compact([
        [field.transactionType, message.transactionType],
        [field.amount, message.amountMinor?.toString()],
        [field.cashback, message.cashbackMinor?.toString()],
        [field.currency, message.currencyNumeric],
        [field.authorizationCode, message.authorizationCode],
        [field.customerLanguage, message.customerLanguage],
        ...variableSymbolFields(message.variableSymbol, profile),
      ]);
    case 'result':
      return compact([
        [field.transactionType, message.transactionType],
        [field.responseCode, message.responseCode],
        ...approvedFlagField(message.approved, profile),
        [field.amount, message.amountMinor?.toString()],
        [field.currency, message.currencyNumeric],
        [field.authorizationCode, message.authorizationCode],
        [field.cardNumber, message.cardNumber],
        [field.transactionId, message.transactionId],
        [field.timestamp, message.timestamp],
        [field.codePage, message.codePage],
        [field.totals, totalsText(message, profile)],
        [field.responseText, message.responseText],
        ...variableSymbolFields(message.variableSymbol, profile),
      ]);
    case 'receipt-request':
      return [receiptMarker(profile, profile.receiptPartCode[message.part])];
    case 'receipt-page':
      return [
        ...message.lines.map((line) => ({ id: line.attribute, value: line.text })),
        ...(message.more ? [receiptMarker(profile, profile.receiptMoreFollows)] : []),
      ];
  }
}

function approvedFlagField(approved: boolean | undefined, profile: LetterFieldProfile): [string, string][] {
  const flag = profile.approvedFlag;
  return flag && approved !== undefined ? [[flag.field, approved ? flag.yes : flag.no]] : [];
}

function receiptMarker(profile: LetterFieldProfile, value: string): LetterField {
  return { id: profile.field.composite, value: encodeSubFields([{ id: profile.receiptSubField, value }]) };
}

function totalsText(message: TransactionResponse, profile: LetterFieldProfile): string | undefined {
  if (profile.totalsFormat === 'per-currency') return message.totals && encodeTotalsLines(message.totals);
  return message.batchTotals && encodeBatchTotals(message.batchTotals);
}

/** Short symbols in the profile's field; longer ones in its composite sub-field (csob-b.md, "Fields"). */
function variableSymbolFields(symbol: string | undefined, profile: LetterFieldProfile): [string, string | undefined][] {
  if (symbol === undefined) return [];
  const spec = profile.variableSymbol;
  if (symbol.length <= spec.shortMax || spec.longSubField === undefined) return [[spec.field, symbol]];
  return [[profile.field.composite, encodeSubFields([{ id: spec.longSubField, value: symbol }])]];
}

function compact(pairs: [string | undefined, string | undefined][]): LetterField[] {
  return pairs.flatMap(([id, value]) => (id === undefined || value === undefined ? [] : [{ id, value }]));
}

/** Field access by id; the first occurrence wins and unknown fields are ignored (forward compatible). */
class FieldReader {
  private readonly byId = new Map<string, string>();
  private readonly subFields = new Map<string, string>();
  readonly problems: string[] = [];

  constructor(
    readonly fields: readonly LetterField[],
    private readonly profile: LetterFieldProfile,
  ) {
    const composite = profile.field.composite;
    for (const field of fields) {
      if (!this.byId.has(field.id)) this.byId.set(field.id, field.value);
      if (field.id !== composite) continue;
      const subs = decodeSubFields(field.value);
      if (!subs.ok) {
        this.problems.push(`field ${composite}: ${subs.error}`);
        continue;
      }
      for (const sub of subs.value) if (!this.subFields.has(sub.id)) this.subFields.set(sub.id, sub.value);
    }
  }

  text(id: string | undefined): string | undefined {
    return id === undefined ? undefined : this.byId.get(id);
  }

  sub(id: string | undefined): string | undefined {
    return id === undefined ? undefined : this.subFields.get(id);
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

  approved(): boolean | undefined {
    const flag = this.profile.approvedFlag;
    const value = this.text(flag?.field);
    if (flag === undefined || value === undefined) return undefined;
    if (value !== flag.yes && value !== flag.no) {
      this.problems.push(`field ${flag.field} is neither ${flag.yes} nor ${flag.no}: ${JSON.stringify(value)}`);
    }
    return value === flag.yes;
  }

  variableSymbol(): string | undefined {
    const spec = this.profile.variableSymbol;
    return this.text(spec.field) ?? this.sub(spec.longSubField);
  }

  /** Collects a decode problem of a whole field and returns nothing for it. */
  decoded<T>(result: Result<T, string> | undefined): T | undefined {
    if (result === undefined) return undefined;
    if (result.ok) return result.value;
    this.problems.push(result.error);
    return undefined;
  }
}

function messageOf(
  code: string,
  flags: number,
  fields: FieldReader,
  profile: LetterFieldProfile,
): Result<LetterFieldMessage, string> {
  const kind = (Object.keys(profile.messageCode) as MessageKind[]).find((k) => profile.messageCode[k] === code);
  if (kind === undefined) return err(`unknown message type ${JSON.stringify(code)}`);
  const message = buildMessage(kind, flags, fields, profile);
  if (!message.ok) return message;
  return fields.problems.length > 0 ? err(`${code}: ${fields.problems.join('; ')}`) : message;
}

function buildMessage(
  kind: MessageKind,
  flags: number,
  fields: FieldReader,
  profile: LetterFieldProfile,
): Result<LetterFieldMessage, string> {
  const { field } = profile;
  const code = profile.messageCode[kind];
  switch (kind) {
    case 'activity':
      return ok({ type: 'activity' });
    case 'request': {
      const transactionType = fields.text(field.transactionType);
      if (transactionType === undefined) return err(`${code} without a transaction type`);
      return ok(
        defined({
          type: 'request' as const,
          transactionType,
          amountMinor: fields.amount(field.amount),
          cashbackMinor: fields.amount(field.cashback),
          currencyNumeric: fields.text(field.currency),
          authorizationCode: fields.text(field.authorizationCode),
          customerLanguage: fields.text(field.customerLanguage),
          variableSymbol: fields.variableSymbol(),
        }),
      );
    }
    case 'result': {
      const transactionType = fields.text(field.transactionType);
      if (transactionType === undefined) return err(`${code} without a transaction type`);
      const totalsText = fields.text(field.totals);
      const perCurrency = profile.totalsFormat === 'per-currency';
      return ok(
        defined({
          type: 'result' as const,
          flags,
          transactionType,
          responseCode: fields.text(field.responseCode),
          responseText: fields.text(field.responseText),
          approved: fields.approved(),
          amountMinor: fields.amount(field.amount),
          currencyNumeric: fields.text(field.currency),
          authorizationCode: fields.text(field.authorizationCode),
          cardNumber: fields.text(field.cardNumber),
          transactionId: fields.text(field.transactionId),
          timestamp: fields.text(field.timestamp),
          codePage: fields.text(field.codePage),
          totals: perCurrency ? fields.decoded(totalsText === undefined ? undefined : decodeTotalsLines(totalsText)) : undefined,
          batchTotals: perCurrency
            ? undefined
            : fields.decoded(totalsText === undefined ? undefined : decodeBatchTotals(totalsText)),
          variableSymbol: fields.variableSymbol(),
        }),
      );
    }
    case 'receipt-request': {
      const code = fields.sub(profile.receiptSubField);
      const part = (Object.keys(profile.receiptPartCode) as ReceiptPart[]).find((p) => profile.receiptPartCode[p] === code);
      if (part === undefined) return err(`receipt request with unknown part ${JSON.stringify(code)}`);
      return ok({ type: 'receipt-request', part });
    }
    case 'receipt-page':
      return ok({
        type: 'receipt-page',
        lines: fields.fields
          .filter((item) => item.id !== field.composite)
          .map((item) => ({ attribute: item.id, text: item.value })),
        more: fields.sub(profile.receiptSubField) === profile.receiptMoreFollows,
      });
  }
}

/** Drops undefined properties so messages compare and print cleanly. */
function defined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}
