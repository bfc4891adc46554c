// One HTTP request and its whole answer over a connection of its own, as a value. It knows the one
// fact the sent-vs-not-sent rule needs: whether the connection (TCP, and TLS for https) was made.
// node:http rather than fetch: fetch hides that fact, and Node's fetch re-sends a POST by itself on
// a 421 answer or a 307/308 redirect. Here nothing is retried, redirected or pooled: with no
// keep-alive pool no request is ever written to a stale connection the cloud already closed.
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { type Result, err, ok } from '../../protocol/result.js';
import type { HttpFailure } from './failure.js';

export interface Exchange {
  method: string;
  url: URL;
  headers: OutgoingHttpHeaders;
  body?: string;
  /** The connection must be made within this (capped by `answerMs`), else nothing was sent. */
  connectMs: number;
  /** From the start of the call to the whole answer; running out after connecting loses the answer. */
  answerMs: number;
  signal?: AbortSignal;
}

export interface RawAnswer {
  status: number;
  text: string;
}

export function exchange(call: Exchange): Promise<Result<RawAnswer, HttpFailure>> {
  return new Promise((resolve) => {
    const tls = call.url.protocol === 'https:';
    let connected = false;
    let settled = false;
    const request = (tls ? httpsRequest : httpRequest)(call.url, { method: call.method, headers: call.headers, agent: false });

    const finish = (result: Result<RawAnswer, HttpFailure>) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(answerTimer);
      call.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const stop = (failure: HttpFailure) => {
      finish(err(failure));
      request.destroy();
    };
    /** A failure before the connection was made sent nothing; any later one may have reached the cloud. */
    const failed = (afterConnect: HttpFailure, detail: string): HttpFailure =>
      connected ? afterConnect : { kind: 'not-sent', detail };
    const onAbort = () =>
      stop(failed({ kind: 'aborted', detail: 'stopped by the caller' }, 'stopped by the caller before connecting'));
    const connectMs = Math.min(call.connectMs, call.answerMs);
    const connectTimer = setTimeout(() => {
      if (!connected) stop({ kind: 'not-sent', detail: `no connection within ${connectMs} ms` });
    }, connectMs);
    const answerTimer = setTimeout(
      () =>
        stop(
          failed(
            { kind: 'timeout', detail: `no whole answer within ${call.answerMs} ms` },
            `no connection within ${call.answerMs} ms`,
          ),
        ),
      call.answerMs,
    );

    request.on('socket', (socket: Socket) => {
      // TLS: not before the handshake ends, since no byte of the request is sent until then.
      socket.once(tls ? 'secureConnect' : 'connect', () => (connected = true));
    });
    request.on('error', (error) => finish(err(failed({ kind: 'lost', detail: describe(error) }, describe(error)))));
    request.on('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => finish(ok({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') })));
      response.on('close', () => {
        if (!response.complete)
          finish(err({ kind: 'lost', detail: `the answer (HTTP ${response.statusCode}) broke off before its end` }));
      });
      response.on('error', () => undefined);
    });

    if (call.signal?.aborted) return onAbort();
    call.signal?.addEventListener('abort', onAbort, { once: true });
    request.end(call.body);
  });
}

function describe(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ? `${code}: ${error.message}` : error.message;
}
