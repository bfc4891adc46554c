// Loads the TypeScript compiler (a 9 MB CommonJS bundle) through a V8 code cache kept on disk.
//
// Measured on the 2-core machine (fresh processes, medians): `require('typescript')` 220–380 ms;
// with the code cache 90–130 ms (read, compile from cache, run). Node 20 has no
// module.enableCompileCache. v8-compile-cache-lib (the hook ts-node uses) was tried: it rewrites
// its whole 2.3 MB blob on every start and cost ~100 ms more CPU than this module per load.
import { lstatSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import type * as TypeScript from 'typescript';

export function loadTypeScript(): typeof TypeScript {
  const file = createRequire(import.meta.url).resolve('typescript');
  const cacheFile = cachePath(file);
  const source = readFileSync(file, 'utf8');
  const cachedData = readCache(cacheFile);
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = { exports: {} as typeof TypeScript };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  if (cachedData === undefined || script.cachedDataRejected) writeCache(cacheFile, script.createCachedData());
  return module.exports;
}

/** One file per compiler file and V8 build; V8 itself rejects data made with other flags. */
function cachePath(file: string): string {
  const { size, mtimeMs } = statSync(file);
  const user = process.getuid?.() ?? 'user';
  return path.join(tmpdir(), `payscript-v8-cache-${user}`, `typescript-${process.versions.v8}-${size}-${Math.floor(mtimeMs)}.bin`);
}

// V8 does not check cached code against tampering: the folder must be one only this user can write,
// or another local user could plant code that runs in the host.
function readCache(cacheFile: string): Buffer | undefined {
  try {
    const folder = lstatSync(path.dirname(cacheFile));
    const ours = folder.isDirectory() && (process.getuid === undefined || folder.uid === process.getuid()) && (folder.mode & 0o022) === 0;
    return ours ? readFileSync(cacheFile) : undefined;
  } catch {
    return undefined; // first start on this machine, or the temp folder was cleaned
  }
}

// The cache only saves time: a read-only or full temp folder costs the next start ~150 ms and
// nothing else, so a failed write is not an error of the host. Written whole, then renamed, so a
// concurrent starter never reads half a file.
function writeCache(cacheFile: string, data: Buffer): void {
  const partial = `${cacheFile}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(cacheFile), { recursive: true, mode: 0o700 });
    writeFileSync(partial, data);
    renameSync(partial, cacheFile);
  } catch {
    // see above
  }
}
