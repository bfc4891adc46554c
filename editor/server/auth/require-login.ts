// Gatekeepers of the API: a session or 401, a permission or 403.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { can, type Permission } from './roles.js';
import { readSessionCookie } from './session-cookie.js';
import type { Session, SessionStore } from './session-store.js';

/** Puts the request's session on res.locals, or answers 401. */
export function requireLogin(sessions: SessionStore): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const session = sessions.touch(readSessionCookie(req));
    if (!session) {
      res.status(401).json({ error: 'not logged in' });
      return;
    }
    res.locals.session = session;
    next();
  };
}

export function currentSession(res: Response): Session {
  const session = res.locals.session as Session | undefined;
  if (!session) throw new Error('currentSession used on a route without requireLogin');
  return session;
}

export function requirePermission(permission: Permission): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    const { role } = currentSession(res);
    if (!can(role, permission)) {
      res.status(403).json({ error: `the ${role} role may not do this (needs "${permission}")` });
      return;
    }
    next();
  };
}
