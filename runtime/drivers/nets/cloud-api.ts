// The calls the driver makes, each with a fresh-enough token. A 401 means the cloud refused the
// token before doing anything, so the call is made once more after a new login — the one repeat
// that is safe even for a financial request, because nothing reached the terminal. A login that
// fails means the call itself was never sent.
import { type Result, err } from '../../protocol/result.js';
import type { CloudAnswer, CloudHttp, CloudRequest } from '../cloud-http/client.js';
import { type HttpFailure, beforeSending } from '../cloud-http/failure.js';
import type { LoginFailure, TokenManager } from './auth.js';
import { API, type AdministrationAction, type ReversalRequest, type TransactionRequest } from './messages.js';

export type CloudFailure = HttpFailure | Extract<LoginFailure, { kind: 'refused-login' }>;
export type CloudReply = Result<CloudAnswer, CloudFailure>;

interface Timing {
  /** Every call but the held transaction. */
  apiTimeoutMs: number;
}

export class CloudApi {
  constructor(
    private readonly http: CloudHttp,
    private readonly auth: TokenManager,
    private readonly terminalId: string,
    private readonly timing: Timing,
  ) {}

  /** Held open until the card flow ends (notes: up to minutes), so it gets its own time limit. */
  startTransaction(request: TransactionRequest, timeoutMs: number, signal: AbortSignal): Promise<CloudReply> {
    return this.authorized({ method: 'POST', url: API.transaction(this.terminalId), json: request, timeoutMs, signal });
  }

  reverseLast(request: ReversalRequest, timeoutMs: number, signal: AbortSignal): Promise<CloudReply> {
    return this.authorized({ method: 'DELETE', url: API.transaction(this.terminalId), json: request, timeoutMs, signal });
  }

  administration(action: AdministrationAction, timeoutMs = this.timing.apiTimeoutMs, signal?: AbortSignal): Promise<CloudReply> {
    return this.authorized({
      method: 'POST',
      url: API.administration(this.terminalId),
      json: { action },
      timeoutMs,
      ...(signal && { signal }),
    });
  }

  /** Get last result: notes warn that it aborts a running transaction, so recovery rations it. */
  lastResult(signal?: AbortSignal): Promise<CloudReply> {
    return this.get(API.transaction(this.terminalId), signal);
  }

  terminalState(signal?: AbortSignal): Promise<CloudReply> {
    return this.get(API.terminal(this.terminalId), signal);
  }

  accountTerminals(signal?: AbortSignal): Promise<CloudReply> {
    return this.get(API.terminals, signal);
  }

  private get(url: string, signal?: AbortSignal): Promise<CloudReply> {
    return this.authorized({ method: 'GET', url, timeoutMs: this.timing.apiTimeoutMs, ...(signal && { signal }) });
  }

  private async authorized(call: Omit<CloudRequest, 'authorization'>): Promise<CloudReply> {
    for (let attempt = 1; ; attempt++) {
      const token = await this.auth.token(call.signal);
      if (!token.ok) return err(token.error.kind === 'refused-login' ? token.error : beforeSending('login', token.error));
      const reply = await this.http.send({ ...call, authorization: `Bearer ${token.value}` });
      if (!reply.ok || reply.value.status !== 401 || attempt === 2) return reply;
      this.auth.forget();
    }
  }
}
