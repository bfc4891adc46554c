// Starts one of payscript's worker threads (the sandbox's, the journal's writer) from the module
// that owns it. Built into dist/ (by tsc, or as an entry of the CLI's esbuild bundle beside its
// chunks) the worker is `<name>.js` beside the caller and runs as is. Under vitest/tsx the caller
// is TypeScript source: Node 20 ignores `--import tsx` in a worker's execArgv, so the worker is a
// two-line eval script that registers tsx's ESM hooks in the worker and then imports `<name>.ts`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `callerUrl` is the caller's `import.meta.url`; `name` the worker's file name without extension. */
export function startWorker(callerUrl: string, name: string, options: WorkerOptions): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), options);
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  const code = `import(${JSON.stringify(tsxEsmApi())}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { ...options, eval: true });
}

/** file: URL of tsx's ESM API (its CommonJS twin cannot be loaded from an eval worker). */
function tsxEsmApi(): string {
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  const exports = JSON.parse(readFileSync(packageJson, 'utf8')).exports['./esm/api'].import.default as string;
  return pathToFileURL(path.join(path.dirname(packageJson), exports)).href;
}
