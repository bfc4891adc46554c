// One source file (TypeScript or JavaScript) → CommonJS JavaScript plus its source map.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as TypeScript from 'typescript';

export interface CompiledUnit {
  /** JavaScript in CommonJS form; `require` calls name the unit's dependencies. */
  code: string;
  /** Source map (v3 JSON) from `code` back to the source text. */
  map: string;
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

// Loading the compiler costs ~200 ms and its first transpile ~100 ms (sandbox-notes "TypeScript"),
// so it is loaded on first use, not at import. typescript@6 is the last line with `transpileModule`.
let compiler: typeof TypeScript | undefined;
function typescript(): typeof TypeScript {
  compiler ??= createRequire(import.meta.url)('typescript') as typeof TypeScript;
  return compiler;
}

// Keyed by a hash of path and text: the same script run again (the common case at a cash desk)
// skips the ~8 ms transpile. Bounded so a long-lived server editing scripts cannot grow it forever.
const CACHE_LIMIT = 500;
const cache = new Map<string, CompiledUnit>();

export function compileUnit(file: string, source: string): CompiledUnit {
  const key = createHash('sha256').update(file).update('\0').update(source).digest('hex');
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key); // re-insert: Map order is the LRU order
    cache.set(key, hit);
    return hit;
  }
  const unit = transpile(file, source);
  cache.set(key, unit);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return unit;
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
  return { code, map: output.sourceMapText };
}

/** 1-based line and column of a character offset in `text`. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Specifiers of `require(...)` calls in compiled code: the unit's runtime dependencies. */
export function requiredSpecifiers(code: string): string[] {
  return typescript()
    .preProcessFile(code, true, true)
    .importedFiles.map((f) => f.fileName);
}

/** Where `specifier` is imported in the source text, for error messages. */
export function importPosition(source: string, specifier: string): { line: number; column: number } | undefined {
  const hit = typescript()
    .preProcessFile(source, true, true)
    .importedFiles.find((f) => f.fileName === specifier);
  return hit ? positionOf(source, hit.pos) : undefined;
}
