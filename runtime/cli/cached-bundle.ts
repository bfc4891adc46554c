// Runs a one-file CommonJS bundle of the command (dist/cli/run-<hash>.cjs) through V8's code
// cache: an ERP starts `payscript run` per payment, and parsing and compiling the command's
// JavaScript was a good part of what the main thread did before the script could start. The cache
// is kept in this user's private cache folder under the bundle's name, which carries a hash of its
// content (V8 checks a cache against its own version and flags, but the source only by its length).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { privateCacheFile, readPrivateCache, writePrivateCache } from '../sandbox/private-cache.js';

export interface CachedBundle {
  exports: Record<string, unknown>;
  /**
   * Writes the code cache if this start found none (or V8 refused it). Called once the command
   * ran: the cache then holds every function the run compiled, not only the bundle's top level.
   */
  saveCodeCache(): void;
}

/** Loads the bundle `<name>-<hash>.cjs` of the folder `dir` and runs its top level. */
export function loadCachedBundle(dir: string, name: string): CachedBundle {
  const bundle = readdirSync(dir).find((file) => file.startsWith(`${name}-`) && file.endsWith('.cjs'));
  if (!bundle) throw new Error(`${name}-<hash>.cjs not found in ${dir}; run \`npm run build\``);
  const file = path.join(dir, bundle);
  const source = readFileSync(file, 'utf8');
  const cacheFile = privateCacheFile('v8', `${bundle}.bin`);
  const cachedData = readPrivateCache(cacheFile);
  // The wrapper Node gives a CommonJS module; the bundle asks for nothing else.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const module = { exports: {} as Record<string, unknown> };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  return {
    exports: module.exports,
    saveCodeCache: () => {
      if (!cachedData || script.cachedDataRejected) writePrivateCache(cacheFile, script.createCachedData());
    },
  };
}
