// PoSXML messages as plain typed objects, and their XML (spec 7.1 §2). One schema per message names
// each element and its type, and one generic codec walks it both ways, so the driver (requests
// out, responses in) and the simulator (requests in, responses out) share every element name.
// No I/O here.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { type Result, err, ok } from '../../protocol/result.js';

/** PrintReceipt (spec §2.3): 0 merchant copy, 1 both copies, 2 none. */
export type PrintReceipt = 0 | 1 | 2;
/** TransactionCompletion (spec §2.3). */
export type TransactionCompletion = 'COMPLETED' | 'NOTIFICATION' | 'COMPLETED_REV' | 'WAIT_COMPL_PRE' | 'WAIT_COMPL_PART';

/** Where a transaction is addressed by TransactionID or TransactionSTAN (one of the two, spec §2.5.3–2.5.8). */
interface Addressed {
  transactionId?: string;
  transactionStan?: string;
}

interface ReceiptOptions {
  printReceipt?: PrintReceipt;
  /** Line width 24–64: receipts come back as MerchReceipt / CustReceipt. */
  returnReceipts?: number;
}

export interface TransactionRequest extends ReceiptOptions {
  type: 'TransactionRequest';
  amountMinor: number;
  currencyName: string;
  transactionId?: string;
  /** Card waiting time in seconds, 0 = forever. */
  timeoutSeconds?: number;
  language?: string;
}
export interface ReverseTransactionRequest extends Addressed, ReceiptOptions {
  type: 'ReverseTransactionRequest';
  currencyName: string;
  reverseAmountMinor?: number;
}
export interface RefundTransactionRequest extends Addressed, ReceiptOptions {
  type: 'RefundTransactionRequest';
  currencyName: string;
  refundAmountMinor: number;
}
export interface GetLastTransactionDataRequest extends Addressed, ReceiptOptions {
  type: 'GetLastTransactionDataRequest';
}
/** Requests without parameters. */
export interface BareRequest {
  type:
    | 'CancelAllOperationsRequest'
    | 'TransactionSendRequest'
    | 'TransactionSendStatusRequest'
    | 'TransactionCurrStatusRequest'
    | 'GetTerminalStatusRequest';
}
export type PosxmlRequest =
  TransactionRequest | ReverseTransactionRequest | RefundTransactionRequest | GetLastTransactionDataRequest | BareRequest;

export interface TransactionData {
  transactionId?: string;
  amountMinor?: number;
  additionalAmountMinor?: number;
  currencyName?: string;
  /** `DD.MM.YYYY HH:MM:SS` */
  dateTime?: string;
  stan?: string;
  stanRev?: string;
  type?: string;
  authorizationNo?: string;
  /** ISO 8583 field 39, `000` = approved by the host. */
  hostAnswer?: string;
  signatureRequired?: number;
  pinVerified?: number;
  transactionCompletion?: string;
}
export interface CardData {
  /** The terminal masks it (spec §3.4.4: "last 4 numbers"); the driver masks it again. */
  pan?: string;
  cardName?: string;
  applicationLabel?: string;
  aid?: string;
}
export interface TerminalData {
  serNo?: string;
  id?: string;
  name?: string;
}

/** The answers that report one transaction (spec §2.5.1, 2.5.4, 2.5.5, 2.5.8). */
export interface TransactionOutcomeResponse {
  type: 'TransactionResponse' | 'ReverseTransactionResponse' | 'RefundTransactionResponse' | 'GetLastTransactionDataResponse';
  returnCode: number;
  reason?: string;
  transactionData?: TransactionData;
  cardData?: CardData;
  terminalData?: TerminalData;
  additionalInfo?: string;
  merchReceipt?: string;
  custReceipt?: string;
}
/** The answers about the transaction file (spec §2.6). */
export interface TransactionFileResponse {
  type: 'TransactionSendResponse' | 'TransactionSendStatusResponse' | 'TransactionCurrStatusResponse';
  returnCode: number;
  currencyName?: string;
  fileNumber?: string;
  fileDateTime?: string;
  /** 1 success, 0 fail. */
  fileSendStatus?: number;
  fileTotalAmountMinor?: number;
  fileTransactionCount?: number;
  pendingCount?: number;
  receiptData?: string;
}
export interface GetTerminalStatusResponse {
  type: 'GetTerminalStatusResponse';
  returnCode: number;
  cardStatus?: number;
  nextStan?: string;
  transactionsCount?: number;
  notFinishedTransactionsCount?: number;
  time?: string;
}
export interface CancelAllOperationsResponse {
  type: 'CancelAllOperationsResponse';
  returnCode: number;
}
/** An unknown message or a wrong version (spec §2.8.7). */
export interface ErrorResponse {
  type: 'Error';
  returnCode: number;
}
export type PosxmlResponse =
  TransactionOutcomeResponse | TransactionFileResponse | GetTerminalStatusResponse | CancelAllOperationsResponse | ErrorResponse;

export type PosxmlMessage = PosxmlRequest | PosxmlResponse;

// ---- schemas: property → element (spec §2.3 names and types) ----

type Field = { element: string; kind: 'text' | 'integer'; required?: true } | { element: string; aggregate: Schema };
type Schema = Readonly<Record<string, Field>>;

const text = (element: string): Field => ({ element, kind: 'text' });
const integer = (element: string): Field => ({ element, kind: 'integer' });
const required = (field: Field): Field => ({ ...field, required: true });

const RECEIPT_OPTIONS: Schema = { printReceipt: integer('PrintReceipt'), returnReceipts: integer('ReturnReceipts') };
const ADDRESS: Schema = { transactionId: text('TransactionID'), transactionStan: text('TransactionSTAN') };

const TRANSACTION_DATA: Schema = {
  transactionId: text('TransactionID'),
  amountMinor: integer('Amount'),
  additionalAmountMinor: integer('AdditionalAmount'),
  currencyName: text('CurrencyName'),
  dateTime: text('DateTime'),
  stan: text('Stan'),
  stanRev: text('StanRev'),
  type: text('Type'),
  authorizationNo: text('AuthorizationNo'),
  hostAnswer: text('HostAnswer'),
  signatureRequired: integer('SignatureRequired'),
  pinVerified: integer('PINVerified'),
  transactionCompletion: text('TransactionCompletion'),
};
const CARD_DATA: Schema = { pan: text('Pan'), cardName: text('CardName'), applicationLabel: text('AL'), aid: text('AID') };
const TERMINAL_DATA: Schema = { serNo: text('SerNo'), id: text('ID'), name: text('Name') };

const RETURN_CODE: Schema = { returnCode: required(integer('ReturnCode')) };
const TRANSACTION_OUTCOME: Schema = {
  ...RETURN_CODE,
  reason: text('Reason'),
  transactionData: { element: 'TransactionData', aggregate: TRANSACTION_DATA },
  cardData: { element: 'CardData', aggregate: CARD_DATA },
  terminalData: { element: 'TerminalData', aggregate: TERMINAL_DATA },
  additionalInfo: text('AdditionalInfo'),
  merchReceipt: text('MerchReceipt'),
  custReceipt: text('CustReceipt'),
};
const TRANSACTION_FILE: Schema = {
  ...RETURN_CODE,
  currencyName: text('CurrencyName'),
  fileNumber: text('FileNumber'),
  fileDateTime: text('FileDateTime'),
  fileSendStatus: integer('FileSendStatus'),
  fileTotalAmountMinor: integer('FileTotalAmount'),
  fileTransactionCount: integer('FileTransactionCount'),
  pendingCount: integer('PendingCount'),
  receiptData: text('ReceiptData'),
};

const SCHEMAS: Readonly<Record<PosxmlMessage['type'], Schema>> = {
  TransactionRequest: {
    amountMinor: required(integer('Amount')),
    currencyName: required(text('CurrencyName')),
    transactionId: text('TransactionID'),
    ...RECEIPT_OPTIONS,
    timeoutSeconds: integer('Timeout'),
    language: text('Language'),
  },
  ReverseTransactionRequest: {
    currencyName: required(text('CurrencyName')),
    reverseAmountMinor: integer('ReverseAmount'),
    ...ADDRESS,
    ...RECEIPT_OPTIONS,
  },
  RefundTransactionRequest: {
    currencyName: required(text('CurrencyName')),
    refundAmountMinor: required(integer('RefundAmount')),
    ...ADDRESS,
    ...RECEIPT_OPTIONS,
  },
  GetLastTransactionDataRequest: { ...ADDRESS, ...RECEIPT_OPTIONS },
  CancelAllOperationsRequest: {},
  TransactionSendRequest: {},
  TransactionSendStatusRequest: {},
  TransactionCurrStatusRequest: {},
  GetTerminalStatusRequest: {},
  TransactionResponse: TRANSACTION_OUTCOME,
  ReverseTransactionResponse: TRANSACTION_OUTCOME,
  RefundTransactionResponse: TRANSACTION_OUTCOME,
  GetLastTransactionDataResponse: TRANSACTION_OUTCOME,
  TransactionSendResponse: TRANSACTION_FILE,
  TransactionSendStatusResponse: TRANSACTION_FILE,
  TransactionCurrStatusResponse: TRANSACTION_FILE,
  GetTerminalStatusResponse: {
    ...RETURN_CODE,
    cardStatus: integer('CardStatus'),
    nextStan: text('NextSTAN'),
    transactionsCount: integer('TransactionsCount'),
    notFinishedTransactionsCount: integer('NotFinishedTransactionsCount'),
    time: text('Time'),
  },
  CancelAllOperationsResponse: RETURN_CODE,
  Error: RETURN_CODE,
};

const REQUEST_TYPES: ReadonlySet<string> = new Set(Object.keys(SCHEMAS).filter((type) => type.endsWith('Request')));

export function isRequest(message: PosxmlMessage): message is PosxmlRequest {
  return REQUEST_TYPES.has(message.type);
}

// ---- encoding ----

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false });

/** `<?xml …?><PosXML version="…"><Xxx>…</Xxx></PosXML>` (posxml.md, "Envelope"). */
export function encodeMessage(message: PosxmlMessage, version: string): string {
  const { type, ...fields } = message;
  const body = builder.build({ PosXML: { '@_version': version, [type]: toElements(fields, SCHEMAS[type]) } }) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>${body}`;
}

function toElements(values: Record<string, unknown>, schema: Schema): Record<string, unknown> {
  const elements: Record<string, unknown> = {};
  for (const [property, field] of Object.entries(schema)) {
    const value = values[property];
    if (value === undefined) continue;
    elements[field.element] =
      'aggregate' in field ? toElements(value as Record<string, unknown>, field.aggregate) : String(value);
  }
  return elements;
}

// ---- decoding ----

export type DecodeError =
  /** Not well-formed XML (the terminal answers 32773). */
  | { kind: 'syntax'; detail: string }
  /** Well-formed, but no `<PosXML version>` with exactly one message inside (32769). */
  | { kind: 'envelope'; detail: string }
  /** A version the reader does not speak (32770). */
  | { kind: 'version'; detail: string; version: string }
  /** A message element this code does not know (32769). */
  | { kind: 'unknown-message'; detail: string }
  /** A required element missing or a number that is not one (32771). */
  | { kind: 'field'; detail: string };

export interface Decoded {
  version: string;
  message: PosxmlMessage;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/**
 * Parses one PoSXML document. Elements a message's schema does not name are ignored (terminals add
 * EMV and terminal data, spec §3.4.5, and versions differ); an unknown message is an error.
 * `versions`, when given, lists the versions the reader accepts.
 */
export function decodeMessage(xml: string, versions?: readonly string[]): Result<Decoded, DecodeError> {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return err({ kind: 'syntax', detail: `${valid.err.msg} (line ${valid.err.line})` });
  let document: unknown;
  try {
    document = parser.parse(xml);
  } catch (error) {
    return err({ kind: 'syntax', detail: (error as Error).message });
  }
  const root = isRecord(document) ? document['PosXML'] : undefined;
  if (!isRecord(root)) return err({ kind: 'envelope', detail: 'no <PosXML> element' });
  const version = root['@_version'];
  if (typeof version !== 'string') return err({ kind: 'envelope', detail: '<PosXML> without a version' });
  if (versions && !versions.includes(version))
    return err({ kind: 'version', detail: `version ${version} not supported`, version });
  const names = Object.keys(root).filter((key) => !key.startsWith('@_') && key !== '#text');
  if (names.length !== 1) return err({ kind: 'envelope', detail: `<PosXML> holds ${names.length} messages, not one` });
  const type = names[0]!;
  if (!Object.hasOwn(SCHEMAS, type)) return err({ kind: 'unknown-message', detail: `unknown message <${type}>` });
  const fields = fromElements(root[type], SCHEMAS[type as PosxmlMessage['type']], type);
  if (!fields.ok) return fields;
  return ok({ version, message: { type, ...fields.value } as PosxmlMessage });
}

function fromElements(node: unknown, schema: Schema, path: string): Result<Record<string, unknown>, DecodeError> {
  // `<X></X>` parses as '' and `<X/>` as ''; a message without parameters is the same thing.
  const elements = node === '' ? {} : node;
  if (!isRecord(elements)) return err({ kind: 'field', detail: `<${path}> holds text instead of elements` });
  const values: Record<string, unknown> = {};
  for (const [property, field] of Object.entries(schema)) {
    const raw = elements[field.element];
    const where = `${path}/${field.element}`;
    // An empty element means "no value" (the spec's own examples send `<AuthorizationNo>      </AuthorizationNo>`).
    if (raw === undefined || raw === '') {
      if ('required' in field) return err({ kind: 'field', detail: `<${where}> missing` });
      continue;
    }
    if (Array.isArray(raw)) return err({ kind: 'field', detail: `<${where}> repeated` });
    if ('aggregate' in field) {
      const nested = fromElements(raw, field.aggregate, where);
      if (!nested.ok) return nested;
      values[property] = nested.value;
      continue;
    }
    if (typeof raw !== 'string') return err({ kind: 'field', detail: `<${where}> holds elements instead of a value` });
    if (field.kind === 'integer') {
      if (!/^-?\d{1,15}$/.test(raw)) return err({ kind: 'field', detail: `<${where}> is not a number: ${JSON.stringify(raw)}` });
      values[property] = Number(raw);
    } else {
      values[property] = raw;
    }
  }
  return ok(values);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
