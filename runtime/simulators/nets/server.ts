// The simulated Connect@Cloud REST API on node:http (nets-connect-cloud.md, "REST API"): login,
// the account's terminals, the held transaction POST, reversal, last result and administration,
// with the refusals a real cloud gives (401, terminal not allowed, offline, busy, reconciliation).
import http from 'node:http';
import type { Socket } from 'node:net';
import { API, type TransactionRequest } from '../../drivers/nets/messages.js';
import type { SimulatedAccount } from './account.js';
import type { Ending, SimulatedTerminal } from './terminal.js';

export interface CallRecord {
  method: string;
  path: string;
  status: number;
}

type Reply = { status: number; body: unknown } | Ending;

export class CloudServer {
  readonly calls: CallRecord[] = [];
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly account: SimulatedAccount,
    private readonly terminal: SimulatedTerminal,
  ) {
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  listen(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve((this.server.address() as { port: number }).port));
    });
  }

  dropConnections(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  close(): Promise<void> {
    this.dropConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://simulator').pathname;
    const body = await readJson(req);
    // The connection closing before the answer is the register leaving (a held transaction's).
    const left = new AbortController();
    res.on('close', () => res.writableEnded || left.abort());
    const reply = await this.route(method, path, req.headers.authorization, body, left.signal);
    this.calls.push({ method, path, status: 'status' in reply ? reply.status : 0 });
    send(res, reply);
  }

  private async route(
    method: string,
    path: string,
    authorization: string | undefined,
    body: unknown,
    left: AbortSignal,
  ): Promise<Reply> {
    if (method === 'POST' && path === API.login) {
      const login = this.account.login(body);
      return login.ok ? { status: 200, body: { token: login.token } } : { status: login.status, body: { error: login.error } };
    }
    if (!this.account.authorizes(authorization)) return { status: 401, body: { error: 'tokenExpired' } };
    if (method === 'GET' && path === API.terminals) {
      return { status: 200, body: { terminals: this.account.terminals.map((terminalId) => ({ terminalId })) } };
    }
    const tid = /^\/v1\/terminal\/([^/]+)/.exec(path)?.[1];
    if (tid === undefined) return notFound();
    if (!this.account.terminals.includes(decodeURIComponent(tid))) return failure(403, 'terminalNotAllowed');
    if (tid !== encodeURIComponent(this.terminal.settings.terminalId)) return failure(404, 'unknownTerminal');
    return this.terminalRoute(method, path.slice(API.terminal(decodeURIComponent(tid)).length), body, left);
  }

  private async terminalRoute(method: string, rest: string, body: unknown, left: AbortSignal): Promise<Reply> {
    const terminal = this.terminal;
    const dark = terminal.reachability.dark;
    const state = terminal.offline || dark ? 'disconnected' : terminal.busy ? 'busy' : 'idle';
    if (method === 'GET' && rest === '') return { status: 200, body: { terminalId: terminal.settings.terminalId, state } };
    // A terminal gone dark took a result the cloud never got: its log would show an older record
    // as the latest, so the cloud answers nothing for the terminal, the lookup included.
    if (dark) return failure(409, 'terminalDisconnected');
    // The cloud keeps the terminal's log, so the last result answers even while it is offline. The
    // shape is a lookup's as NaviPartner's NETS Cloud response parser reads it (npcore-partners):
    // result.latestTransactionResult, result.printText.Text, result.orderId only for a success.
    if (method === 'GET' && rest === '/transaction') {
      const record = await terminal.lookup();
      return {
        status: 200,
        body: {
          result: {
            latestTransactionResult: record?.args ?? null,
            ...(record?.orderId && { orderId: record.orderId }),
            ...(record?.receipt && { printText: { Text: record.receipt } }),
          },
        },
      };
    }
    if (terminal.offline) return failure(409, 'terminalDisconnected');
    const fields = (body ?? {}) as Record<string, unknown>;
    if (method === 'POST' && rest === '/administration') {
      if (fields.action === 'cancelAction') return { status: 200, body: { result: { cancelled: await terminal.cancel() } } };
      if (fields.action !== 'reconciliation') return failure(400, 'unsupportedAction');
      if (terminal.busy) return failure(409, 'terminalBusy');
      return { status: 200, body: await terminal.reconcile() };
    }
    if (terminal.busy) return failure(409, 'terminalBusy');
    if (method === 'DELETE' && rest === '/transaction') return terminal.reverseLast(Number(fields.amount));
    if (method === 'POST' && rest === '/transaction') {
      if (terminal.reconciliationRequired) return failure(409, 'reconciliationRequired');
      if (!isTransactionRequest(body)) return failure(400, 'invalidRequest');
      return terminal.transaction(body, left);
    }
    return notFound();
  }
}

function send(res: http.ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  if ('kind' in reply) {
    if (reply.kind === 'withhold') return;
    if (reply.kind === 'drop') {
      res.socket?.destroy();
      return;
    }
    if (reply.kind === 'raw') {
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.text);
      return;
    }
    return send(res, { status: reply.status, body: reply.body });
  }
  res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
}

function failure(status: number, error: string): Reply {
  return { status, body: { failure: { error } } };
}

function notFound(): Reply {
  return failure(404, 'notFound');
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Positive minor units; `amountCashback` with, and only with, a purchase with cashback. */
function isTransactionRequest(body: unknown): body is TransactionRequest {
  const b = (body ?? {}) as Record<string, unknown>;
  const cashback = b.transactionType === 'purchaseWithCashback';
  return (
    ['purchase', 'purchaseWithCashback', 'returnOfGoods'].includes(b.transactionType as string) &&
    isPositiveMinor(b.amount) &&
    (cashback ? isPositiveMinor(b.amountCashback) : b.amountCashback === undefined) &&
    typeof b.orderId === 'string'
  );
}

function isPositiveMinor(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) > 0;
}
