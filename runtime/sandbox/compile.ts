// One source file (TypeScript or JavaScript) → CommonJS JavaScript plus its source map.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as TypeScript from 'typescript';
import { privateCacheFile, readPrivateCache, writePrivateCache } from './private-cache.js';
import { loadTypeScript } from './typescript-loader.js';

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

// Loading the compiler costs ~200 ms and its first transpile ~100 ms,
// so it is loaded on first use or by warmUpCompiler, not at import. typescript@6 is the last line
// with `transpileModule`.
let compiler: typeof TypeScript | undefined;
function typescript(): typeof TypeScript {
  compiler ??= loadTypeScript();
  return compiler;
}

/**
 * Loads the compiler and transpiles a few lines that use what scripts use (types, classes, arrows,
 * templates, loops, imports), so that the first script pays neither the load nor most of the
 * compiler's first-call warm-up (V8 compiling TypeScript's own functions).
 */
export function warmUpCompiler(): void {
  transpile('payscript:warm-up.ts', WARM_UP_SOURCE);
}

const WARM_UP_SOURCE = `import { rate } from './rates';
interface Line { sku: string; quantity: number; price?: number }
type Total = { net: number; vat: number };
export class Basket {
  private readonly lines: Line[] = [];
  add(line: Line): this { this.lines.push({ ...line }); return this; }
  total(): Total {
    let net = 0;
    for (const { quantity, price = 0 } of this.lines) net += Math.round(quantity * price * 100) / 100;
    return { net, vat: net * rate };
  }
}
const basket = new Basket().add({ sku: 'A', quantity: 2, price: 10.5 });
const label = \`total \${basket.total().net.toFixed(2)}\`;
if (label.length > 0 && basket?.total().vat !== undefined) console.log(label, [1, 2].map((n) => n * 2));
`;

// Keyed by a hash of path and text: the same script run again (the common case at a cash desk)
// skips the transpile and the dependency scan. In memory for this process (bounded, so a
// long-lived server editing scripts cannot grow it forever), and on disk for the next one: a
// cash desk that starts `payscript run` per document then loads no compiler at all for a script
// it has run before. The key also names the compiler's version and this file's options.
const CACHE_LIMIT = 500;
const cache = new Map<string, CompiledUnit>();
const OUTPUT_FORMAT = 'es2020-commonjs-sourcemap-1';

export function compileUnit(file: string, source: string): CompiledUnit {
  const key = createHash('sha256').update(`${compilerVersion()}\0${OUTPUT_FORMAT}\0${file}\0`).update(source).digest('hex');
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key); // re-insert: Map order is the LRU order
    cache.set(key, hit);
    return hit;
  }
  const diskFile = privateCacheFile('compiled', `${key}.json`);
  const stored = fromDisk(diskFile);
  const unit = stored ?? transpile(file, source);
  if (!stored) writePrivateCache(diskFile, JSON.stringify(unit));
  cache.set(key, unit);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return unit;
}

let version: string | undefined;
/** From the package's manifest: asking the compiler itself would load it. */
function compilerVersion(): string {
  version ??= (
    JSON.parse(readFileSync(createRequire(import.meta.url).resolve('typescript/package.json'), 'utf8')) as { version: string }
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

function transpile(file: string, source: string): CompiledUnit {
  const ts = typescript();
  const output = ts.transpileModule(source, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.CommonJS,
      esModuleInterop: true,
      allowJs: true,
      sourceMap: true,
    },
  });
  const diagnostic = output.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (diagnostic) {
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (diagnostic.file && diagnostic.start !== undefined) {
      const at = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      throw new CompileError(`${file}:${at.line + 1}:${at.character + 1}: ${text}`, file, at.line + 1, at.character + 1);
    }
    throw new CompileError(`${file}: ${text}`, file);
  }
  if (output.sourceMapText === undefined) throw new Error(`typescript produced no source map for ${file}`);
  // The trailing sourceMappingURL comment names a file that does not exist; the map travels with us.
  const code = output.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
  const requires = ts.preProcessFile(code, true, true).importedFiles.map((f) => f.fileName);
  return { code, map: output.sourceMapText, requires };
}

/** 1-based line and column of a character offset in `text`. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Where `specifier` is imported in the source text, for error messages. */
export function importPosition(source: string, specifier: string): { line: number; column: number } | undefined {
  const hit = typescript()
    .preProcessFile(source, true, true)
    .importedFiles.find((f) => f.fileName === specifier);
  return hit ? positionOf(source, hit.pos) : undefined;
}
