// The register's end of the one long-lived TCP connection (the terminal is the server): connect
// with a timeout, write messages, and queue what arrives as typed events. Every frame crossing
// the wire goes to the session log, rendered readably and with card numbers masked.
import type { ConnectFailure } from '../unanswered.js';
import net from 'node:net';
import type { TerminalLog } from '../../terminals/driver.js';
import { type Frame, describeFrameError } from './frame-profile.js';
import { type FrameEvent, FrameParser } from './frame-parser.js';
import { renderFrame } from './frame-render.js';
import { decodeLatin2 } from './iso-8859-2.js';
import { type Result, err, ok } from '../../protocol/result.js';
import {
  type Dialect,
  type InboundMessage,
  type LetterFieldMessage,
  decodeMessage,
  encodeMessage,
  formatDateTime,
} from './messages.js';
import type { LetterFieldProfile } from './profile.js';

export type Inbound =
  | ({ kind: 'message' } & InboundMessage)
  /** A frame arrived but cannot be trusted: bad header, length, checksum or fields. */
  | { kind: 'malformed'; detail: string }
  | { kind: 'closed' }
  | { kind: 'timeout' }
  | { kind: 'aborted' };

export interface LinkParams {
  host: string;
  port: number;
  /** Our own terminal id for outgoing headers, and the log's name for this terminal. */
  terminalId: string;
  logName: string;
  connectTimeoutMs: number;
  crcCheck: boolean;
  /** The profile as configured, and whether checksums are computed. */
  dialect: Dialect;
  log: TerminalLog;
}

/** Renders raw frame bytes for the log: Latin-2 text, card-number fields masked. */
export function renderForLog(bytes: Uint8Array, profile: LetterFieldProfile): string {
  return renderFrame(decodeLatin2(bytes), [profile.field.cardNumber]);
}

export class LetterFieldLink {
  private readonly inbox: Inbound[] = [];
  private waiter: ((event: Inbound) => void) | undefined;
  private readonly parser: FrameParser;
  private isClosed = false;

  private constructor(
    private readonly socket: net.Socket,
    private readonly params: LinkParams,
  ) {
    this.parser = new FrameParser(params.dialect.profile.frame, { crcCheck: params.crcCheck });
    socket.on('data', (chunk: Buffer) => this.onFrames(this.parser.push(chunk)));
    // 'close' always follows 'error'; the error itself only needs recording.
    socket.on('error', (error) => params.log.warn(params.logName, `socket error: ${error.message}`));
    socket.on('close', () => {
      this.onFrames(this.parser.end());
      this.isClosed = true;
      this.deliver({ kind: 'closed' });
    });
  }

  static open(params: LinkParams, signal?: AbortSignal): Promise<Result<LetterFieldLink, ConnectFailure>> {
    return new Promise((resolve) => {
      const socket = net.createConnection({ host: params.host, port: params.port });
      const finish = (result: Result<LetterFieldLink, ConnectFailure>) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        socket.removeListener('error', onError);
        socket.removeListener('connect', onConnect);
        resolve(result);
      };
      const fail = (reason: ConnectFailure['reason'], detail: string) => {
        socket.destroy();
        finish(err({ reason, detail }));
      };
      const onConnect = () => {
        socket.setNoDelay(true);
        finish(ok(new LetterFieldLink(socket, params)));
      };
      const onError = (error: Error) => fail('connection-refused', error.message);
      const onAbort = () => fail('merchant-aborted', 'aborted while connecting');
      const timer = setTimeout(
        () => fail('timeout', `no connection within ${params.connectTimeoutMs} ms`),
        params.connectTimeoutMs,
      );
      socket.once('connect', onConnect);
      socket.once('error', onError);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Writes one message; false when the connection is already gone (nothing was sent). */
  send(message: LetterFieldMessage): boolean {
    if (this.isClosed || this.socket.destroyed) return false;
    const envelope = { terminalId: this.params.terminalId, dateTime: formatDateTime(new Date()) };
    const bytes = encodeMessage(message, envelope, this.params.dialect);
    this.params.log.frame('out', this.params.logName, renderForLog(bytes, this.params.dialect.profile));
    this.socket.write(bytes);
    return true;
  }

  /**
   * Takes the messages nobody waited for (late answers to an exchange that already gave up), so
   * they cannot be taken for the answer to the next request.
   */
  takeStale(): Inbound[] {
    const kept = this.inbox.filter((event) => event.kind === 'closed');
    const stale = this.inbox.filter((event) => event.kind !== 'closed');
    this.inbox.splice(0, this.inbox.length, ...kept);
    return stale;
  }

  /** The next event, or 'timeout' after `timeoutMs`, or 'aborted' when `signal` fires first. */
  receive(timeoutMs: number, signal?: AbortSignal): Promise<Inbound> {
    const queued = this.inbox.shift();
    if (queued) return Promise.resolve(queued);
    if (this.isClosed) return Promise.resolve({ kind: 'closed' });
    if (signal?.aborted) return Promise.resolve({ kind: 'aborted' });
    return new Promise((resolve) => {
      const settle = (event: Inbound) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.waiter = undefined;
        resolve(event);
      };
      const onAbort = () => settle({ kind: 'aborted' });
      const timer = setTimeout(() => settle({ kind: 'timeout' }), Math.max(0, timeoutMs));
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiter = settle;
    });
  }

  close(): void {
    this.isClosed = true;
    this.socket.destroy();
  }

  private onFrames(events: FrameEvent[]): void {
    for (const event of events) {
      if (event.ok) this.onFrame(event.value);
      else if (event.error.kind === 'garbage') {
        // Noise before STX is skipped; the stream resynchronises on the next frame.
        this.params.log.warn(
          this.params.logName,
          `${describeFrameError(event.error)}: ${renderForLog(event.error.bytes, this.params.dialect.profile)}`,
        );
      } else {
        this.params.log.frame('in', this.params.logName, renderForLog(event.error.bytes, this.params.dialect.profile));
        this.deliver({ kind: 'malformed', detail: describeFrameError(event.error) });
      }
    }
  }

  private onFrame(frame: Frame): void {
    this.params.log.frame('in', this.params.logName, renderForLog(frame.bytes, this.params.dialect.profile));
    const decoded = decodeMessage(frame, this.params.dialect);
    this.deliver(decoded.ok ? { kind: 'message', ...decoded.value } : { kind: 'malformed', detail: decoded.error });
  }

  private deliver(event: Inbound): void {
    if (this.waiter) this.waiter(event);
    else this.inbox.push(event);
  }
}
