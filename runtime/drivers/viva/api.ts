// Authorized calls to one Viva API, with the status codes read the same way for both styles:
// 2xx is an answer, 401 a login problem (one fresh login and one more try, viva.md "B": "re-login
// when an answer says the credentials could not be validated"), another 4xx a refusal of the
// request as sent, and 5xx an answer that says nothing about whether the request took effect.
// A login that gets no answer means the call itself was never sent.
import type { z } from 'zod';
import { type Result, err, ok } from '../../protocol/result.js';
import type { CloudAnswer, CloudHttp, CloudRequest } from '../cloud-http/client.js';
import { beforeSending, mayHaveArrived } from '../cloud-http/failure.js';
import { parseAnswer } from './messages.js';
import { HOST_CODE } from './response-codes.js';
import type { CallFailure } from './style.js';

export interface Authorizer {
  /** The Authorization header value, logging in first if needed. */
  header(): Promise<Result<string, CallFailure>>;
  /** The last header was refused; returns whether a fresh one may work. */
  refused(): boolean;
}

export class VivaApi {
  constructor(
    private readonly http: CloudHttp,
    private readonly baseUrl: string,
    private readonly auth: Authorizer,
  ) {}

  async call(method: CloudRequest['method'], path: string, json?: unknown): Promise<Result<CloudAnswer, CallFailure>> {
    for (let attempt = 0; ; attempt++) {
      const authorization = await this.auth.header();
      if (!authorization.ok)
        return err(authorization.error.kind === 'rejected' ? authorization.error : beforeSending('login', authorization.error));
      const sent = await this.http.send({ method, url: `${this.baseUrl}${path}`, authorization: authorization.value, json });
      if (!sent.ok) return sent;
      // A 401 means the request was refused before anything happened, so asking again is safe.
      if (sent.value.status === 401 && attempt === 0 && this.auth.refused()) continue;
      return statusOf(sent.value);
    }
  }
}

export function statusOf(answer: CloudAnswer): Result<CloudAnswer, CallFailure> {
  const { status } = answer;
  if (status >= 200 && status < 300) return ok(answer);
  const detail = `HTTP ${status}${messageOf(answer.body)}`;
  if (status === 401 || status === 403) return err({ kind: 'rejected', code: HOST_CODE.loginFailed, detail, status });
  if (status >= 400 && status < 500) return err({ kind: 'rejected', code: HOST_CODE.requestRejected, detail, status });
  return err({ kind: 'lost', detail: `${detail}: the server failed; whether the request took effect is unknown` });
}

/** The transport's rule, and a request Viva refused as sent (a 4xx) took no effect either. */
export function mayHaveTakenEffect(failure: CallFailure): boolean {
  return failure.kind !== 'rejected' && mayHaveArrived(failure);
}

export function bodyOf<S extends z.ZodType>(answer: CloudAnswer, schema: S): Result<z.infer<S>, CallFailure> {
  const parsed = parseAnswer(schema, answer.body);
  return parsed.ok ? parsed : err({ kind: 'malformed', detail: parsed.error });
}

function messageOf(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const { message, ErrorText } = body as { message?: unknown; ErrorText?: unknown };
  const text = typeof message === 'string' ? message : typeof ErrorText === 'string' ? ErrorText : '';
  return text ? `: ${text.slice(0, 200)}` : '';
}

export function basicAuthorizer(header: string): Authorizer {
  return { header: async () => ok(header), refused: () => false };
}
