// A journal that cannot be used — a damaged file, a disk that takes no more bytes — stops a payment
// before anything reaches the terminal, and says so in words an ERP and an admin can read: the
// usual --json object with the journal's folder, no stack trace. Real child processes, a real
// simulator; the full disk is a file-size limit (ulimit -f), which fails SQLite's writes as a
// full disk does while the process lives on.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCsobSimulator, type CsobSimulator } from '../../runtime/simulators/csob/index.js';
import { payscriptWithFileSizeLimit } from '../support/payscript-cli.js';
import { tempDir, writeFiles } from '../support/temp.js';
import { payscript, writeDeskConfig } from './support.js';

const simulators: CsobSimulator[] = [];
afterEach(async () => {
  for (const simulator of simulators.splice(0)) await simulator.close();
});

async function desk() {
  const dir = tempDir('journal-fault');
  const simulator = await startCsobSimulator({ host: '127.0.0.1', port: 0, delayMs: 0 });
  simulators.push(simulator);
  const config = writeDeskConfig(dir, simulator, 10);
  const script = writeFiles(dir, {
    'pay.ts': `const c = new TPaymentClient('10.00', 'CZK', '77'); c.Execute(); console.log(c.LocalizedResponseDescription);`,
  });
  return { dir, simulator, config, script, dataDir: join(dir, 'data') };
}

describe('a journal that cannot be used', () => {
  it('damaged: payscript run --json reports it with the folder and sends nothing; journal list says the same', async () => {
    const d = await desk();
    mkdirSync(d.dataDir, { recursive: true });
    writeFileSync(join(d.dataDir, 'journal.sqlite'), 'this is not a database, it only has the name of one\n'.repeat(100));

    const run = await payscript(['run', d.script, '--config', d.config, '--json'], d.dir).done;
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      ok: false,
      logs: [],
      transactions: [],
      error: {
        message: `the transaction journal in ${d.dataDir} cannot be used (the journal file is damaged or is not a payscript journal); the script did not run and nothing was sent to the terminal`,
      },
    });
    expect(d.simulator.requests).toEqual([]);

    const list = await payscript(['journal', 'list', '--config', d.config], d.dir).done;
    expect(list.code).toBe(1);
    expect(list.stderr).toContain(`the transaction journal in ${d.dataDir} cannot be used (the journal file is damaged`);
    expect(list.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('full while a payment starts: the write-ahead fails, the terminal is asked nothing, the script ends saying so', async () => {
    const d = await desk();
    // The journal exists (the schema written); then the disk takes no more than 40 KiB per file:
    // enough to open it, not enough for the payment's write-ahead.
    expect((await payscript(['journal', 'list', '--config', d.config], d.dir).done).code).toBe(0);
    const run = await payscriptWithFileSizeLimit(40, ['run', d.script, '--config', d.config, '--json'], d.dir);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ ok: false, transactions: [], logs: [] });
    expect(report.error.message).toMatch(
      new RegExp(`^the transaction journal in ${d.dataDir} cannot be used \\(.+\\); nothing was sent to the terminal$`),
    );
    expect(d.simulator.requests).toEqual([]);

    // With room again the same desk pays normally.
    const again = await payscript(['run', d.script, '--config', d.config, '--json'], d.dir).done;
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, transactions: [{ status: 'Approved' }] });
    expect(d.simulator.requests.filter((r) => r.transactionType === '00')).toHaveLength(1);
  });
});
