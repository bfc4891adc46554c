// Type-checks scripts with the TypeScript compiler against payscript.d.ts, the declarations the
// editor gives Monaco, with the editor's compiler options: what the editor underlines, this reports.
import { join } from 'node:path';
import ts from 'typescript';
import { packageRoot } from '../runtime/package-root.js';

export interface TypeProblem {
  /** Absolute path; absent for a problem of the options rather than of a file. */
  file?: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
  /** TypeScript's error number (TS2322 → 2322). */
  code: number;
  message: string;
}

// As editor/web/editor/monaco-setup.mts and scripts-examples/tsconfig.json: no DOM and no Node
// types, since scripts run in QuickJS; .js scripts are read (for their imports) but not checked.
const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2020,
  module: ts.ModuleKind.CommonJS,
  lib: ['lib.es2020.d.ts'],
  strict: true,
  noEmit: true,
  allowJs: true,
  types: [],
};

/** The errors in `files` (absolute paths) and in the scripts they import; empty when they type-check. */
export function typeCheck(files: readonly string[]): TypeProblem[] {
  const declarations = join(packageRoot(), 'bindings', 'payscript.d.ts');
  const program = ts.createProgram([declarations, ...files], OPTIONS);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      if (!d.file || d.start === undefined) return { code: d.code, message };
      const at = d.file.getLineAndCharacterOfPosition(d.start);
      return { file: d.file.fileName, line: at.line + 1, column: at.character + 1, code: d.code, message };
    });
}
