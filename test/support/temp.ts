import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A fresh temporary folder for one test file. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `payscript-${prefix}-`));
}

/** Writes `files` (relative path → text) under `dir` and returns the path of the first. */
export function writeFiles(dir: string, files: Record<string, string>): string {
  let first = '';
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    first ||= path;
  }
  return first;
}
