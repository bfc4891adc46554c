// Log in, log out, and "who am I" (which also hands the page its CSRF token).
import { Router } from 'express';
import { refuseCrossSite } from './cross-site.js';
import { requireCsrfToken } from './csrf.js';
import { passwordGuessLimits } from './password-guess-limits.js';
import { currentSession, requireLogin } from './require-login.js';
import { permissionsOf } from './roles.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';
import type { Session, SessionStore } from './session-store.js';
import type { UserStore } from './user-store.js';

export function authRoutes(users: UserStore, sessions: SessionStore): Router {
  const router = Router();
  const limits = passwordGuessLimits(users);

  router.post('/login', refuseCrossSite, ...limits.login, async (req, res) => {
    const { name, password } = req.body ?? {};
    const user = typeof name === 'string' && typeof password === 'string' ? await users.authenticate(name, password) : undefined;
    if (!user) {
      res.status(401).json({ error: 'wrong name or password' });
      return;
    }
    const session = sessions.create(user.name, user.role);
    setSessionCookie(req, res, session.id);
    res.json(describeSession(session, users));
  });

  router.get('/session', requireLogin(sessions), (_req, res) => {
    res.json(describeSession(currentSession(res), users));
  });

  router.post('/logout', requireLogin(sessions), requireCsrfToken, (req, res) => {
    sessions.end(currentSession(res).id);
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  router.post('/session/password', requireLogin(sessions), requireCsrfToken, limits.passwordChange, async (req, res) => {
    const { user, id } = currentSession(res);
    const { current, password } = req.body ?? {};
    if (typeof current !== 'string' || !(await users.authenticate(user, current))) {
      res.status(403).json({ error: 'the current password is wrong' });
      return;
    }
    await users.setPassword(user, password);
    // Whoever knew the old password (or holds a session opened with it) is out.
    sessions.endAllOf(user, id);
    res.status(204).end();
  });

  return router;
}

/** With the PCs the account may run as, which the editor offers a cashier to choose from. */
function describeSession({ user, role, csrfToken }: Pick<Session, 'user' | 'role' | 'csrfToken'>, users: UserStore) {
  return { user, role, csrfToken, permissions: permissionsOf(role), pcs: users.pcsOf(user) };
}
