// Bundles the payscript command with esbuild into dist/cli/ (run by `npm run build`): an ERP that
// starts `payscript run` per payment waits for Node to load its modules, and a few dozen files
// load in less than half the time of the ~500 the command and its packages are made of (zod alone
// is 230). Each command stays its own chunk, loaded only when it runs; `run` also comes as one
// file for V8's code cache. The sandbox's worker and the journal's writer thread are single files
// beside the chunks, where start-worker.ts looks.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = join(root, 'dist', 'cli');
rmSync(outdir, { recursive: true, force: true });

const common = {
  outdir,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Left to Node: a native addon, packages that start their own binaries or find files beside
  // themselves, the type checker only `check` loads, and the HTTP stack only `serve` loads.
  external: ['better-sqlite3', 'esbuild', 'typescript', 'pg', 'express', 'express-rate-limit'],
  // CommonJS packages inside an ES module bundle still `require` Node's built-ins.
  banner: {
    js: "import { createRequire as __payscriptCreateRequire } from 'node:module'; const require = __payscriptCreateRequire(import.meta.url);",
  },
};
await Promise.all([
  build({
    ...common,
    entryPoints: {
      main: join(root, 'runtime', 'cli', 'main.ts'),
      'cached-bundle': join(root, 'runtime', 'cli', 'cached-bundle.ts'),
    },
    splitting: true,
  }),
  // `payscript run`, what an ERP starts per payment: the same command as one CommonJS file, which
  // bin/payscript.js runs through V8's code cache (cached-bundle.ts). A file Node does not load as
  // a module itself: `import.meta.url` is the file's own URL, and an import() of a package left to
  // Node becomes a require (CommonJS packages all).
  build({
    ...common,
    entryPoints: { run: join(root, 'runtime', 'cli', 'main.ts') },
    // The content hash in the name keys its code cache.
    entryNames: '[name]-[hash]',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    splitting: false,
    supported: { 'dynamic-import': false },
    define: { 'import.meta.url': '__payscriptBundleUrl' },
    banner: { js: "const __payscriptBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
  // One file per thread, sharing no chunk with the command: a worker boots while the command loads
  // the host, and each file it resolves and reads on its own thread is time before its first run.
  build({
    ...common,
    entryPoints: {
      worker: join(root, 'runtime', 'sandbox', 'worker.ts'),
      'journal-writer-thread': join(root, 'runtime', 'journal', 'journal-writer-thread.ts'),
    },
    splitting: false,
  }),
]);
