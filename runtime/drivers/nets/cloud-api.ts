// The calls the driver makes, each with a fresh-enough token. A 401 means the cloud refused the
// token before doing anything, so the call is made once more after a new login — the one repeat
// that is safe even for a financial request, because nothing reached the terminal.
import { type Result, err } from '../../protocol/result.js';
import type { LoginFailure, TokenManager } from './auth.js';
import type { CallOptions, HttpClient, HttpFailure, HttpReply } from './http-client.js';
import {
  API,
  type AdministrationAction,
  type ReversalRequest,
  type TransactionRequest,
} from './messages.js';

export type CloudFailure = HttpFailure | Exclude<LoginFailure, HttpFailure>;
export type CloudReply = Result<HttpReply, CloudFailure>;

interface Timing {
  /** Every call but the held transaction. */
  apiTimeoutMs: number;
}

export class CloudApi {
  constructor(
    private readonly http: HttpClient,
    private readonly auth: TokenManager,
    private readonly terminalId: string,
    private readonly timing: Timing,
  ) {}

  /** Held open until the card flow ends (notes: up to minutes), so it gets its own time limit. */
  startTransaction(request: TransactionRequest, timeoutMs: number, signal: AbortSignal): Promise<CloudReply> {
    return this.authorized({ method: 'POST', path: API.transaction(this.terminalId), body: request, timeoutMs, signal });
  }

  reverseLast(request: ReversalRequest, timeoutMs: number, signal: AbortSignal): Promise<CloudReply> {
    return this.authorized({ method: 'DELETE', path: API.transaction(this.terminalId), body: request, timeoutMs, signal });
  }

  administration(action: AdministrationAction, timeoutMs = this.timing.apiTimeoutMs, signal?: AbortSignal): Promise<CloudReply> {
    return this.authorized({ method: 'POST', path: API.administration(this.terminalId), body: { action }, timeoutMs, ...(signal && { signal }) });
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

  private get(path: string, signal?: AbortSignal): Promise<CloudReply> {
    return this.authorized({ method: 'GET', path, timeoutMs: this.timing.apiTimeoutMs, ...(signal && { signal }) });
  }

  private async authorized(call: Omit<CallOptions, 'token'>): Promise<CloudReply> {
    for (let attempt = 1; ; attempt++) {
      const token = await this.auth.token(call.signal);
      if (!token.ok) return err(token.error);
      const reply = await this.http.call({ ...call, token: token.value });
      if (!reply.ok || reply.value.status !== 401 || attempt === 2) return reply;
      this.auth.forget();
    }
  }
}
