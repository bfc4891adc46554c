// Monaco for payscript scripts: the ESM editor core, TypeScript highlighting and language
// features, the two workers served from /assets, and the script API's declarations as an extra
// library so completions, hovers and type errors match what the host runs.
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/typescript/register';
import {
  ModuleKind,
  ModuleResolutionKind,
  ScriptTarget,
  typescriptDefaults,
} from 'monaco-editor/languages/features/typescript/register';
import { get } from '../api.mjs';

export { monaco };

let ready: Promise<void> | undefined;

/** Once per page load: workers, compiler options like scripts-examples/tsconfig.json, the bindings. */
export function setUpMonaco(): Promise<void> {
  ready ??= (async () => {
    self.MonacoEnvironment = {
      getWorker: (_workerId, label) =>
        new Worker(label === 'typescript' || label === 'javascript' ? '/assets/ts.worker.js' : '/assets/editor.worker.js', {
          name: label,
        }),
    };
    typescriptDefaults.setCompilerOptions({
      target: ScriptTarget.ES2020,
      module: ModuleKind.CommonJS,
      moduleResolution: ModuleResolutionKind.NodeJs,
      // No DOM: scripts run in QuickJS, not a browser, so `document` must be an error.
      lib: ['es2020'],
      strict: true,
      noEmit: true,
      allowNonTsExtensions: true,
      types: [],
    });
    // Every open script is known to the TypeScript worker, so `import './lib/cashier'` resolves.
    typescriptDefaults.setEagerModelSync(true);
    const declarations = await (await fetch('/api/scripts/bindings.d.ts', { credentials: 'same-origin' })).text();
    typescriptDefaults.addExtraLib(declarations, 'file:///payscript.d.ts');
  })();
  return ready;
}

export function uriOf(path: string): monaco.Uri {
  return monaco.Uri.parse(`file:///${path}`);
}

/** The model of a script file, created on first use. */
export function modelFor(path: string, content: string): monaco.editor.ITextModel {
  const existing = monaco.editor.getModel(uriOf(path));
  if (existing) return existing;
  return monaco.editor.createModel(content, path.endsWith('.js') ? 'javascript' : 'typescript', uriOf(path));
}

/** Loads every script of the tree as a model, so cross-file imports type-check. */
export async function loadAllModels(paths: string[]): Promise<void> {
  await Promise.all(
    paths
      .filter((path) => !monaco.editor.getModel(uriOf(path)))
      .map(async (path) =>
        modelFor(path, (await get<{ content: string }>(`/api/scripts/file?path=${encodeURIComponent(path)}`)).content),
      ),
  );
}
