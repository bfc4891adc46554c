// OAuth2 client credentials for the cloud terminal API (viva.md, "B"): Basic auth with client id
// : secret at the accounts host's /connect/token, `grant_type=client_credentials`. The token is
// kept until shortly before `expires_in` runs out, and dropped when an answer refuses it.
import { type Result, err, ok } from '../../protocol/result.js';
import { type CloudHttp, basicAuthorization } from '../cloud-http/client.js';
import { bodyOf, statusOf, type Authorizer } from './api.js';
import { TokenAnswer } from './messages.js';
import type { BasicCredentials } from './options.js';
import type { CallFailure } from './style.js';

/** Renew this long before expiry, at most a tenth of the token's life. */
const RENEW_MARGIN_MS = 60_000;

export class OAuthToken implements Authorizer {
  private token: { header: string; renewAt: number } | undefined;

  constructor(
    private readonly http: CloudHttp,
    private readonly tokenUrl: string,
    private readonly credentials: BasicCredentials,
  ) {}

  async header(): Promise<Result<string, CallFailure>> {
    if (this.token && performance.now() < this.token.renewAt) return ok(this.token.header);
    const sent = await this.http.send({
      method: 'POST',
      url: this.tokenUrl,
      authorization: basicAuthorization(this.credentials.user, this.credentials.password),
      form: { grant_type: 'client_credentials' },
    });
    if (!sent.ok) return sent;
    const answered = statusOf(sent.value);
    if (!answered.ok) return answered;
    const token = bodyOf(answered.value, TokenAnswer);
    if (!token.ok) return err(token.error);
    const lifetimeMs = token.value.expires_in * 1000;
    this.token = {
      header: `Bearer ${token.value.access_token}`,
      renewAt: performance.now() + lifetimeMs - Math.min(RENEW_MARGIN_MS, lifetimeMs / 10),
    };
    return ok(this.token.header);
  }

  refused(): boolean {
    const hadToken = this.token !== undefined;
    this.token = undefined;
    return hadToken;
  }
}
