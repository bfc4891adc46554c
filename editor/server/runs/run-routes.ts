// Running scripts: synchronously (POST /run answers with the report, as `payscript run --json`
// prints it) or as a run to follow (status, Server-Sent Events) and abort.
import { Router, type Response } from 'express';
import { currentSession, requirePermission } from '../auth/require-login.js';
import { seesWorkOf } from '../auth/roles.js';
import type { UserStore } from '../auth/user-store.js';
import { HttpError } from '../http-error.js';
import { streamEvents } from './event-stream.js';
import type { RunRegistry } from './run-registry.js';
import { parseRunRequest, type RunAccount } from './run-request.js';
import type { Run } from './run.js';
import type { ScriptRunner } from './script-runner.js';

export function runRoutes(runner: ScriptRunner, runs: RunRegistry, users: UserStore): Router {
  const router = Router();
  router.use(requirePermission('scripts.run'));
  const accountOf = (res: Response): RunAccount => {
    const { role, user } = currentSession(res);
    return { name: user, role, pcs: users.pcsOf(user) };
  };

  router.post('/run', async (req, res) => {
    const { user } = currentSession(res);
    res.json(await runner.run(parseRunRequest(req.body, accountOf(res)), user));
  });

  router.post('/runs', (req, res) => {
    const { user } = currentSession(res);
    const request = parseRunRequest(req.body, accountOf(res));
    const run = runs.start(user, runner.scriptOf(request), (r) => runner.run(request, user, r));
    res.status(202).json({ id: run.id });
  });

  router.get('/runs/:id', (req, res) => {
    res.json(visibleRun(runs, req.params.id, res).summary());
  });

  router.get('/runs/:id/events', (req, res) => {
    const run = visibleRun(runs, req.params.id, res);
    streamEvents(req, res, (listener) => run.subscribe(listener));
  });

  router.post('/runs/:id/abort', (req, res) => {
    const run = visibleRun(runs, req.params.id, res);
    run.abort();
    res.status(202).json({ id: run.id, state: run.state });
  });

  return router;
}

/** A user sees their own runs; admins see every run. Others' ids answer 404, as unknown ones do. */
function visibleRun(runs: RunRegistry, id: string, res: Response): Run {
  const run = runs.get(id);
  if (!run || !seesWorkOf(currentSession(res), run.owner)) throw new HttpError(404, `no run "${id}"`);
  return run;
}
