// One JSON request to Viva's cloud over Node's fetch, as a value: an answer (any status), or why
// there is none. Whether a request reached the server matters more than anything else here: a
// refused connection sent nothing, a lost one may have moved money (ARCHITECTURE.md: such a
// request is looked up, never sent again). Every exchange is logged with secrets redacted and card
// numbers masked.
import type { TerminalLog } from '../../terminals/driver.js';
import { maskCardNumber, maskCardNumbersInText } from '../../protocol/card-number.js';
import { type Result, err, ok } from '../../protocol/result.js';
import { parseJson } from '../cloud-http/json.js';

export type HttpFailure =
  /** Nothing reached the server (refused, unknown host, unreachable). */
  | { kind: 'refused'; detail: string }
  /** The request may have arrived; no answer came back (reset, closed, timed out). */
  | { kind: 'lost'; detail: string }
  /** An answer came back that is not the JSON it should be. */
  | { kind: 'malformed'; detail: string };

export interface HttpAnswer {
  status: number;
  /** Parsed JSON; undefined for an empty body. */
  body: unknown;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  authorization: string;
  json?: unknown;
  form?: Record<string, string>;
}

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** Keys whose values never reach the log, in requests or answers. */
const SECRET_KEY = /^access_token$|secret|password|apikey|^key$/i;

export class VivaHttp {
  constructor(
    private readonly terminal: string,
    private readonly log: TerminalLog,
    private readonly timeoutMs: number,
  ) {}

  async send(request: HttpRequest): Promise<Result<HttpAnswer, HttpFailure>> {
    const { pathname, search } = new URL(request.url);
    const line = forLog(`${request.method} ${pathname}${search}`);
    this.log.frame('out', this.terminal, `${line}${describeBody(request.json ?? request.form)}`);
    const body = request.json !== undefined ? JSON.stringify(request.json) : request.form ? new URLSearchParams(request.form).toString() : undefined;
    const contentType = request.json !== undefined ? 'application/json' : 'application/x-www-form-urlencoded';
    let response: Response;
    let text: string;
    try {
      response = await fetch(request.url, {
        method: request.method,
        headers: { authorization: request.authorization, accept: 'application/json', ...(body !== undefined && { 'content-type': contentType }) },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const failure = failureOf(error);
      this.log.warn(this.terminal, `${line}: ${failure.kind}: ${failure.detail}`);
      return err(failure);
    }
    if (text.trim() === '') {
      this.log.frame('in', this.terminal, `${response.status} (empty)`);
      return ok({ status: response.status, body: undefined });
    }
    try {
      const parsed: unknown = parseJson(text);
      this.log.frame('in', this.terminal, `${response.status}${describeBody(parsed)}`);
      return ok({ status: response.status, body: parsed });
    } catch {
      const shown = forLog(text.slice(0, 80)).replace(/[^\x20-\x7e]/g, '.');
      this.log.frame('in', this.terminal, `${response.status} unreadable: ${shown}`);
      return err({ kind: 'malformed', detail: `${line} answered ${response.status} with a body that is not JSON` });
    }
  }
}

function failureOf(error: unknown): HttpFailure {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code && NOT_SENT.has(cause.code)) return { kind: 'refused', detail: cause.code };
  if ((error as Error).name === 'TimeoutError') return { kind: 'lost', detail: 'no answer in time' };
  return { kind: 'lost', detail: cause?.code ?? cause?.message ?? (error as Error).message };
}

function describeBody(body: unknown): string {
  if (body === undefined) return '';
  return ` ${forLog(JSON.stringify(body, (key, value) => (SECRET_KEY.test(key) ? '[redacted]' : value)))}`;
}

/**
 * Card numbers masked, and every other 13–19 digit run too (order codes, references): a PAN must
 * never reach the log whichever field it hides in, and first six / last four still identify an order.
 */
export function forLog(text: string): string {
  return maskCardNumbersInText(text).replace(/(?<!\d)\d{13,19}(?!\d)/g, (run) => maskCardNumber(run));
}

export function basicAuthorization(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
