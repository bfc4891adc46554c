// Loads the TypeScript compiler (a 9 MB CommonJS bundle) through a V8 code cache kept on disk.
//
// Measured on the 2-core machine (fresh processes, medians): `require('typescript')` 220–380 ms;
// with the code cache 90–130 ms (read, compile from cache, run). Node 20 has no
// module.enableCompileCache. v8-compile-cache-lib (the hook ts-node uses) was tried: it rewrites
// its whole 2.3 MB blob on every start and cost ~100 ms more CPU than this module per load.
import { readFileSync, statSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import type * as TypeScript from 'typescript';
import { privateCacheFile, readPrivateCache, writePrivateCache } from './private-cache.js';

export function loadTypeScript(): typeof TypeScript {
  const file = createRequire(import.meta.url).resolve('typescript');
  const cacheFile = cachePath(file);
  const source = readFileSync(file, 'utf8');
  const cachedData = readPrivateCache(cacheFile);
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = { exports: {} as typeof TypeScript };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  if (cachedData === undefined || script.cachedDataRejected) writePrivateCache(cacheFile, script.createCachedData());
  return module.exports;
}

/** One file per compiler file and V8 build; V8 itself rejects data made with other flags. */
function cachePath(file: string): string {
  const { size, mtimeMs } = statSync(file);
  return privateCacheFile('v8', `typescript-${process.versions.v8}-${size}-${Math.floor(mtimeMs)}.bin`);
}
