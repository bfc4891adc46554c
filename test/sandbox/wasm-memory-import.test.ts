// The QuickJS module's memory import declared smaller: instances start with 7 MiB, grow on demand,
// and a binary that does not look as expected is left as it is.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { resolveLimits } from '../../runtime/sandbox/limits.js';
import { SANDBOX_INITIAL_PAGES, QuickJSInstance, shapeFor } from '../../runtime/sandbox/wasm-instance.js';
import { withMemoryMinimum } from '../../runtime/sandbox/wasm-memory-import.js';

const bytes = readFileSync(createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-release-asyncify/wasm'));
const MiB = 1024 * 1024;

function instantiate(wasmModule: WebAssembly.Module, pages: number): void {
  const imports: Record<string, Record<string, unknown>> = {};
  for (const { module, name, kind } of WebAssembly.Module.imports(wasmModule)) {
    imports[module] ??= {};
    imports[module][name] = kind === 'memory' ? new WebAssembly.Memory({ initial: pages, maximum: 1024 }) : () => 0;
  }
  new WebAssembly.Instance(wasmModule, imports as WebAssembly.Imports);
}

describe('the memory import declared smaller', () => {
  it('lets an instance start with 7 MiB, refuses less, and the instance grows past it when its heap needs', async () => {
    const smaller = withMemoryMinimum(bytes, SANDBOX_INITIAL_PAGES)!;
    expect(smaller).toBeDefined();
    const wasmModule = new WebAssembly.Module(smaller);
    expect(() => instantiate(wasmModule, SANDBOX_INITIAL_PAGES)).not.toThrow();
    expect(() => instantiate(wasmModule, SANDBOX_INITIAL_PAGES - 1)).toThrow(/smaller than initial/);
    expect(() => instantiate(new WebAssembly.Module(bytes), SANDBOX_INITIAL_PAGES)).toThrow(/smaller than initial/);

    const instance = await QuickJSInstance.create(wasmModule, shapeFor(resolveLimits(undefined), SANDBOX_INITIAL_PAGES));
    expect(instance.linearMemoryBytes).toBe(7 * MiB);
    const context = instance.runtime.newContext();
    const length = context.getNumber(context.unwrapResult(context.evalCode(`'x'.repeat(4 * 1024 * 1024).length`)));
    expect(length).toBe(4 * MiB);
    expect(instance.linearMemoryBytes).toBeGreaterThan(7 * MiB);
  });

  it('leaves a binary alone when its memory import is not the one expected', () => {
    expect(withMemoryMinimum(bytes, 1024)).toBeUndefined(); // larger than the module declares
    // A module without imports: (module (memory 1))
    const noImports = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, 3, 1, 0, 1]);
    expect(withMemoryMinimum(noImports, 1)).toBeUndefined();
  });
});
