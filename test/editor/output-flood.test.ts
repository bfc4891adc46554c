// Scripts that flood the console cannot take `payscript serve` down: three runs printing 150 MiB
// each at once, through the HTTP API of a real server process, leave its memory bounded, every run
// ends with its bounded report, and the desk's next payment works.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LINE_COST_BYTES } from '../../runtime/sandbox/index.js';
import { serveProcess, type ServeProcess } from '../support/payscript-cli.js';
import { tempDir } from '../support/temp.js';
import { ApiClient } from './serve-harness.js';

const PASSWORD = 'flood-test-password';
const MiB = 1024 * 1024;
const LINE_CHARS = 64 * 1024;
const LINES = 2400; // 2 400 lines of 64 KiB: 150 MiB a run
const FLOOD = `const line = 'x'.repeat(${LINE_CHARS});\nfor (let i = 0; i < ${LINES}; i++) console.log(line);\n`;

let serve: ServeProcess;
let home: string;
let admin: ApiClient;

beforeAll(async () => {
  home = tempDir('flood-home');
  serve = await serveProcess(home, { PAYSCRIPT_ADMIN_PASSWORD: PASSWORD }, /payscript editor on (http:\/\/127\.0\.0\.1:\d+\/)/);
  admin = await ApiClient.login(serve.match[1]!, 'admin', PASSWORD);
});

afterAll(async () => {
  serve?.child.kill('SIGTERM');
  await serve?.exited;
});

/** The server's peak resident memory so far (VmHWM), bytes. */
function peakRss(pid: number): number {
  const kib = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kib) * 1024;
}

it(
  'keeps the server bounded while three runs print 150 MiB each, and every run ends with its bounded report',
  { timeout: 180_000 },
  async () => {
    const started = await Promise.all([1, 2, 3].map(() => admin.post('/api/runs', { source: FLOOD })));
    for (const answer of started) expect(answer.status).toBe(202);
    const ids = started.map((answer) => answer.body.id as string);
    const ends = await Promise.all(ids.map(async (id) => (await admin.events(id)).at(-1)));

    // Measured: ~280 MiB, most of it the server at rest; the floods' 450 MiB never reach this process.
    expect(peakRss(serve.child.pid!)).toBeLessThan(768 * MiB);

    const keptLine = `${'x'.repeat(16384)} … [line cut: 16384 of ${LINE_CHARS} characters kept]`;
    const kept = Math.floor(MiB / (LINE_COST_BYTES + Buffer.byteLength(keptLine)));
    const dropped = { lines: LINES - kept, characters: (LINES - kept) * LINE_CHARS };
    for (const [index, id] of ids.entries()) {
      expect(ends[index]).toMatchObject({ event: 'end', data: { ok: true, outputDropped: dropped } });
      const run = await admin.get(`/api/runs/${id}`);
      expect(run.status).toBe(200);
      const { logs } = run.body.report as { logs: string[] };
      expect(logs).toHaveLength(kept + 1);
      expect(logs.slice(0, kept).every((line) => line === keptLine)).toBe(true);
      expect(logs[kept]).toContain(`${dropped.lines} console line(s) of ${dropped.characters} character(s) dropped`);
    }

    const payment = await admin.post('/api/run', {
      source: `const p = new TPaymentClient('12.00', 'CZK'); p.Execute(); console.log(p.Status); p.Free();`,
    });
    expect(payment.status).toBe(200);
    expect(payment.body).toMatchObject({ ok: true, logs: ['Approved'], transactions: [{ status: 'Approved', amount: '12.00' }] });

    // The session log, complete once the server has stopped, got the same bounded text: each run's
    // kept lines and a little more (timestamps, the payment's frames).
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
    const logDir = join(home, 'PointOfSale');
    const logBytes = readdirSync(logDir).reduce((sum, name) => sum + statSync(join(logDir, name)).size, 0);
    expect(logBytes).toBeGreaterThan(3 * kept * Buffer.byteLength(keptLine));
    expect(logBytes).toBeLessThan(3 * MiB + 64 * 1024);
  },
);
