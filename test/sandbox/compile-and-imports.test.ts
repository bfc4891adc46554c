import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { echoHost, FIXTURES, oneWorkerSandbox, recordingConsole } from './helpers.js';

const { host, folder } = oneWorkerSandbox();

describe('TypeScript and JavaScript entries with relative imports', () => {
  it('runs a TS entry that imports ./file, ./dir (index.ts), ./file.js → .ts, a .js unit and a type-only import', async () => {
    const out = recordingConsole();
    const result = await host.run({ entry: path.join(FIXTURES, 'graph/main.ts'), host: echoHost, onConsole: out.onConsole });
    expect(result).toEqual({ ok: true });
    expect(out.lines).toEqual(['log: hello desk! 42 v1.2']);
  });

  it('runs a JavaScript entry with ES imports', async () => {
    const out = recordingConsole();
    const result = await host.run({ entry: path.join(FIXTURES, 'entry-js/main.js'), host: echoHost, onConsole: out.onConsole });
    expect(result).toEqual({ ok: true });
    expect(out.lines).toEqual(['log: js entry 8']);
  });

  it('evaluates each unit once and in import order (CommonJS semantics, shared module state)', async () => {
    folder.write(
      'order/counter.ts',
      "console.log('counter loaded'); export let count = 0; export function bump() { return ++count; }",
    );
    folder.write('order/a.ts', "import { bump } from './counter'; console.log('a', bump());");
    const entry = folder.write('order/main.ts', "import './a'; import { bump } from './counter'; console.log('main', bump());");
    const out = recordingConsole();
    expect(await host.run({ entry, host: echoHost, onConsole: out.onConsole })).toEqual({ ok: true });
    expect(out.lines).toEqual(['log: counter loaded', 'log: a 1', 'log: main 2']);
  });

  it('rejects a missing import before the run, naming the importing file, the specifier and the line', async () => {
    const entry = folder.write('missing/main.ts', "const x = 1;\nimport { y } from './nope';\nconsole.log(x, y);\n");
    const result = await host.run({ entry, host: echoHost });
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ kind: 'compile', file: entry, line: 2, column: 19 });
    expect(result.error?.message).toContain("cannot resolve import './nope'");
  });

  it('rejects bare specifiers: only relative imports are allowed', async () => {
    const entry = folder.write('bare/main.ts', "import fs from 'fs';\nconsole.log(fs.readFileSync('/etc/passwd'));\n");
    const result = await host.run({ entry, host: echoHost });
    expect(result.error).toMatchObject({ kind: 'compile', file: entry, line: 1 });
    expect(result.error?.message).toContain('only relative imports are allowed');
  });

  it('reports a TypeScript syntax error with file, line and column, in an imported unit too', async () => {
    const broken = folder.write('syntax/broken.ts', 'export const a = 1;\nexport const b: number = ;\n');
    const entry = folder.write('syntax/main.ts', "import { a } from './broken';\nconsole.log(a);\n");
    const result = await host.run({ entry, host: echoHost });
    expect(result.error).toMatchObject({ kind: 'compile', file: broken, line: 2, column: 26 });
    expect(result.error?.message).toContain('Unexpected ";"');
  });

  it("keeps imports inside the run's folders, symbolic links followed, without telling what exists outside", async () => {
    const secret = folder.write('secret/key.ts', `export const key = 'TOP-SECRET-42';`);
    const outside = "cannot import '%s': it leads outside the folders scripts may import from";
    for (const specifier of ['../secret/key', '../secret/missing', '../../etc/passwd.js']) {
      const entry = folder.write(
        `desk/import-${specifier.length}.ts`,
        `import { key } from '${specifier}';\nconsole.log(key);\n`,
      );
      const result = await host.run({ entry, host: echoHost });
      expect(result.error).toMatchObject({ kind: 'compile', file: entry, line: 1 });
      expect(result.error?.message).toContain(outside.replace('%s', specifier));
      expect(result.error?.message).not.toContain(path.dirname(secret));
    }
    const linked = folder.write('desk/linked/placeholder.ts', '');
    symlinkSync(secret, path.join(path.dirname(linked), 'key.ts'));
    const viaLink = folder.write('desk/via-link.ts', `import { key } from './linked/key';\nconsole.log(key);\n`);
    expect((await host.run({ entry: viaLink, host: echoHost })).error?.message).toContain(outside.replace('%s', './linked/key'));

    // Named roots widen the boundary: the desk's folder and the shared one.
    const out = recordingConsole();
    const allowed = await host.run({
      entry: folder.write('desk/allowed.ts', `import { key } from '../secret/key';\nconsole.log(key.length);\n`),
      roots: [path.dirname(viaLink), path.dirname(secret)],
      host: echoHost,
      onConsole: out.onConsole,
    });
    expect(allowed).toEqual({ ok: true });
    expect(out.lines).toEqual(['log: 13']);
  });

  it('reports a missing entry file as a compile error', async () => {
    const result = await host.run({ entry: path.join(FIXTURES, 'no-such-script.ts'), host: echoHost });
    expect(result.error).toMatchObject({ kind: 'compile' });
    expect(result.error?.message).toContain('ENOENT');
  });
});
