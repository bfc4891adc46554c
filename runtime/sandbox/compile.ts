// One source file (TypeScript or JavaScript) → CommonJS JavaScript plus its source map, by esbuild.
// Type checking is not done here: the editor and `payscript check` do it with the TypeScript
// compiler; a run only needs the types stripped, which esbuild does in about a millisecond.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import type * as Esbuild from 'esbuild';
import { privateCacheFile, readPrivateCache, writePrivateCache } from './private-cache.js';

export interface CompiledUnit {
  /** JavaScript in CommonJS form; `require` calls name the unit's dependencies. */
  code: string;
  /** Source map (v3 JSON) from `code` back to the source text. */
  map: string;
  /** Specifiers of the `require(...)` calls in `code`: the unit's runtime dependencies. */
  requires: string[];
}

/** A syntax error, located in the source file (1-based line and column). */
export class CompileError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'CompileError';
  }
}

// Loaded on the first compile (or by warmUpCompiler): a one-shot run of a script compiled before
// reads it from the disk cache and never starts esbuild's service process.
let esbuildModule: Promise<typeof Esbuild> | undefined;
function esbuild(): Promise<typeof Esbuild> {
  esbuildModule ??= import('esbuild');
  return esbuildModule;
}

/** Loads esbuild and starts its service, so that the first script pays one compile and no start-up. */
export async function warmUpCompiler(): Promise<void> {
  await (await esbuild()).transform('const warm: number = 1;', TRANSFORM_OPTIONS);
}

// ES2022 is what QuickJS runs natively (class fields, private members, optional chaining), so no
// helpers stand between a script's lines and their stack frames; newer syntax is lowered.
// Every unit is strict, as TypeScript's CommonJS output always was. `import()` becomes a
// `require` the guest's loader serves. Characters stay UTF-8 so columns match the source.
const TRANSFORM_OPTIONS = {
  format: 'cjs',
  target: 'es2022',
  sourcemap: 'external',
  sourcesContent: false,
  banner: '"use strict";',
  charset: 'utf8',
  legalComments: 'none',
  supported: { 'dynamic-import': false },
  tsconfigRaw: {},
  logLevel: 'silent',
} satisfies Esbuild.TransformOptions;

// The same script run again (the common case at a cash desk) skips the compile and the dependency
// scan. In memory for this process, by file with its text compared (cheaper than hashing it, which a
// warm run would pay before every start), bounded so a long-lived server editing scripts cannot
// grow it forever; on disk for the next process, keyed by a hash of path and text: a cash desk
// that starts `payscript run` per document then loads no compiler at all for a script it has run
// before. The disk key also names the compiler's version and this file's options.
const CACHE_LIMIT = 500;
const cache = new Map<string, { source: string; unit: Promise<CompiledUnit> }>();
const OUTPUT_FORMAT = `esbuild-${JSON.stringify(TRANSFORM_OPTIONS)}-1`;

export function compileUnit(file: string, source: string): Promise<CompiledUnit> {
  const hit = cache.get(file);
  cache.delete(file); // (re-)inserted below: Map order is the LRU order
  if (hit?.source === source) {
    cache.set(file, hit);
    return hit.unit;
  }
  const key = createHash('sha256').update(`${compilerVersion()}\0${OUTPUT_FORMAT}\0${file}\0`).update(source).digest('hex');
  // The promise is cached, so concurrent runs of one new script compile it once.
  const entry = { source, unit: compileOrRead(key, file, source) };
  cache.set(file, entry);
  // A unit that does not compile is compiled (and reported) again.
  entry.unit.catch(() => cache.get(file) === entry && cache.delete(file));
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return entry.unit;
}

async function compileOrRead(key: string, file: string, source: string): Promise<CompiledUnit> {
  const diskFile = privateCacheFile('compiled', `${key}.json`);
  const stored = fromDisk(diskFile);
  if (stored) return stored;
  const unit = await transpile(file, source);
  writePrivateCache(diskFile, JSON.stringify(unit));
  return unit;
}

let version: string | undefined;
/** From the package's manifest: asking esbuild itself would load it. */
function compilerVersion(): string {
  version ??= (
    JSON.parse(readFileSync(createRequire(import.meta.url).resolve('esbuild/package.json'), 'utf8')) as { version: string }
  ).version;
  return version;
}

/** A unit compiled by an earlier process; anything unreadable is compiled again. */
function fromDisk(file: string): CompiledUnit | undefined {
  const text = readPrivateCache(file);
  if (!text) return undefined;
  try {
    const unit = JSON.parse(text.toString('utf8')) as Partial<CompiledUnit>;
    const valid =
      typeof unit.code === 'string' &&
      typeof unit.map === 'string' &&
      Array.isArray(unit.requires) &&
      unit.requires.every((r) => typeof r === 'string');
    return valid ? (unit as CompiledUnit) : undefined;
  } catch {
    return undefined;
  }
}

async function transpile(file: string, source: string): Promise<CompiledUnit> {
  const compiler = await esbuild();
  const loader = file.endsWith('.js') ? 'js' : 'ts';
  try {
    const { code, map } = await compiler.transform(source, { ...TRANSFORM_OPTIONS, loader, sourcefile: file });
    // Output without any `require(` has no dependencies; otherwise esbuild's own import records
    // name them exactly (a lexer of our own would be fooled by strings and regular expressions).
    const requires = code.includes('require(') ? await importsOf(compiler, file, source, loader) : [];
    return { code, map, requires };
  } catch (error) {
    throw compileError(file, error);
  }
}

const DEPENDENCY_KINDS = new Set<Esbuild.ImportKind>(['import-statement', 'require-call', 'dynamic-import']);

/**
 * The import records of a bundle that keeps every import external: matched before resolution, so
 * nothing is looked up on disk. The same parse as the transform's, so the same imports survive
 * (type-only and unused TypeScript imports are dropped by both).
 */
async function importsOf(compiler: typeof Esbuild, file: string, source: string, loader: Esbuild.Loader): Promise<string[]> {
  const { metafile } = await compiler.build({
    stdin: { contents: source, loader, sourcefile: file, resolveDir: path.dirname(file) },
    bundle: true,
    external: ['*'],
    treeShaking: false,
    write: false,
    metafile: true,
    format: 'cjs',
    platform: 'neutral',
    tsconfigRaw: {},
    logLevel: 'silent',
  });
  const records = Object.values(metafile.inputs).flatMap((input) => input.imports);
  // '<runtime>' is esbuild's own helper module, not an import of the script.
  const specifiers = records.filter((r) => DEPENDENCY_KINDS.has(r.kind) && r.path !== '<runtime>').map((r) => r.path);
  return [...new Set(specifiers)];
}

function compileError(file: string, error: unknown): Error {
  const first = (error as Partial<Esbuild.BuildFailure>).errors?.[0];
  if (!first) return error instanceof Error ? error : new Error(String(error));
  if (!first.location) return new CompileError(`${file}: ${first.text}`, file);
  const { line, column, lineText } = first.location;
  // esbuild counts columns in UTF-8 bytes; editors (and the source map) count characters.
  const characters = Buffer.from(lineText, 'utf8').subarray(0, column).toString('utf8').length + 1;
  return new CompileError(`${file}:${line}:${characters}: ${first.text}`, file, line, characters);
}

/** 1-based line and column of a character offset in `text`. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Where `specifier` is imported in the unit's source, for error messages: its `require` mapped back. */
export function importPosition(unit: CompiledUnit, specifier: string): { line: number; column: number } | undefined {
  const call = 'require(';
  const offset = unit.code.indexOf(`${call}${JSON.stringify(specifier)})`);
  if (offset < 0) return undefined;
  const at = positionOf(unit.code, offset + call.length);
  const original = originalPositionFor(new TraceMap(unit.map), { line: at.line, column: at.column - 1 });
  return original.line === null ? undefined : { line: original.line, column: original.column + 1 };
}
