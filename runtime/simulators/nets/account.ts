// The simulated Connect@Cloud account: one organisation login, JWT-shaped tokens with a lifetime,
// the terminals bound to the account, and switches for the login failures of the notes
// (nets-connect-cloud.md, "Error categories": wrong credentials, temporary failure, not activated).
import { randomBytes } from 'node:crypto';
import type { NetsErrorCode } from '../../drivers/nets/error-categories.js';

export type LoginFailureCode = Extract<NetsErrorCode, 'loginFailed' | 'authTemporarilyUnavailable' | 'accountNotActivated'>;

/** HTTP status of each refused login (the wire form is ours: Nets' documents are not public). */
const LOGIN_FAILURE_STATUS: Record<LoginFailureCode, number> = {
  loginFailed: 401,
  authTemporarilyUnavailable: 503,
  accountNotActivated: 403,
};

export type LoginOutcome = { ok: true; token: string } | { ok: false; status: number; error: LoginFailureCode };

export class SimulatedAccount {
  private readonly tokens = new Map<string, number>();
  private forcedFailure: LoginFailureCode | undefined;
  private loginCount = 0;

  constructor(
    private readonly username: string,
    private readonly password: string,
    readonly terminals: readonly string[],
    public tokenLifetimeSeconds: number,
  ) {}

  get logins(): number {
    return this.loginCount;
  }

  /** Every later login fails this way, until cleared with undefined. */
  failLogins(code: LoginFailureCode | undefined): void {
    this.forcedFailure = code;
  }

  /** Every token issued so far is refused from now on, as when they expire. */
  expireTokens(): void {
    this.tokens.clear();
  }

  login(body: unknown): LoginOutcome {
    this.loginCount += 1;
    const { username, password } = (body ?? {}) as Record<string, unknown>;
    const error = this.forcedFailure ?? (username === this.username && password === this.password ? undefined : 'loginFailed');
    if (error) return { ok: false, status: LOGIN_FAILURE_STATUS[error], error };
    const iat = Math.floor(Date.now() / 1000);
    const expiresAt = Date.now() + this.tokenLifetimeSeconds * 1000;
    const claims = { sub: this.username, iat, exp: Math.ceil(expiresAt / 1000) };
    const token =
      [{ alg: 'HS256', typ: 'JWT' }, claims].map((part) => base64url(JSON.stringify(part))).join('.') +
      '.' +
      randomBytes(16).toString('base64url');
    this.tokens.set(token, expiresAt);
    return { ok: true, token };
  }

  /** Whether `Authorization: Bearer <token>` carries a live token. */
  authorizes(header: string | undefined): boolean {
    const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
    const expiresAt = token === undefined ? undefined : this.tokens.get(token);
    return expiresAt !== undefined && Date.now() < expiresAt;
  }
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
