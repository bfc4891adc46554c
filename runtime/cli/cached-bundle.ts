// Runs a one-file CommonJS bundle of the command (dist/cli/run-<hash>.cjs) through V8's code
// cache: an ERP starts `payscript run` per payment, and parsing and compiling the command's
// JavaScript was a good part of what the main thread did before the script could start. The cache
// is kept in this user's private cache folder under the bundle's name, which carries a hash of its
// content (V8 checks a cache against its own version and flags, but the source only by its length).
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { privateCacheFile, readPrivateCache, writePrivateCache } from '../sandbox/private-cache.js';

const STALE_AFTER_MS = 7 * 24 * 3600 * 1000;

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
      if (cachedData && !script.cachedDataRejected) return;
      writePrivateCache(cacheFile, script.createCachedData());
      removeEarlierCaches(cacheFile, name);
    },
  };
}

/**
 * Each build names its bundle anew, so the caches of earlier builds are never read again; those
 * written over a week ago go (another installation still in use writes its own again, once a week).
 */
function removeEarlierCaches(cacheFile: string, name: string): void {
  const folder = path.dirname(cacheFile);
  const before = Date.now() - STALE_AFTER_MS;
  try {
    for (const file of readdirSync(folder)) {
      if (!file.startsWith(`${name}-`) || !file.endsWith('.cjs.bin') || file === path.basename(cacheFile)) continue;
      const stale = path.join(folder, file);
      if (statSync(stale).mtimeMs < before) rmSync(stale, { force: true });
    }
  } catch {
    // A cache folder that cannot be read or cleaned costs disk space, nothing else.
  }
}
