// The one queue that keeps a terminal to one operation at a time (the session and every driver).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SerialQueue } from '../../runtime/terminals/serial-queue.js';

/** A task that runs until the test lets it finish, recording when it started and ended. */
function gate(log: string[], name: string) {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<string>((resolve, reject) => {
    open = () => resolve(name);
    fail = reject;
  });
  let started!: () => void;
  const start = new Promise<void>((resolve) => (started = resolve));
  const task = async () => {
    log.push(`start ${name}`);
    started();
    try {
      return await done;
    } finally {
      log.push(`end ${name}`);
    }
  };
  return { task, started: start, open: () => open(), fail: (error: Error) => fail(error) };
}

describe('SerialQueue', () => {
  test('runs tasks one at a time, in the order they were queued', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((name) => gate(log, name));
    const results = [queue.run(a!.task), queue.run(b!.task), queue.run(c!.task)];
    await a!.started;
    expect(log).toEqual(['start a']);
    c!.open();
    b!.open();
    a!.open();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  test('a task that rejects or throws settles its own caller only; the next task still runs', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    const rejecting = gate(log, 'rejecting');
    const first = queue.run(rejecting.task);
    const second = queue.run(() => {
      throw new Error('thrown before any await');
    });
    const third = queue.run(async () => 'third ran');
    rejecting.fail(new Error('terminal gone'));
    await expect(first).rejects.toThrow('terminal gone');
    await expect(second).rejects.toThrow('thrown before any await');
    await expect(third).resolves.toBe('third ran');
  });

  test('is busy while a task runs or waits, and idle once all have settled', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    const [a, b] = [gate(log, 'a'), gate(log, 'b')];
    expect(queue.busy).toBe(false);
    const running = queue.run(a.task);
    const waiting = queue.run(b.task);
    expect(queue.busy).toBe(true);
    a.fail(new Error('declined'));
    await expect(running).rejects.toThrow('declined');
    await b.started;
    expect(queue.busy).toBe(true);
    b.open();
    await waiting;
    expect(queue.busy).toBe(false);
  });

  test('a task queued by a running task runs after it, not inside it', async () => {
    const queue = new SerialQueue();
    const order: string[] = [];
    let inner: Promise<void> | undefined;
    await queue.run(async () => {
      inner = queue.run(async () => {
        order.push('inner');
      });
      order.push('outer');
    });
    await inner;
    expect(order).toEqual(['outer', 'inner']);
  });

  test('any mix of tasks that succeed, reject or throw runs one at a time, in order, each settling as it did', async () => {
    const task = fc.record({ ends: fc.constantFrom('resolves', 'rejects', 'throws'), ticks: fc.nat(3) });
    await fc.assert(
      fc.asyncProperty(fc.array(task, { maxLength: 12 }), async (tasks) => {
        const queue = new SerialQueue();
        const started: number[] = [];
        let running = 0;
        const turns = tasks.map(({ ends, ticks }, index) =>
          queue.run(async () => {
            if (ends === 'throws') throw new Error(`thrown ${index}`);
            started.push(index);
            expect(++running).toBe(1);
            for (let tick = 0; tick < ticks; tick++) await Promise.resolve();
            running--;
            if (ends === 'rejects') throw new Error(`rejected ${index}`);
            return index;
          }),
        );
        const settled = await Promise.allSettled(turns);
        expect(started).toEqual(tasks.flatMap((t, index) => (t.ends === 'throws' ? [] : [index])));
        expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual(
          tasks.map((t, index) => (t.ends === 'resolves' ? index : `${t.ends === 'throws' ? 'thrown' : 'rejected'} ${index}`)),
        );
        expect(queue.busy).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
