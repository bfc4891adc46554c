// Admin: the list of users, adding one, resetting a password, the PCs a user may run as,
// removing one.
import { Router } from 'express';
import type { SessionStore } from './session-store.js';
import type { UserStore } from './user-store.js';

export function userRoutes(users: UserStore, sessions: SessionStore): Router {
  const router = Router();

  router.get('/', (_req, res) => {
    res.json({ users: users.list() });
  });

  router.post('/', async (req, res) => {
    const { name, role, password } = req.body ?? {};
    res.status(201).json(await users.create(name, role, password));
  });

  router.put('/:name/password', async (req, res) => {
    await users.setPassword(req.params.name, req.body?.password);
    sessions.endAllOf(req.params.name);
    res.status(204).end();
  });

  router.put('/:name/pcs', (req, res) => {
    res.json(users.setPcs(req.params.name, req.body?.pcs));
  });

  router.delete('/:name', (req, res) => {
    users.remove(req.params.name);
    sessions.endAllOf(req.params.name);
    res.status(204).end();
  });

  return router;
}
