// Rehearsing a saved script from the editor, as `payscript test` does: every chosen protocol ×
// outcome on fresh embedded simulators with throwaway journals (never the host's own terminals or
// journal), its cells streamed as they finish, each cell's output and session log on request.
import { existsSync } from 'node:fs';
import { Router, type Response } from 'express';
import { type Expectations, parseExpectations } from '../../../runtime/rehearsal/expectations.js';
import { REHEARSAL_PROTOCOLS, REHEARSAL_TIMEOUT_SECONDS } from '../../../runtime/rehearsal/rehearse-cell.js';
import { SCENARIOS } from '../../../runtime/rehearsal/scenarios.js';
import { rehearse } from '../../../runtime/rehearsal/rehearsal.js';
import { currentSession, requirePermission } from '../auth/require-login.js';
import { seesWorkOf } from '../auth/roles.js';
import { HttpError } from '../http-error.js';
import { streamEvents } from '../runs/event-stream.js';
import type { ScriptFolders } from '../scripts/script-folders.js';
import type { RehearsalRegistry } from './rehearsal-registry.js';
import { parseRehearsalRequest } from './rehearsal-request.js';
import type { Rehearsal } from './rehearsal.js';

export function rehearsalRoutes(folders: ScriptFolders, rehearsals: RehearsalRegistry): Router {
  const router = Router();
  router.use(requirePermission('scripts.rehearse'));

  // What the editor offers to choose from, named as `payscript test` names them.
  router.get('/choices', (_req, res) => {
    res.json({ protocols: REHEARSAL_PROTOCOLS, outcomes: SCENARIOS.map(({ name, title }) => ({ name, title })) });
  });

  // The page's matrix outlives the page: opened again, it shows (and follows) the last rehearsal.
  router.get('/latest', (_req, res) => {
    const latest = rehearsals.latestOf(currentSession(res).user);
    if (latest) res.json(latest.summary());
    else res.status(204).end();
  });

  router.post('/', async (req, res) => {
    const request = parseRehearsalRequest(req.body);
    const script = folders.resolve(request.script);
    if (!existsSync(script.absolute)) throw new HttpError(404, `no script "${script.path}"`);
    const expectations = await expectationsOf(folders, script.path);
    const rehearsal = rehearsals.start(
      {
        owner: currentSession(res).user,
        script: script.path,
        protocols: request.protocols,
        outcomes: request.choices.map((choice) => choice.label),
      },
      async (r) => {
        await rehearse({
          script: script.absolute,
          // Imports stay inside the script folders the editor shows, as for a run.
          roots: folders.folders.map((folder) => folder.dir),
          language: request.language,
          timeoutSeconds: REHEARSAL_TIMEOUT_SECONDS,
          stop: r.stopSignal,
          protocols: request.protocols,
          choices: request.choices,
          expectations,
          // Server directories never reach the browser: the editor shows virtual paths.
          onCell: (cell) =>
            r.addCell({
              ...cell,
              failures: cell.failures.map((line) => folders.withVirtualPaths(line)),
              sessionLog: cell.sessionLog.map((line) => folders.withVirtualPaths(line)),
              ...(cell.error !== undefined ? { error: folders.withVirtualPaths(cell.error) } : {}),
            }),
        });
      },
    );
    res.status(202).json({ id: rehearsal.id });
  });

  router.get('/:id', (req, res) => {
    res.json(visibleRehearsal(rehearsals, req.params.id, res).summary());
  });

  router.get('/:id/events', (req, res) => {
    const rehearsal = visibleRehearsal(rehearsals, req.params.id, res);
    streamEvents(req, res, (listener) => rehearsal.subscribe(listener));
  });

  router.get('/:id/cells/:outcome/:protocol', (req, res) => {
    const { outcome, protocol } = req.params;
    const cell = visibleRehearsal(rehearsals, req.params.id, res).cell(outcome, protocol);
    if (!cell) throw new HttpError(404, `no finished cell ${outcome} on ${protocol}`);
    const { figures: _figures, ...shown } = cell;
    res.json(shown);
  });

  router.post('/:id/abort', (req, res) => {
    const rehearsal = visibleRehearsal(rehearsals, req.params.id, res);
    rehearsal.stop('stopped from the editor');
    res.status(202).json({ id: rehearsal.id, state: rehearsal.state });
  });

  return router;
}

/** The script's own expectation file if it has one (built-in rules otherwise); a broken one is 422. */
async function expectationsOf(folders: ScriptFolders, script: string): Promise<Expectations> {
  const file = await folders.readExpectations(script);
  if (file.content === undefined) return {};
  const parsed = parseExpectations(file.content, file.path);
  if (!parsed.ok) throw new HttpError(422, parsed.message);
  return parsed.expectations;
}

/** Others' rehearsals answer 404, as unknown ones do; admins see every one. */
function visibleRehearsal(rehearsals: RehearsalRegistry, id: string, res: Response): Rehearsal {
  const rehearsal = rehearsals.get(id);
  if (!rehearsal || !seesWorkOf(currentSession(res), rehearsal.owner)) throw new HttpError(404, `no rehearsal "${id}"`);
  return rehearsal;
}
