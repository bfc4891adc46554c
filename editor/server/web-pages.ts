// The browser application: one HTML page and the esbuild bundle (Monaco, its workers, the page
// scripts) from editor/dist-web, all from this server so it works offline.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';
import { packageRoot } from '../../runtime/package-root.js';

export function webPages(): Router {
  const root = join(packageRoot(), 'editor');
  const assets = join(root, 'dist-web');
  const router = Router();
  router.use('/assets', express.static(assets, { index: false, fallthrough: false, maxAge: '1h' }));
  router.get('/', (_req, res) => {
    if (!existsSync(join(assets, 'app.js'))) {
      res.status(503).type('text/plain').send('The editor is not built yet: run `npm run build`.');
      return;
    }
    res.set('Cache-Control', 'no-store').sendFile(join(root, 'web', 'index.html'));
  });
  return router;
}
