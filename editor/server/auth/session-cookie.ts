// The session cookie: HTTP-only (page scripts cannot read it), SameSite=Strict (other sites'
// pages never send it), Secure when the server is reached over HTTPS.
import type { CookieOptions, Request, Response } from 'express';

export const SESSION_COOKIE = 'payscript_session';

function options(req: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' };
}

export function setSessionCookie(req: Request, res: Response, sessionId: string): void {
  res.cookie(SESSION_COOKIE, sessionId, options(req));
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, options(req));
}

/** The session id the browser sent; undefined when there is none or it is not valid percent-encoding. */
export function readSessionCookie(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return decoded(part.slice(eq + 1).trim());
  }
  return undefined;
}

function decoded(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    // Anyone can send any cookie: a broken one is no session (401), not a server error.
    return undefined;
  }
}
