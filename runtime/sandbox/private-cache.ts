// Files that only save time, kept in a folder of the temp directory that only this user can
// write. What is read back runs (V8 code for the host, compiled scripts for the sandbox), and
// nothing checks it against tampering: a folder another local user could write is never read.
// A missing, unreadable or unwritable cache costs the next start its time and nothing else.
import { lstatSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The file `name` of the cache `kind` (e.g. `v8`, `compiled`) of this user. */
export function privateCacheFile(kind: string, name: string): string {
  const user = process.getuid?.() ?? 'user';
  return path.join(tmpdir(), `payscript-${kind}-cache-${user}`, name);
}

export function readPrivateCache(file: string): Buffer | undefined {
  try {
    return isPrivateFolder(path.dirname(file)) ? readFileSync(file) : undefined;
  } catch {
    return undefined; // first start on this machine, or the temp folder was cleaned
  }
}

/** Written whole, then renamed, so a concurrent starter never reads half a file; never into a folder others could have planted files in. */
export function writePrivateCache(file: string, data: string | Uint8Array): void {
  const partial = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    if (!isPrivateFolder(path.dirname(file))) return;
    writeFileSync(partial, data);
    renameSync(partial, file);
  } catch {
    // see the top of this file
  }
}

function isPrivateFolder(folder: string): boolean {
  const stats = lstatSync(folder);
  return stats.isDirectory() && (process.getuid === undefined || stats.uid === process.getuid()) && (stats.mode & 0o022) === 0;
}
