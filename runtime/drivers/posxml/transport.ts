// The register's side of PoSXML's HTTP/1.0 (the terminal is the server, posxml.md "Transport"):
// connect with a timeout, POST one XML body, wait for the whole answer however it is cut into
// reads (content-length delimits it, so a terminal that keeps the connection open works as well
// as one in "XML session" mode that closes it). Each exchange has its own connection, closed by
// us after the answer: a kept connection that the terminal closes just as we send would leave a
// financial request's fate unknown, for the gain of one LAN handshake. Every body crossing the
// wire goes to the session log with card numbers masked.
import type { ConnectFailure } from '../unanswered.js';
import net from 'node:net';
import type { TerminalLog } from '../../terminals/driver.js';
import { maskCardNumber, maskCardNumbersInText } from '../../protocol/card-number.js';
import { type Result, err, ok } from '../../protocol/result.js';
import { type HttpEvent, HttpMessageParser, encodeHttpRequest, isOkStatus } from './http.js';

export type LostCause = 'timeout' | 'connection-lost' | 'malformed-answer' | 'aborted';

export type PostEnd =
  | { kind: 'answer'; body: string }
  /** Nothing reached the terminal. */
  | { kind: 'unsent'; failure: ConnectFailure }
  /** The request went out and no usable answer came back. */
  | { kind: 'lost'; cause: LostCause; detail: string };

export interface TransportParams {
  host: string;
  port: number;
  connectTimeoutMs: number;
  logName: string;
  log: TerminalLog;
}

/** Renders an XML body for the log: every card number masked, the Pan element whatever it holds. */
export function renderForLog(xml: string): string {
  return maskCardNumbersInText(xml).replace(/(<Pan>)([^<]*)(<\/Pan>)/g, (_all, open: string, pan: string, close: string) => {
    return `${open}${maskCardNumber(pan)}${close}`;
  });
}

export class HttpTransport {
  private readonly open = new Set<Connection>();

  constructor(private readonly params: TransportParams) {}

  /** POSTs one body on a new connection and waits for the answer until `timeoutMs`. */
  async post(xml: string, timeoutMs: number, signal?: AbortSignal): Promise<PostEnd> {
    const connection = await Connection.open(this.params, signal);
    if (!(connection instanceof Connection)) return { kind: 'unsent', failure: connection.error };
    this.open.add(connection);
    try {
      this.params.log.frame('out', this.params.logName, renderForLog(xml));
      const end = await connection.exchange(encodeHttpRequest(xml), timeoutMs, signal);
      if (end.kind === 'answer') this.params.log.frame('in', this.params.logName, renderForLog(end.body));
      return end;
    } finally {
      connection.close();
      this.open.delete(connection);
    }
  }

  /** Ends every exchange still waiting (each then reports the connection lost). */
  close(): void {
    this.open.forEach((connection) => connection.close());
  }
}

type ExchangeEnd = Exclude<PostEnd, { kind: 'unsent' }>;

/** One TCP connection carrying one HTTP exchange at a time. */
class Connection {
  private readonly parser = new HttpMessageParser();
  private readonly inbox: (HttpEvent | 'closed')[] = [];
  private waiter: (() => void) | undefined;

  private constructor(
    private readonly socket: net.Socket,
    private readonly params: TransportParams,
  ) {
    socket.on('data', (chunk: Buffer) => this.deliver(...this.parser.push(chunk)));
    // 'close' always follows 'error'; the error itself only needs recording.
    socket.on('error', (error) => params.log.warn(params.logName, `socket error: ${error.message}`));
    socket.on('close', () => this.deliver(...this.parser.end(), 'closed'));
  }

  static open(params: TransportParams, signal?: AbortSignal): Promise<Connection | { error: ConnectFailure }> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve({ error: { reason: 'merchant-aborted', detail: 'aborted before connecting' } });
      const socket = net.createConnection({ host: params.host, port: params.port });
      const finish = (result: Result<Connection, ConnectFailure>) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        socket.removeListener('error', onError);
        resolve(result.ok ? result.value : { error: result.error });
      };
      const fail = (reason: ConnectFailure['reason'], detail: string) => {
        socket.destroy();
        finish(err({ reason, detail }));
      };
      const onError = (error: Error) =>
        fail('connection-refused', `cannot connect to ${params.host}:${params.port}: ${error.message}`);
      const onAbort = () => fail('merchant-aborted', 'aborted while connecting');
      const timer = setTimeout(
        () => fail('timeout', `no connection to ${params.host}:${params.port} within ${params.connectTimeoutMs} ms`),
        params.connectTimeoutMs,
      );
      socket.once('connect', () => {
        socket.setNoDelay(true);
        finish(ok(new Connection(socket, params)));
      });
      socket.once('error', onError);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  async exchange(bytes: Buffer, timeoutMs: number, signal?: AbortSignal): Promise<ExchangeEnd> {
    this.socket.write(bytes);
    const lost = (cause: LostCause, detail: string): ExchangeEnd => ({ kind: 'lost', cause, detail });
    const event = await this.next(timeoutMs, signal);
    switch (event) {
      case 'timeout':
        return lost('timeout', `no answer within ${timeoutMs} ms`);
      case 'aborted':
        return lost('aborted', 'aborted by the merchant');
      case 'closed':
        return lost('connection-lost', 'the terminal closed the connection before answering');
    }
    if (!event.ok) return lost('malformed-answer', `malformed HTTP answer: ${event.error}`);
    if (!isOkStatus(event.value.startLine)) {
      this.params.log.frame('in', this.params.logName, renderForLog(`${event.value.startLine}\n${event.value.body}`));
      return lost('malformed-answer', `HTTP answer ${JSON.stringify(event.value.startLine)} instead of 200`);
    }
    return { kind: 'answer', body: event.value.body };
  }

  close(): void {
    this.socket.destroy();
  }

  private next(timeoutMs: number, signal?: AbortSignal): Promise<HttpEvent | 'closed' | 'timeout' | 'aborted'> {
    const queued = this.inbox.shift();
    if (queued) return Promise.resolve(queued);
    if (signal?.aborted) return Promise.resolve('aborted');
    return new Promise((resolve) => {
      const settle = (event: HttpEvent | 'closed' | 'timeout' | 'aborted') => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.waiter = undefined;
        resolve(event);
      };
      const onAbort = () => settle('aborted');
      const timer = setTimeout(() => settle('timeout'), Math.max(0, timeoutMs));
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiter = () => settle(this.inbox.shift()!);
    });
  }

  private deliver(...events: (HttpEvent | 'closed')[]): void {
    this.inbox.push(...events);
    if (events.length > 0) this.waiter?.();
  }
}
