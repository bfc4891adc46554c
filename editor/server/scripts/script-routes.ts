// The file tree, reading a script, saving and creating one, a script's expectation file (what its
// rehearsal must show), and the script API's declarations (the editor's IntelliSense source).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Router } from 'express';
import { LANGUAGES } from '../../../runtime/i18n/catalog.js';
import { packageRoot } from '../../../runtime/package-root.js';
import { parseExpectations } from '../../../runtime/rehearsal/expectations.js';
import { requirePermission } from '../auth/require-login.js';
import { HttpError } from '../http-error.js';
import type { ScriptFolders } from './script-folders.js';

export function scriptRoutes(folders: ScriptFolders): Router {
  const router = Router();
  const canEdit = requirePermission('scripts.edit');

  // The languages come along because the Run toolbar offers them to every role.
  router.get('/', requirePermission('scripts.run'), async (_req, res) => {
    res.json({ folders: await folders.tree(), languages: LANGUAGES });
  });

  router.get('/file', requirePermission('scripts.run'), async (req, res) => {
    res.json(await folders.read(req.query.path));
  });

  router.put('/file', canEdit, async (req, res) => {
    const script = await folders.write(req.body?.path, req.body?.content, 'save');
    res.json({ path: script.path });
  });

  router.post('/file', canEdit, async (req, res) => {
    const script = await folders.write(req.body?.path, req.body?.content ?? '', 'create');
    res.status(201).json({ path: script.path });
  });

  router.get('/expectations', requirePermission('scripts.rehearse'), async (req, res) => {
    res.json(await folders.readExpectations(req.query.path));
  });

  // Checked as `payscript test` checks it, so a file saved here never stops a rehearsal.
  router.put('/expectations', requirePermission('scripts.rehearse'), canEdit, async (req, res) => {
    const file = folders.expectationsOf(req.body?.path);
    const content: unknown = req.body?.content;
    if (typeof content !== 'string') throw new HttpError(400, 'content must be a string');
    const parsed = parseExpectations(content, file.path);
    if (!parsed.ok) throw new HttpError(422, parsed.message);
    res.json({ path: (await folders.writeExpectations(req.body?.path, content)).path });
  });

  router.get('/bindings.d.ts', requirePermission('scripts.run'), async (_req, res) => {
    res.type('text/plain').send(await readFile(join(packageRoot(), 'bindings', 'payscript.d.ts'), 'utf8'));
  });

  return router;
}
