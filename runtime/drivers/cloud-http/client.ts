// JSON over HTTP(S) to a payment cloud (NETS Connect@Cloud, Viva): one request, one answer or one
// failure as a value (failure.ts states the sent-vs-not-sent rule). Every exchange is logged with
// secrets redacted and card numbers masked (log-text.ts); the Authorization header never is.
// Time limits: the connection must be made within the connect limit (else "not-sent"); the whole
// answer must arrive within the call's answer limit, counted from the start (else "timeout").
import type { TerminalLog } from '../../terminals/driver.js';
import { type Result, err, ok } from '../../protocol/result.js';
import { exchange } from './exchange.js';
import type { HttpFailure } from './failure.js';
import { parseJson, stringifyJson } from './json.js';
import { forLog, formForLog, jsonForLog, textForLog } from './log-text.js';

export interface CloudRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Absolute, or a path under the client's base URL. */
  url: string;
  /** The Authorization header's value (Bearer or Basic). */
  authorization?: string;
  json?: unknown;
  form?: Record<string, string>;
  /** The answer limit of this call, when it differs from the client's. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface CloudAnswer {
  /** Any status: what it means is the driver's to say. */
  status: number;
  /** The body read with `parseJson` (long ids kept exact); undefined for an empty body. */
  body: unknown;
}

export interface CloudHttpOptions {
  log: TerminalLog;
  /** Names the terminal in log lines. */
  terminal: string;
  baseUrl?: string;
  /** The answer limit of calls that name none. */
  timeoutMs: number;
  /** How long making the connection may take; never longer than a call's answer limit. */
  connectTimeoutMs?: number;
}

/** Long enough for a slow mobile uplink's TCP and TLS handshakes; a cloud that takes longer is down. */
const CONNECT_TIMEOUT_MS = 10_000;

export class CloudHttp {
  constructor(private readonly options: CloudHttpOptions) {}

  async send(request: CloudRequest): Promise<Result<CloudAnswer, HttpFailure>> {
    const { log, terminal } = this.options;
    const url = new URL(request.url, this.options.baseUrl);
    const line = `${request.method} ${forLog(url.pathname)}${url.search && `?${formForLog(url.searchParams)}`}`;
    const body = encode(request);
    log.frame('out', terminal, `${line}${body ? ` ${body.logged}` : ''}`);
    const answered = await exchange({
      method: request.method,
      url,
      headers: {
        accept: 'application/json',
        ...(request.authorization !== undefined && { authorization: request.authorization }),
        ...(body && { 'content-type': body.type, 'content-length': Buffer.byteLength(body.text) }),
      },
      ...(body && { body: body.text }),
      connectMs: this.options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
      answerMs: request.timeoutMs ?? this.options.timeoutMs,
      ...(request.signal && { signal: request.signal }),
    });
    if (!answered.ok) {
      log.warn(terminal, `${line}: ${answered.error.kind} (${answered.error.detail})`);
      return answered;
    }
    const { status, text } = answered.value;
    if (text.trim() === '') {
      log.frame('in', terminal, `${status} (empty)`);
      return ok({ status, body: undefined });
    }
    let parsed: unknown;
    try {
      parsed = parseJson(text);
    } catch {
      log.frame('in', terminal, `${status} not JSON: ${textForLog(text)}`);
      return err({ kind: 'malformed', detail: `${line} answered HTTP ${status} with a body that is not JSON` });
    }
    log.frame('in', terminal, `${status} ${jsonForLog(parsed)}`);
    return ok({ status, body: parsed });
  }
}

export function basicAuthorization(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

function encode(request: CloudRequest): { text: string; type: string; logged: string } | undefined {
  if (request.json !== undefined)
    return { text: stringifyJson(request.json), type: 'application/json', logged: jsonForLog(request.json) };
  if (request.form === undefined) return undefined;
  const form = new URLSearchParams(request.form);
  return { text: form.toString(), type: 'application/x-www-form-urlencoded', logged: formForLog(form) };
}
