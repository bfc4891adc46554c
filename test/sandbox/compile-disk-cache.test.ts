// The compile cache on disk, across real processes: a unit compiled once is read back by the next
// process instead of compiled again, only from a folder no other user can write, and a unit that
// does not compile leaves nothing behind.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../runtime/package-root.js';

const COMPILE = pathToFileURL(join(packageRoot(), 'dist', 'runtime', 'sandbox', 'compile.js')).href;

/** compileUnit in a fresh process whose temp folder is `temp`: its code, or the error's message. */
function compileInNewProcess(temp: string, file: string, source: string): string {
  const program = `const { compileUnit } = await import(${JSON.stringify(COMPILE)});
try { process.stdout.write((await compileUnit(${JSON.stringify(file)}, ${JSON.stringify(source)})).code); }
catch (error) { process.stdout.write('ERROR ' + error.message); }`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', program], {
    env: { ...process.env, TMPDIR: temp },
    encoding: 'utf8',
  });
}

describe('compile cache on disk', () => {
  const temp = mkdtempSync(join(tmpdir(), 'payscript-compile-cache-'));
  const uid = process.getuid?.() ?? 'user';
  const folder = join(temp, `payscript-compiled-cache-${uid}`);
  const file = '/scripts/pay.ts';
  const source = 'const amount: number = 42;\nconsole.log(amount);\n';

  it('is written by the first process and read back by the next instead of compiling again', () => {
    expect(compileInNewProcess(temp, file, source)).toContain('const amount = 42;');
    const [stored] = readdirSync(folder);
    const path = join(folder, stored!);
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), code: 'planted();' }));
    expect(compileInNewProcess(temp, file, source)).toBe('planted();');
  });

  it('is never read from a folder other users can write', () => {
    chmodSync(folder, 0o777);
    try {
      expect(compileInNewProcess(temp, file, source)).toContain('const amount = 42;');
    } finally {
      chmodSync(folder, 0o700);
    }
  });

  it('keeps nothing of a unit that does not compile', () => {
    const before = readdirSync(folder).length;
    expect(compileInNewProcess(temp, '/scripts/broken.ts', 'const = ;')).toMatch(/^ERROR \/scripts\/broken\.ts:1:7/);
    expect(readdirSync(folder)).toHaveLength(before);
  });
});
