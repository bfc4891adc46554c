// Password guessing: wrong passwords are counted per account name, whichever address they come
// from (behind `payscript serve` on loopback every desk shares one address, so counting by address
// would let one person lock everyone out). Ten in the window keep a typing cashier out of trouble
// and a guesser at a crawl; only that account waits, never another one.
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { UserStore } from './user-store.js';

const WINDOW_MS = 15 * 60_000;
const FAILURES_PER_ACCOUNT = 10;
/**
 * Names that are no account cannot be bounded per name (there are endless ones), yet each costs a
 * password hash: per address they have this much higher ceiling. Accounts never count here.
 */
const UNKNOWN_NAME_FAILURES_PER_ADDRESS = 200;

export interface PasswordGuessLimits {
  /** For `POST /api/login`, after the cross-site check. */
  login: RequestHandler[];
  /** For changing one's own password: the same count as the account's logins. */
  passwordChange: RequestHandler;
}

/** One set per server, so each server (and each test server) counts its own. */
export function passwordGuessLimits(users: UserStore): PasswordGuessLimits {
  const perAccount = failedPasswordLimit(FAILURES_PER_ACCOUNT, (req, res) => `account ${accountName(req, res).toLowerCase()}`);
  const unknownNames = failedPasswordLimit(
    UNKNOWN_NAME_FAILURES_PER_ADDRESS,
    (req) => `address ${ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? '')}`,
    (req, res) => users.exists(accountName(req, res)),
  );
  return { login: [unknownNames, perAccount], passwordChange: perAccount };
}

/** The logged-in account when changing a password, the name typed when logging in. */
function accountName(req: Request, res: Response): string {
  const session = res.locals.session as { user: string } | undefined;
  return session?.user ?? String(req.body?.name ?? '');
}

/** With `skip` (the ceiling for unknown names) no headers: their policy would tell names apart. */
function failedPasswordLimit(
  limit: number,
  key: (req: Request, res: Response) => string,
  skip?: (req: Request, res: Response) => boolean,
) {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit,
    keyGenerator: key,
    ...(skip && { skip }),
    // Only a wrong password counts: 401 at login, 403 when the current password is wrong.
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401 && res.statusCode !== 403,
    standardHeaders: skip ? false : 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => {
      res.status(429).json({ error: `too many wrong passwords; try again in ${WINDOW_MS / 60_000} minutes` });
    },
  });
}
