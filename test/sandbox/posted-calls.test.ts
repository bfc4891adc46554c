// One-way host calls (`__payscriptHost.post`): the guest goes on at once, the host applies them in
// order before the run's next call, and a failure surfaces at that call or at the run's end.
import { describe, expect, it } from 'vitest';
import { ScriptFacingError, type HostHandler } from '../../runtime/sandbox/index.js';
import { oneWorkerSandbox, recordingConsole } from './helpers.js';

const { host, folder } = oneWorkerSandbox();

const HOST_DECLARATION = `declare const __payscriptHost: ((op: string, json: string) => string) & { post(op: string, json: string): void };`;

/** A handler that notes when each call starts and ends; `slow` takes several event-loop turns. */
function recordingHost(fail?: (op: string) => Error | undefined): { handler: HostHandler; events: string[] } {
  const events: string[] = [];
  const handler: HostHandler = async (op) => {
    events.push(`${op} start`);
    if (op === 'slow') for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    const error = fail?.(op);
    events.push(`${op} end`);
    if (error) throw error;
    return op;
  };
  return { handler, events };
}

describe('posted host calls', () => {
  it('are applied in order, before the next call, and before the run ends', async () => {
    const { handler, events } = recordingHost();
    const entry = folder.write(
      'order.ts',
      `${HOST_DECLARATION}
       __payscriptHost.post('slow', '{}');
       console.log('after post');
       console.log(__payscriptHost('next', '{}'));
       __payscriptHost.post('slow', '{}');`,
    );
    const out = recordingConsole();
    expect(await host.run({ entry, host: handler, onConsole: out.onConsole })).toEqual({ ok: true });
    expect(events).toEqual(['slow start', 'slow end', 'next start', 'next end', 'slow start', 'slow end']);
    expect(out.lines).toEqual(['log: after post', 'log: "next"']);
  });

  it("fail the run's next call with their error; that call is not made, and the script can catch it", async () => {
    const { handler, events } = recordingHost((op) => (op === 'bad' ? new ScriptFacingError('bad client') : undefined));
    const entry = folder.write(
      'next-call.ts',
      `${HOST_DECLARATION}
       __payscriptHost.post('bad', '{}');
       __payscriptHost.post('skipped', '{}');
       try { __payscriptHost('next', '{}'); } catch (e) { console.log('caught', (e as Error).message); }
       console.log(__payscriptHost('again', '{}'));`,
    );
    const out = recordingConsole();
    expect(await host.run({ entry, host: handler, onConsole: out.onConsole })).toEqual({ ok: true });
    expect(events).toEqual(['bad start', 'bad end', 'again start', 'again end']);
    expect(out.lines).toEqual(['log: caught bad client', 'log: "again"']);
  });

  it('fail the run when no call follows, a host failure as an internal host error with its cause', async () => {
    const { handler } = recordingHost((op) => (op === 'broken' ? new Error('disk full') : undefined));
    const entry = folder.write(
      'at-end.ts',
      `${HOST_DECLARATION}\n__payscriptHost.post('broken', '{}');\nconsole.log('went on');`,
    );
    const out = recordingConsole();
    const result = await host.run({ entry, host: handler, onConsole: out.onConsole });
    expect(out.lines).toEqual(['log: went on']);
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ kind: 'runtime', message: 'internal host error (disk full)' });
  });

  it("add their failure to a run's own failure rather than lose it", async () => {
    const { handler } = recordingHost((op) => (op === 'bad' ? new ScriptFacingError('bad client') : undefined));
    const entry = folder.write(
      'both.ts',
      `${HOST_DECLARATION}\n__payscriptHost.post('bad', '{}');\nthrow new Error('script broke');`,
    );
    const result = await host.run({ entry, host: handler });
    expect(result.error).toMatchObject({
      kind: 'runtime',
      message: 'script broke (and before that, host operation "bad" failed: bad client)',
    });
  });

  it('are refused inside promise jobs, like awaited calls', async () => {
    const { handler, events } = recordingHost();
    const entry = folder.write(
      'then.ts',
      `${HOST_DECLARATION}\nPromise.resolve().then(() => __payscriptHost.post('late', '{}'));`,
    );
    const result = await host.run({ entry, host: handler });
    expect(result.error?.kind).toBe('async-misuse');
    expect(events).toEqual([]);
  });
});
