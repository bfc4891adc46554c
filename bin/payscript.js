#!/usr/bin/env node
// Entry point of the `payscript` command; the code runs from the bundle in dist/cli/ (made by
// `npm install` through the prepare script, or `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';

const oneShotRun = process.argv[2] === 'run';

// A one-shot `payscript run` lives for one script: V8's optimizing tier for the QuickJS
// WebAssembly only compiles in the background there, and the process then waits for those jobs
// before it can exit (a no-op script took ~0.6 s to end, ~0.3 s without). The baseline tier is
// also the shallower one on the native stack. Set before any WebAssembly is compiled; `serve`
// keeps the optimizing tier for its long-lived workers.
if (oneShotRun) v8.setFlagsFromString('--liftoff-only');

const cli = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('payscript: not built yet; run `npm install` (or `npm run build`) first\n');
  process.exit(2);
}
let main;
let saveCodeCache = () => {};
if (oneShotRun) {
  // What an ERP starts per payment: the command as one file, compiled from V8's code cache.
  const { loadCachedBundle } = await import(new URL('../dist/cli/cached-bundle.js', import.meta.url).href);
  const bundle = loadCachedBundle(fileURLToPath(new URL('../dist/cli/', import.meta.url)), 'run');
  ({ main } = bundle.exports);
  saveCodeCache = bundle.saveCodeCache;
} else {
  ({ main } = await import(cli.href));
}
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`payscript: unexpected error: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
}
// A one-shot run has closed its host by now: the journal's records are committed, the session log
// and the worker are closed. Exiting here, once stdout and stderr have handed their last lines on
// (a pipe to the ERP is written asynchronously), spares the ERP Node's own tear-down.
if (oneShotRun) {
  saveCodeCache();
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((flushed) => stream.write('', flushed))));
  process.exit();
}
