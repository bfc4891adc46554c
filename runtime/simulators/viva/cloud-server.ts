// Viva's cloud as one HTTP server on node:http: the orders API (Basic auth, viva.md "A"), the
// accounts host's token endpoint and the cloud terminal API (Bearer, "B"), and the webhook key
// endpoint. Answers are rendered from the ledger in each style's shapes (drivers/viva/messages.ts).
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CreateOrderRequest, EcrRefundRequest, EcrSession, VivaTransaction } from '../../drivers/viva/messages.js';
import { ORDER_STATE, TRANSACTION_TYPE } from '../../drivers/viva/messages.js';
import { jsonNumber, stringifyJson } from '../../drivers/cloud-http/json.js';
import type { SimulatedTerminal } from './card-flow.js';
import type { PaymentKind, SimPayment, VivaLedger } from './ledger.js';
import type { WebhookMode } from './webhook-sender.js';

export interface SimulatedCredentials {
  merchantId: string;
  apiKey: string;
  clientId: string;
  clientSecret: string;
}

export interface CloudSettings {
  terminalId: string;
  credentials: SimulatedCredentials;
  webhookKey: string;
  tokenLifetimeSeconds: number;
}

interface Exchange {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  url: URL;
  body: Record<string, unknown>;
}

type Route = (x: Exchange) => Promise<void> | void;

/** Where a session start's answer goes missing: before the cloud made the session, or after. */
export type LostStart = 'before-creating' | 'after-creating';

/** `transactions:<name>` → what it does; a refund names its parent session (viva.md, "B"). */
/** Viva's transaction type of each kind of payment ("Transaction parameters": a reversal is a void). */
const TYPE_OF_KIND: Readonly<Record<PaymentKind, number>> = {
  sale: TRANSACTION_TYPE.payment,
  refund: TRANSACTION_TYPE.refund,
  reversal: TRANSACTION_TYPE.void,
};

const TOKEN_PATH = '/connect/token';

const ECR_KINDS: Readonly<Record<string, PaymentKind>> = { sale: 'sale', 'unreferenced-refund': 'refund', refund: 'reversal' };

export class VivaCloud {
  readonly server: http.Server;
  private readonly tokens = new Map<string, number>();
  private lostSessionStart: LostStart | undefined;

  constructor(
    private readonly settings: CloudSettings,
    private readonly ledger: VivaLedger,
    private readonly terminal: SimulatedTerminal,
    private readonly webhooks: { mode: WebhookMode },
  ) {
    this.server = http.createServer((req, res) => void this.handle(req, res));
  }

  async listen(host: string, port: number): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(port, host, () => resolve()));
    return (this.server.address() as AddressInfo).port;
  }

  /** The next session start loses its answer: with the session never made, or made and running. */
  loseNextSessionStart(when: LostStart): void {
    this.lostSessionStart = when;
  }

  /** Every issued token stops working, as at expiry. */
  expireTokens(): void {
    this.tokens.clear();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const raw = await readBody(req);
    const body = parseBody(raw, req.headers['content-type']);
    const route = this.route(req.method ?? 'GET', url.pathname);
    if (!route) return json(res, 404, { message: 'Not found' });
    // The terminal gone dark never reported its last result, so the cloud can tell nothing of its
    // payments; logging in is the accounts host's business and still works.
    if (this.terminal.reachability.dark && url.pathname !== TOKEN_PATH)
      return json(res, 503, { message: 'The terminal cannot be reached' });
    await route({ req, res, url, body });
  }

  private route(method: string, path: string): Route | undefined {
    for (const [verb, pattern, route] of this.routes) {
      const match = verb === method ? pattern.exec(path) : null;
      if (match) return (x) => route(x, decodeURIComponent(match[1] ?? ''));
    }
    return undefined;
  }

  private readonly routes: [method: string, path: RegExp, route: (x: Exchange, id: string) => Promise<void> | void][] = [
    ['POST', new RegExp(`^${TOKEN_PATH}$`), (x) => this.token(x)],
    ['POST', /^\/api\/orders$/, (x) => this.basic(x, () => this.createOrder(x))],
    ['GET', /^\/api\/orders\/(\d+)$/, (x, id) => this.basic(x, () => this.order(x, id))],
    ['DELETE', /^\/api\/orders\/(\d+)$/, (x, id) => this.basic(x, () => this.abort(x, id))],
    ['GET', /^\/api\/transactions$/, (x) => this.basic(x, () => this.transactions(x))],
    ['DELETE', /^\/api\/transactions\/([^/]+)$/, (x, id) => this.basic(x, () => this.cancelTransaction(x, id))],
    [
      'GET',
      /^\/api\/sources$/,
      (x) => this.basic(x, () => json(x.res, 200, [{ SourceCode: this.settings.terminalId, Name: 'Simulated desk' }])),
    ],
    ['GET', /^\/api\/messages\/config\/token$/, (x) => this.basic(x, () => json(x.res, 200, { Key: this.settings.webhookKey }))],
    [
      'POST',
      /^\/ecr\/v1\/transactions:(sale|refund|unreferenced-refund)$/,
      (x, kind) => this.bearer(x, () => this.startSession(x, ECR_KINDS[kind])),
    ],
    ['GET', /^\/ecr\/v1\/sessions\/([^/]+)$/, (x, id) => this.bearer(x, () => this.session(x, id))],
    [
      'GET',
      /^\/ecr\/v1\/sessions$/,
      (x) =>
        this.bearer(x, () =>
          json(
            x.res,
            200,
            this.ledger.visible('cloud-terminal').map((p) => sessionOf(p, this.settings.terminalId)),
          ),
        ),
    ],
    ['DELETE', /^\/ecr\/v1\/sessions\/([^/]+)$/, (x, id) => this.bearer(x, () => this.abort(x, id))],
    [
      'POST',
      /^\/ecr\/v1\/devices:search$/,
      (x) => this.bearer(x, () => json(x.res, 200, [{ terminalId: this.settings.terminalId, statusId: 1 }])),
    ],
  ];

  // ---- authentication ----

  private token({ req, res, body }: Exchange): void {
    const { clientId, clientSecret } = this.settings.credentials;
    if (!isBasic(req, clientId, clientSecret) || body.grant_type !== 'client_credentials') {
      return json(res, 401, { error: 'invalid_client' });
    }
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, Date.now() + this.settings.tokenLifetimeSeconds * 1000);
    json(res, 200, { access_token: token, expires_in: this.settings.tokenLifetimeSeconds, token_type: 'Bearer' });
  }

  private basic(x: Exchange, next: Route): Promise<void> | void {
    const { merchantId, apiKey } = this.settings.credentials;
    return isBasic(x.req, merchantId, apiKey) ? next(x) : json(x.res, 401, { message: 'The credentials could not be validated' });
  }

  private bearer(x: Exchange, next: Route): Promise<void> | void {
    const token = /^Bearer (.+)$/.exec(x.req.headers.authorization ?? '')?.[1];
    const expires = token ? this.tokens.get(token) : undefined;
    return expires !== undefined && expires > Date.now()
      ? next(x)
      : json(x.res, 401, { message: 'The credentials could not be validated' });
  }

  // ---- style A: orders ----

  private async createOrder({ res, body }: Exchange): Promise<void> {
    const order = body as Partial<CreateOrderRequest>;
    if (!Number.isSafeInteger(order.Amount) || (order.Amount as number) <= 0 || typeof order.MerchantTrns !== 'string') {
      return json(res, 400, { OrderCode: null, ErrorCode: 400, ErrorText: 'Amount and MerchantTrns are required' });
    }
    if (order.SourceCode !== this.settings.terminalId) {
      return json(res, 400, { OrderCode: null, ErrorCode: 404, ErrorText: `Unknown source ${String(order.SourceCode)}` });
    }
    const payment = this.ledger.add({
      style: 'orders',
      kind: 'sale',
      reference: order.MerchantTrns,
      ...(typeof order.CustomerTrns === 'string' && { customerText: order.CustomerTrns }),
      amountMinor: order.Amount!,
      currencyNumeric: '978',
    });
    await this.pickUp(payment);
    json(res, 200, { OrderCode: jsonNumber(payment.id), ErrorCode: 0, ErrorText: null });
  }

  private order({ res }: Exchange, id: string): void {
    const payment = this.ledger.find(id);
    if (!payment || payment.style !== 'orders') return json(res, 404, { message: 'Order not found' });
    json(res, 200, {
      OrderCode: jsonNumber(payment.id),
      StateId: orderState(payment),
      MerchantTrns: payment.reference,
      RequestAmount: payment.amountMinor / 100,
    });
  }

  private transactions({ req, res, url }: Exchange): void {
    const orderCode = url.searchParams.get('ordercode');
    // The day's listing shows every transaction of the account, whichever API started it.
    const payments = orderCode
      ? this.ledger.visible('orders').filter((p) => p.id === orderCode || p.parent?.id === orderCode)
      : this.ledger.visible();
    const spoiled = payments.find((p) => p.spoilFirstAnswer);
    if (orderCode && spoiled) return spoil(req, res, spoiled);
    json(res, 200, {
      Transactions: payments.flatMap((p) => transactionsOf(p, this.settings.terminalId)),
      ErrorCode: 0,
      ErrorText: null,
    });
  }

  /** Cancels or refunds a sale's transaction at once; no card involved. */
  private cancelTransaction({ res, url }: Exchange, transactionId: string): void {
    const parent = this.ledger.payments.find((p) => p.style === 'orders' && p.result?.transactionId === transactionId);
    const amountMinor = Number(url.searchParams.get('amount'));
    if (!parent?.result?.charged || parent.kind !== 'sale')
      return json(res, 200, { ErrorCode: 404, ErrorText: 'Transaction not found' });
    if (!(amountMinor > 0 && amountMinor <= parent.amountMinor))
      return json(res, 200, { ErrorCode: 400, ErrorText: 'Invalid amount' });
    const reversal = this.ledger.add({
      style: 'orders',
      kind: 'reversal',
      reference: randomUUID(),
      amountMinor,
      currencyNumeric: parent.currencyNumeric,
      parent,
    });
    this.terminal.run(reversal, true);
    const result = reversal.result!;
    json(res, 200, {
      TransactionId: result.transactionId,
      StatusId: 'F',
      Amount: amountMinor / 100,
      AuthorizationId: result.authorizationId,
      ErrorCode: 0,
      ErrorText: null,
    });
  }

  // ---- style B: cloud terminal ----

  private async startSession({ req, res, body }: Exchange, kind: PaymentKind): Promise<void> {
    const request = body as Partial<EcrRefundRequest>;
    if (typeof request.sessionId !== 'string' || !Number.isSafeInteger(request.amount) || (request.amount as number) <= 0) {
      return json(res, 400, { message: 'sessionId and amount are required' });
    }
    if (String(request.terminalId) !== this.settings.terminalId)
      return json(res, 404, { message: `Unknown terminal ${String(request.terminalId)}` });
    if (this.ledger.find(request.sessionId)) return json(res, 409, { message: 'A session with this id exists' });
    const parent = kind === 'reversal' ? this.ledger.find(request.parentSessionId ?? '') : undefined;
    if (kind === 'reversal' && !parent?.result?.charged) return json(res, 404, { message: 'Parent session not found' });
    const lost = this.lostSessionStart;
    this.lostSessionStart = undefined;
    if (lost === 'before-creating') return void req.socket.destroy();
    const payment = this.ledger.add({
      id: request.sessionId,
      style: 'cloud-terminal',
      kind,
      reference: request.merchantReference ?? request.sessionId,
      ...(typeof request.customerTrns === 'string' && { customerText: request.customerTrns }),
      amountMinor: request.amount!,
      currencyNumeric: request.currencyCode ?? '978',
      parent,
    });
    await this.pickUp(payment);
    if (lost === 'after-creating') return void req.socket.destroy();
    // viva.md: "200 with an empty body".
    res.writeHead(200).end();
  }

  private session({ req, res }: Exchange, id: string): void {
    const payment = this.ledger.find(id);
    if (!payment || payment.style !== 'cloud-terminal') return json(res, 404, { message: 'Session not found' });
    // The running session's answer as Viva words it (viva.md, "B. Cloud terminal (ECR) API").
    if (!payment.result || payment.hiddenUntilAbort) return json(res, 202, { detail: 'The session is being processed' });
    if (payment.spoilFirstAnswer) return spoil(req, res, payment);
    json(res, 200, sessionOf(payment, this.settings.terminalId));
  }

  // ---- both ----

  private async abort({ res }: Exchange, id: string): Promise<void> {
    const payment = this.ledger.find(id);
    if (!payment) return json(res, 404, { message: 'Not found' });
    await this.terminal.abort(payment);
    json(res, 200, {});
  }

  /** The terminal takes the request (the cashier's F1 for an order); early mode waits for its webhook. */
  private async pickUp(payment: SimPayment): Promise<void> {
    if (payment.style === 'orders') {
      const newest = this.ledger.payments
        .filter((p) => p.style === 'orders' && p.kind === 'sale' && p.state === 'waiting')
        .at(-1);
      if (newest !== payment) return;
    }
    const early = this.webhooks.mode.early ?? false;
    this.terminal.run(payment, early);
    if (early) await payment.delivered;
  }
}

/** The first answer that would show this result goes wrong, once. */
function spoil(req: http.IncomingMessage, res: http.ServerResponse, payment: SimPayment): void {
  const how = payment.spoilFirstAnswer;
  payment.spoilFirstAnswer = undefined;
  if (how === 'drop') {
    req.socket.destroy();
    return;
  }
  const text = how === 'garbage' ? randomBytes(24).toString('latin1') : '{"Transactions":[{"TransactionId":"';
  res
    .writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text, 'latin1') })
    .end(text, 'latin1');
}

/** A refused attempt leaves the order open for another card until it is cancelled. */
function orderState(payment: SimPayment): number {
  if (payment.state === 'cancelled') return ORDER_STATE.cancelled;
  return payment.result?.charged && !payment.hiddenUntilAbort ? ORDER_STATE.paid : ORDER_STATE.pending;
}

/** A listed transaction; its OrderCode is a bare JSON number, as Viva writes it. */
type ListedTransaction = Omit<VivaTransaction, 'OrderCode'> & { OrderCode: unknown };

function transactionsOf(payment: SimPayment, terminalId: string): ListedTransaction[] {
  const attempts = [payment.earlierFailure, payment.result].filter((r) => r !== undefined);
  return attempts.map((result) => ({
    TransactionId: result.transactionId,
    OrderCode: payment.style === 'orders' ? jsonNumber(payment.parent?.id ?? payment.id) : null,
    StatusId: result.charged ? (payment.booking?.reversed ? 'X' : 'F') : 'E',
    Amount: payment.amountMinor / 100,
    CurrencyCode: payment.currencyNumeric,
    MerchantTrns: payment.reference,
    CustomerTrns: payment.customerText ?? null,
    TransactionTypeId: TYPE_OF_KIND[payment.kind],
    ParentId: payment.parent?.result?.transactionId ?? null,
    AuthorizationId: result.authorizationId ?? null,
    CardNumber: result.cardNumberMasked ?? null,
    ResponseCode: result.responseCode || null,
    TerminalId: terminalId,
    SourceCode: terminalId,
    InsDate: new Date().toISOString(),
  }));
}

/** A final session; a failed one names no transaction, card or time, as public answers show (viva.md). */
function sessionOf(payment: SimPayment, terminalId: string): EcrSession {
  const result = payment.result!;
  const charged = result.charged || null;
  return {
    sessionId: payment.id,
    terminalId,
    amount: payment.amountMinor,
    currencyCode: payment.currencyNumeric,
    merchantReference: payment.reference,
    customerTrns: payment.customerText ?? null,
    parentSessionId: payment.parent?.id ?? null,
    success: result.charged,
    eventId: result.eventId,
    message: result.message,
    transactionId: charged && result.transactionId,
    authorizationId: (charged && result.authorizationId) ?? null,
    primaryAccountNumberMasked: (charged && result.cardNumberMasked) ?? null,
    transactionDateTime: charged && new Date().toISOString(),
    transactionTypeId: charged && TYPE_OF_KIND[payment.kind],
  };
}

function isBasic(req: http.IncomingMessage, user: string, password: string): boolean {
  return req.headers.authorization === `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  const text = stringifyJson(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
