// The organisation account's login token (nets-connect-cloud.md, "REST API": a JWT to renew about
// ten minutes before its `exp`). One login at a time; a token is renewed before it expires, and
// forgotten when the cloud answers 401 so the next call logs in again.
import { type Result, err, ok } from '../../protocol/result.js';
import type { CloudHttp } from '../cloud-http/client.js';
import type { HttpFailure } from '../cloud-http/failure.js';
import { API, type LoginRequest, readFailure, readLogin } from './messages.js';

export type LoginFailure = HttpFailure | { kind: 'refused-login'; code: string };

interface Held {
  token: string;
  renewAt: number;
}

export class TokenManager {
  private held: Held | undefined;
  private pending: Promise<Result<string, LoginFailure>> | undefined;
  private loginCount = 0;

  constructor(
    private readonly http: CloudHttp,
    private readonly account: LoginRequest,
    private readonly renewBeforeExpiryMs: number,
    private readonly timeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** How many logins this manager made (tests prove renewal by it). */
  get logins(): number {
    return this.loginCount;
  }

  /** A token valid for a while yet, logging in when there is none or it is due for renewal. */
  token(signal?: AbortSignal): Promise<Result<string, LoginFailure>> {
    if (this.held && this.now() < this.held.renewAt) return Promise.resolve(ok(this.held.token));
    this.pending ??= this.login(signal).finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** The cloud refused the token (401): the next `token()` logs in again. */
  forget(): void {
    this.held = undefined;
  }

  private async login(signal?: AbortSignal): Promise<Result<string, LoginFailure>> {
    this.loginCount += 1;
    const reply = await this.http.send({
      method: 'POST',
      url: API.login,
      json: this.account,
      timeoutMs: this.timeoutMs,
      ...(signal && { signal }),
    });
    if (!reply.ok) return reply;
    const { status, body } = reply.value;
    if (status !== 200 && status !== 201) {
      // Without a code in the body, a server error is the notes' "temporary authentication failure".
      const fallback = status >= 500 ? 'authTemporarilyUnavailable' : 'loginFailed';
      return err({ kind: 'refused-login', code: readFailure(body)?.error ?? fallback });
    }
    const answer = readLogin(body);
    if (!answer.ok) return err({ kind: 'malformed', detail: answer.error });
    const { token } = answer.value;
    this.held = { token, renewAt: this.renewalTime(token) };
    return ok(token);
  }

  /**
   * `exp − renewBeforeExpiry`, but never earlier than half the token's life, so a short-lived token
   * is still used; a token without a readable `exp` is used until the cloud refuses it.
   */
  private renewalTime(token: string): number {
    const claims = jwtClaims(token);
    if (claims?.exp === undefined) return Number.POSITIVE_INFINITY;
    const expiresAt = claims.exp * 1000;
    const issuedAt = claims.iat !== undefined ? claims.iat * 1000 : this.now();
    const halfLife = issuedAt + (expiresAt - issuedAt) / 2;
    return Math.max(expiresAt - this.renewBeforeExpiryMs, halfLife);
  }
}

/** The payload of a JWT, unverified: only the timing claims are read, to schedule renewal. */
export function jwtClaims(token: string): { exp?: number; iat?: number } | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null) return undefined;
    const { exp, iat } = claims as Record<string, unknown>;
    return { ...(typeof exp === 'number' && { exp }), ...(typeof iat === 'number' && { iat }) };
  } catch {
    return undefined;
  }
}
