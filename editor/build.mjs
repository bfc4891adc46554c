// Bundles the browser application with esbuild into editor/dist-web/ (run by `npm run build`,
// so `npm install` leaves a working editor): the page scripts with Monaco's ESM build and its
// two workers. Nothing is fetched from a CDN at run time, so the editor works offline.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, 'dist-web');
rmSync(outdir, { recursive: true, force: true });

const common = { bundle: true, minify: true, outdir, logLevel: 'warning', legalComments: 'linked', target: 'chrome110' };

await Promise.all([
  // The page: an ES module; Monaco's CSS imports become app.css, its icon font a file beside it.
  build({
    ...common,
    entryPoints: { app: join(here, 'web', 'app.mts') },
    format: 'esm',
    loader: { '.ttf': 'file' },
    assetNames: '[name]',
  }),
  // Workers as classic scripts: MonacoEnvironment.getWorker starts them by URL (worker-src 'self').
  build({
    ...common,
    entryPoints: {
      'editor.worker': 'monaco-editor/editor/editor.worker.js',
      'ts.worker': 'monaco-editor/languages/features/typescript/ts.worker.js',
    },
    format: 'iife',
  }),
]);
