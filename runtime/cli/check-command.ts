// payscript check <script…>: the editor's type errors, on the command line (and in CI).
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { TypeProblem } from '../../bindings/type-check.js';
import { parseCommandLine, UsageError } from './usage.js';

export async function checkCommand(argv: string[]): Promise<number> {
  const files = parseCommandLine('check', argv).positionals;
  if (files.length === 0) throw new UsageError('check takes one or more script files');
  const missing = files.find((file) => !existsSync(file));
  if (missing) throw new UsageError(`script not found: ${missing}`);
  // The compiler (9 MB) loads once the command line is known to be good.
  const { typeCheck } = await import('../../bindings/type-check.js');
  const problems = typeCheck(files.map((file) => resolve(file)));
  for (const problem of problems) process.stdout.write(`${describe(problem)}\n`);
  const scripts = `${files.length} script${files.length === 1 ? '' : 's'}`;
  if (problems.length === 0) {
    process.stdout.write(`${scripts} checked: no type errors\n`);
    return 0;
  }
  process.stdout.write(`${scripts} checked: ${problems.length} error${problems.length === 1 ? '' : 's'}\n`);
  return 1;
}

/** `file:line:col: error TS2322: message`, the file as the user named it (relative to here). */
function describe(problem: TypeProblem): string {
  const text = `error TS${problem.code}: ${problem.message}`;
  if (!problem.file) return text;
  const fromHere = relative(process.cwd(), problem.file);
  const file = fromHere.startsWith('..') ? problem.file : fromHere;
  return `${file}:${problem.line}:${problem.column}: ${text}`;
}
