// What a script may print: each line is cut at LINE_MAX_CHARS, a run keeps at most limits.outputKiB
// of output, and past it the run goes on while further lines are dropped and counted.
import { describe, expect, it } from 'vitest';
import { LINE_COST_BYTES, LINE_MAX_CHARS } from '../../runtime/sandbox/index.js';
import { echoHost, oneWorkerSandbox, recordingConsole } from './helpers.js';

const { host, folder } = oneWorkerSandbox();

describe('output limit', () => {
  it('keeps output up to limits.outputKiB, drops the rest with one line saying how much, and the run goes on', async () => {
    // Each line costs its bytes and LINE_COST_BYTES: 64 lines of 1 KiB fill 64 KiB exactly.
    const chars = 1024 - LINE_COST_BYTES;
    const entry = folder.write(
      'flood.ts',
      `const line = 'x'.repeat(${chars});
       for (let i = 0; i < 200; i++) console.log(line);
       (globalThis as any).__payscriptHost('after', '"still running"');`,
    );
    const out = recordingConsole();
    const calls: string[] = [];
    const result = await host.run({
      entry,
      host: async (op) => calls.push(op),
      limits: { outputKiB: 64 },
      onConsole: out.onConsole,
    });
    expect(result).toEqual({ ok: true, outputDropped: { lines: 136, characters: 136 * chars } });
    expect(calls).toEqual(['after']);
    expect(out.lines).toHaveLength(65);
    expect(out.lines.slice(0, 64).every((l) => l === `log: ${'x'.repeat(chars)}`)).toBe(true);
    expect(out.lines[64]).toBe(
      `warn: [payscript] 136 console line(s) of ${136 * chars} character(s) dropped: a run's output is limited to 64 KiB (limits.outputKiB)`,
    );
  });

  it('counts the limit in UTF-8 bytes and drops everything after the first line that does not fit', async () => {
    const entry = folder.write(
      'accents.ts',
      `const line = 'é'.repeat(${(2048 - LINE_COST_BYTES) / 2});
       for (let i = 0; i < 40; i++) console.log(line);
       console.log('short, but after the limit');`,
    );
    const out = recordingConsole();
    const result = await host.run({ entry, host: echoHost, limits: { outputKiB: 64 }, onConsole: out.onConsole });
    // Two bytes per 'é': 32 lines of 2 KiB fill 64 KiB.
    expect(result.outputDropped).toEqual({ lines: 9, characters: 8 * 992 + 'short, but after the limit'.length });
    expect(out.lines).toHaveLength(33);
    expect(out.lines.at(-1)).toContain('9 console line(s)');
  });

  it('counts every line, so a flood of empty lines is bounded too', async () => {
    const entry = folder.write('empty-lines.ts', `for (let i = 0; i < 20000; i++) console.log('');`);
    const out = recordingConsole();
    const result = await host.run({ entry, host: echoHost, limits: { outputKiB: 64 }, onConsole: out.onConsole });
    expect(LINE_COST_BYTES).toBe(64);
    expect(result.outputDropped).toEqual({ lines: 20000 - 1024, characters: 0 });
    expect(out.lines).toHaveLength(1024 + 1);
  });

  it('cuts a line longer than LINE_MAX_CHARS and says so on the line', async () => {
    const entry = folder.write('long-line.ts', `console.log('y'.repeat(1000000)); console.log('next');`);
    const out = recordingConsole();
    const result = await host.run({ entry, host: echoHost, onConsole: out.onConsole });
    expect(result).toEqual({ ok: true });
    expect(LINE_MAX_CHARS).toBe(16384);
    expect(out.lines).toEqual([`log: ${'y'.repeat(16384)} … [line cut: 16384 of 1000000 characters kept]`, 'log: next']);
  });

  it('cuts the line even when the script replaced the built-ins the console uses', async () => {
    const entry = folder.write(
      'tamper.ts',
      `const huge = 'z'.repeat(200000);
       (String.prototype as any).slice = function (this: string) { return String(this); };
       (Reflect as any).apply = (fn: any, self: any) => String(self);
       (Array.prototype as any).join = function () { return huge; };
       console.log('anything');`,
    );
    const out = recordingConsole();
    expect(await host.run({ entry, host: echoHost, onConsole: out.onConsole })).toEqual({ ok: true });
    expect(out.lines).toEqual([`log: ${'z'.repeat(16384)} … [line cut: 16384 of 200000 characters kept]`]);
  });

  it('reports the dropped lines of a run that ends in an error too', async () => {
    const entry = folder.write(
      'flood-then-throw.ts',
      `for (let i = 0; i < 100; i++) console.log('w'.repeat(1984)); throw new Error('after the flood');`,
    );
    const out = recordingConsole();
    const result = await host.run({ entry, host: echoHost, limits: { outputKiB: 64 }, onConsole: out.onConsole });
    expect(result.ok).toBe(false);
    expect(result.error?.message).toBe('after the flood');
    expect(result.outputDropped).toEqual({ lines: 68, characters: 68 * 1984 });
    expect(out.lines.at(-1)).toMatch(/^warn: \[payscript\] 68 console line\(s\)/);
  });

  it('reports the dropped lines of an endless flood stopped at its wall limit', async () => {
    const entry = folder.write('endless.ts', `while (true) console.log('again');`);
    const out = recordingConsole();
    const result = await host.run({
      entry,
      host: echoHost,
      limits: { outputKiB: 64, wallSeconds: 0.5 },
      onConsole: out.onConsole,
    });
    expect(result.error?.kind).toBe('wall-limit');
    expect(result.outputDropped?.lines).toBeGreaterThan(0);
    expect(out.lines.at(-1)).toContain(
      `${result.outputDropped!.lines} console line(s) of ${result.outputDropped!.characters} character(s) dropped`,
    );
  });

  it('refuses an output limit outside its bounds, naming the config key', async () => {
    const entry = folder.write('noop.ts', '1;');
    await expect(host.run({ entry, host: echoHost, limits: { outputKiB: 1 } })).rejects.toThrow(
      'limits.outputKiB must be from 64 to 16384',
    );
    await expect(host.run({ entry, host: echoHost, limits: { outputKiB: 1_000_000 } })).rejects.toThrow('limits.outputKiB');
  });
});
