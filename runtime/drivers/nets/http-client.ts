// JSON over HTTP(S) to the Connect@Cloud API with Node's fetch: one call, one time limit, one
// abort signal, and every failure as a value that says whether the request can have reached the
// cloud. Everything that crosses the wire is logged with secrets redacted and card numbers masked.
import type { TerminalLog } from '../../terminals/driver.js';
import { maskCardNumber, maskCardNumbersInText } from '../../protocol/card-number.js';
import { type Result, err, ok } from '../../protocol/result.js';

export interface HttpReply {
  status: number;
  /** Parsed JSON, or undefined when the body is not JSON (the caller decides what that means). */
  body: unknown;
}

export type HttpFailure =
  /** Nothing was sent: the cloud could not be reached at all. */
  | { kind: 'refused'; detail: string }
  /** Sent, then no answer in time. */
  | { kind: 'timeout'; detail: string }
  /** Sent, then the connection broke before a whole answer arrived. */
  | { kind: 'lost'; detail: string }
  /** Our own signal stopped waiting. */
  | { kind: 'aborted'; detail: string };

export interface CallOptions {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
  token?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Keys whose values are secrets: never logged. */
const SECRET_KEYS = new Set(['password', 'token']);
const LONG_DIGIT_RUN = /(?<!\d)\d{13,19}(?!\d)/g;
/** Before any byte is sent: retrying or reporting "refused" is safe. */
const UNSENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

export class HttpClient {
  constructor(
    private readonly baseUrl: string,
    private readonly log: TerminalLog,
    private readonly logName: string,
  ) {}

  async call(options: CallOptions): Promise<Result<HttpReply, HttpFailure>> {
    const { method, path, body, token, timeoutMs, signal } = options;
    const timer = AbortSignal.timeout(timeoutMs);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    const json = body === undefined ? undefined : JSON.stringify(body);
    this.log.frame('out', this.logName, `${method} ${path}${json === undefined ? '' : ` ${redact(json)}`}`);
    try {
      const response = await fetch(new URL(path, this.baseUrl), {
        method,
        headers,
        ...(json !== undefined && { body: json }),
        signal: signal ? AbortSignal.any([signal, timer]) : timer,
      });
      const text = await response.text();
      this.log.frame('in', this.logName, `${response.status} ${redact(text)}`);
      return ok({ status: response.status, body: parseJson(text) });
    } catch (error) {
      const failure = classify(error, timer, signal);
      this.log.warn(this.logName, `${method} ${path}: ${failure.kind} (${failure.detail})`);
      return err(failure);
    }
  }
}

function classify(error: unknown, timer: AbortSignal, signal: AbortSignal | undefined): HttpFailure {
  if (signal?.aborted) return { kind: 'aborted', detail: 'stopped by the caller' };
  if (timer.aborted) return { kind: 'timeout', detail: 'no answer in time' };
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message ?? String(error);
  return UNSENT_CODES.has(cause?.code ?? '') ? { kind: 'refused', detail } : { kind: 'lost', detail };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The text as logged: secret values replaced, card numbers masked. Any unbroken run of 13–19
 * digits is masked too, Luhn or not: the cloud's JSON may carry a PAN in a field we do not know,
 * and an id that long is still recognisable by its head and tail.
 */
function redact(text: string): string {
  const parsed = parseJson(text);
  const shown = parsed === undefined ? text : JSON.stringify(parsed, (key, value) => (SECRET_KEYS.has(key) ? '***' : value));
  return maskCardNumbersInText(shown).replace(LONG_DIGIT_RUN, (run) => maskCardNumber(run));
}
