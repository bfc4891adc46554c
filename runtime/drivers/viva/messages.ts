// The JSON Viva exchanges in both integration styles and in webhooks (viva.md), as typed shapes
// with parsers. No I/O here: the driver reads answers with these parsers and the simulator builds
// its answers to these shapes, so both speak one definition of the wire.
import * as z from 'zod';
import { type Result, err, ok } from '../../protocol/result.js';

// ---- A. Orders + sources (legacy API, Basic auth) ----

/**
 * `POST /api/orders`: Amount in minor units; MerchantTrns carries our reference back to us,
 * CustomerTrns is what the customer is shown (Viva's 1796 example: "Description for customer").
 */
export interface CreateOrderRequest {
  Amount: number;
  SourceCode: string;
  MerchantTrns: string;
  CustomerTrns?: string;
}

/** Always text: read with `parseJson`, a code above 2^53 arrives as its digits, a smaller one as a number. */
const orderCode = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);

export const CreateOrderAnswer = z.object({
  OrderCode: orderCode.nullish(),
  ErrorCode: z.number().int(),
  ErrorText: z.string().nullish(),
});
export type CreateOrderAnswer = z.infer<typeof CreateOrderAnswer>;

/**
 * StatusId (viva.md): F success, A pending, C captured, E error, R refunded, X cancelled.
 * F and C mean the card was charged; R and X mean it was, and has been given back since.
 */
export const StatusId = z.enum(['F', 'A', 'C', 'E', 'R', 'X']);
export type StatusId = z.infer<typeof StatusId>;

/** Transaction types as Viva's "Transaction parameters" page lists them: 5 card payment, 4 card refund, 7 void. */
export const TRANSACTION_TYPE = { payment: 5, refund: 4, void: 7 } as const;

/** What a listed transaction or session was, by its type: a void reverses a payment, it refunds nothing. */
export function operationOfType(typeId: number | null | undefined): 'sale' | 'refund' | 'reversal' {
  if (typeId === TRANSACTION_TYPE.refund) return 'refund';
  return typeId === TRANSACTION_TYPE.void ? 'reversal' : 'sale';
}

/**
 * One transaction of `GET /api/transactions`. Amount is in major units here, as in webhooks
 * (the legacy answers carry decimals); the card number arrives masked by Viva and is masked again.
 * ResponseCode (ISO 8583) and ResponseEventId are the fields webhooks carry (viva.md), assumed
 * present in the listing too.
 */
export const VivaTransaction = z.object({
  TransactionId: z.string(),
  OrderCode: orderCode.nullish(),
  StatusId,
  Amount: z.number(),
  CurrencyCode: z.string().nullish(),
  MerchantTrns: z.string().nullish(),
  CustomerTrns: z.string().nullish(),
  TransactionTypeId: z.number().int().nullish(),
  ParentId: z.string().nullish(),
  AuthorizationId: z.string().nullish(),
  CardNumber: z.string().nullish(),
  ResponseCode: z.string().nullish(),
  ResponseEventId: z.number().int().nullish(),
  TerminalId: z.union([z.string(), z.number()]).transform(String).nullish(),
  SourceCode: z.string().nullish(),
  InsDate: z.string().nullish(),
});
export type VivaTransaction = z.input<typeof VivaTransaction>;

export const TransactionsAnswer = z.object({
  Transactions: z.array(VivaTransaction),
  ErrorCode: z.number().int().optional(),
  ErrorText: z.string().nullish(),
});
export type TransactionsAnswer = z.infer<typeof TransactionsAnswer>;

/** `GET /api/orders/{orderCode}`: StateId 0 pending, 1 expired, 2 cancelled, 3 paid. */
export const ORDER_STATE = { pending: 0, expired: 1, cancelled: 2, paid: 3 } as const;

export const OrderAnswer = z.object({
  OrderCode: orderCode,
  StateId: z.number().int(),
  MerchantTrns: z.string().nullish(),
});

/** `DELETE /api/transactions/{id}?amount=`: the cancelling (refund) transaction, or an error. */
export const ReversalAnswer = z.object({
  TransactionId: z.string().nullish(),
  StatusId: StatusId.nullish(),
  Amount: z.number().nullish(),
  AuthorizationId: z.string().nullish(),
  ErrorCode: z.number().int(),
  ErrorText: z.string().nullish(),
});

/** `GET /api/sources` (inferred shape): the merchant's sources; a terminal's code is its serial. */
export const SourcesAnswer = z.array(z.object({ SourceCode: z.string(), Name: z.string().nullish() }));

// ---- B. Cloud terminal (ECR) API, OAuth2 bearer ----

export const TokenAnswer = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  token_type: z.string().optional(),
});

/** Body of `transactions:sale` and `transactions:unreferenced-refund`; amounts in minor units. */
export interface EcrTransactionRequest {
  sessionId: string;
  terminalId: string;
  cashRegisterId: string;
  amount: number;
  /** ISO 4217 numeric, e.g. "978". */
  currencyCode: string;
  merchantReference: string;
  /** Shown to the customer (a session carries it back, viva.md). */
  customerTrns?: string;
}

/** Body of `transactions:refund`: gives back (part of) the transaction of a parent session. */
export interface EcrRefundRequest extends EcrTransactionRequest {
  parentSessionId: string;
}

/** `GET /ecr/v1/sessions/{id}` once the session is final (202 with no body while it runs). */
export const EcrSession = z.object({
  sessionId: z.string(),
  terminalId: z.union([z.string(), z.number()]).transform(String).nullish(),
  cashRegisterId: z.string().nullish(),
  amount: z.number().nullish(),
  currencyCode: z.string().nullish(),
  merchantReference: z.string().nullish(),
  customerTrns: z.string().nullish(),
  parentSessionId: z.string().nullish(),
  /** viva.md: `success` is the truth. */
  success: z.boolean(),
  eventId: z.number().int().nullish(),
  message: z.string().nullish(),
  transactionId: z.string().nullish(),
  authorizationId: z.string().nullish(),
  referenceNumber: z.union([z.string(), z.number()]).transform(String).nullish(),
  primaryAccountNumberMasked: z.string().nullish(),
  transactionDateTime: z.string().nullish(),
  /** TRANSACTION_TYPE: a payment, a refund, or a void (a referenced refund of the same day). */
  transactionTypeId: z.number().int().nullish(),
});
export type EcrSession = z.input<typeof EcrSession>;

/** `GET /ecr/v1/sessions?date=` (inferred path and shape): the day's sessions. */
export const EcrSessionList = z.array(EcrSession);

/** `POST /ecr/v1/devices:search` (inferred shape): the merchant's terminals. */
export const DevicesAnswer = z.array(z.object({ terminalId: z.union([z.string(), z.number()]).transform(String) }).loose());

// ---- Webhooks ----

/**
 * viva.md, "Webhooks": 1796 payment created, 1797 reversal created, 1798 transaction failed; and
 * for cloud-terminal sessions 1802 "Transaction Pos Ecr Session Created" and 1803 "… Session
 * Failed" (failed, cancelled, timed out or aborted), as Viva's webhook pages name them.
 */
export const WEBHOOK_EVENT = {
  paymentCreated: 1796,
  reversalCreated: 1797,
  transactionFailed: 1798,
  ecrSessionCreated: 1802,
  ecrSessionFailed: 1803,
} as const;

export const WebhookEventData = z.object({
  TransactionId: z.string().nullish(),
  /** A bare number in 1796 (may exceed 2^53), a string in 1802 / 1803: text either way. */
  OrderCode: orderCode.nullish(),
  /** Failed-transaction webhooks may lack it (viva.md). */
  MerchantTrns: z.string().nullish(),
  /** Cloud-terminal session webhooks name the session, which is our reference. */
  SessionId: z.string().nullish(),
  StatusId: StatusId.nullish(),
  /**
   * Major units (42.0) in 1796–1798; minor units (4200), like the ECR API, in 1802 / 1803
   * (Viva's examples: 200 and 9905). Only a reason to look the result up, so never read as money.
   */
  Amount: z.number().nullish(),
  /** Session events: Viva's verdict, event id and message, as the session shows them. */
  Success: z.boolean().nullish(),
  EventId: z.number().int().nullish(),
  Message: z.string().nullish(),
  TerminalId: z.union([z.string(), z.number()]).transform(String).nullish(),
  InsDate: z.string().nullish(),
  ResponseCode: z.string().nullish(),
});

export const WebhookEnvelope = z.object({
  EventTypeId: z.number().int(),
  EventData: WebhookEventData,
  Created: z.string().nullish(),
  CorrelationId: z.string().nullish(),
  MessageId: z.string().nullish(),
  RetryCount: z.number().int().nullish(),
});
export type WebhookEnvelope = z.input<typeof WebhookEnvelope>;
export type WebhookEvent = z.infer<typeof WebhookEnvelope>;

/** Reads a JSON answer against its shape; what is wrong becomes a value, never a throw. */
export function parseAnswer<S extends z.ZodType>(schema: S, body: unknown): Result<z.infer<S>, string> {
  const parsed = schema.safeParse(body);
  return parsed.success
    ? ok(parsed.data)
    : err(parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
}
