// CSRF protection for every state change: the page gets its session's token from GET /api/session
// and sends it back in a header. Another site can make the browser send the (SameSite) cookie in
// some cases, but it can neither read the token nor set a custom header without CORS, which this
// server never grants.
import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { currentSession } from './require-login.js';

export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function requireCsrfToken(req: Request, res: Response, next: NextFunction): void {
  if (SAFE_METHODS.has(req.method)) return next();
  const sent = req.get(CSRF_HEADER) ?? '';
  const expected = currentSession(res).csrfToken;
  const ok = sent.length === expected.length && timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
  if (!ok) {
    res.status(403).json({ error: `missing or wrong ${CSRF_HEADER} header` });
    return;
  }
  next();
}
