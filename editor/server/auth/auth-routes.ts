// Log in, log out, and "who am I" (which also hands the page its CSRF token).
import { Router, type Request } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { requireCsrfToken } from './csrf.js';
import { currentSession, requireLogin } from './require-login.js';
import { permissionsOf } from './roles.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';
import type { Session, SessionStore } from './session-store.js';
import type { UserStore } from './user-store.js';

// Password guessing: failed logins are counted per name from one address and per address over
// all names; past either limit the address waits out the window (a successful login does not
// count). Ten tries per name keep a typing cashier out of trouble and an attacker at a crawl.
const WINDOW_MS = 15 * 60_000;
const FAILURES_PER_NAME = 10;
const FAILURES_PER_ADDRESS = 50;

function failedLoginLimit(limit: number, key: (req: Request) => string) {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit,
    skipSuccessfulRequests: true,
    keyGenerator: key,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => {
      res.status(429).json({ error: `too many failed logins; try again in ${WINDOW_MS / 60_000} minutes` });
    },
  });
}

const address = (req: Request) => ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? '');

export function authRoutes(users: UserStore, sessions: SessionStore): Router {
  const router = Router();
  // Per router, so each server (and each test server) counts its own.
  const perName = failedLoginLimit(FAILURES_PER_NAME, (req) => `${address(req)} ${String(req.body?.name ?? '').toLowerCase()}`);
  const perAddress = failedLoginLimit(FAILURES_PER_ADDRESS, address);

  // No CSRF token exists before login; a cross-site form cannot send this JSON body without a
  // CORS preflight (the server accepts only application/json), so login CSRF is not possible.
  router.post('/login', perAddress, perName, async (req, res) => {
    const { name, password } = req.body ?? {};
    const user = typeof name === 'string' && typeof password === 'string' ? await users.authenticate(name, password) : undefined;
    if (!user) {
      res.status(401).json({ error: 'wrong name or password' });
      return;
    }
    const session = sessions.create(user.name, user.role);
    setSessionCookie(req, res, session.id);
    res.json(describeSession(session));
  });

  router.get('/session', requireLogin(sessions), (_req, res) => {
    res.json(describeSession(currentSession(res)));
  });

  router.post('/logout', requireLogin(sessions), requireCsrfToken, (req, res) => {
    sessions.end(currentSession(res).id);
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  router.post('/session/password', requireLogin(sessions), requireCsrfToken, async (req, res) => {
    const { user } = currentSession(res);
    const { current, password } = req.body ?? {};
    if (typeof current !== 'string' || !(await users.authenticate(user, current))) {
      res.status(403).json({ error: 'the current password is wrong' });
      return;
    }
    await users.setPassword(user, password);
    res.status(204).end();
  });

  return router;
}

function describeSession({ user, role, csrfToken }: Pick<Session, 'user' | 'role' | 'csrfToken'>) {
  return { user, role, csrfToken, permissions: permissionsOf(role) };
}
