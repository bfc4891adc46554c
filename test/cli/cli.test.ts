// The payscript command as a cash desk runs it: a real child process, the embedded simulators,
// real TCP and a real sandbox.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../runtime/package-root.js';
import { startCsobSimulator } from '../../runtime/simulators/csob/index.js';
import { payscript, simulatorProcess } from '../support/payscript-cli.js';
import { tempDir, writeFiles } from '../support/temp.js';

describe('payscript run', () => {
  it('runs Prikl_142 against the embedded simulator: five localized transactions and a session log', async () => {
    const home = tempDir('cli-home');
    const result = await payscript(['run', 'scripts-examples/Prikl_142.ts', '--json', '--lang', 'cs'], home);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(true);
    expect(report.transactions.map((t: { client: string }) => t.client)).toEqual([
      'TPaymentWithCashbackClient',
      'TPaymentClient',
      'TReversalClient',
      'TReturnClient',
      'TCloseTotalsClient',
    ]);
    for (const t of report.transactions) {
      expect(t).toMatchObject({
        terminal: 'sim-csob',
        status: 'Approved',
        success: true,
        responseCode: '000',
        description: 'Schváleno',
      });
    }
    expect(report.transactions[1]).toMatchObject({ amount: '1250.00', currency: 'CZK' });
    expect(report.transactions[1].authorizationCode).toMatch(/^\w+$/);
    expect(report.logs.join('\n')).toContain('Document FV-2024-001234');

    const logs = readdirSync(join(home, 'PointOfSale'));
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}\.log$/);
    const log = readFileSync(join(home, 'PointOfSale', logs[0]), 'utf8');
    expect(log).toMatch(/>> .*B1/);
    expect(log).toMatch(/<< .*B2/);
    expect(log).toContain('TCloseTotalsClient Approved 000');
    // The simulator reports card numbers: none may reach the file in full.
    expect(log).not.toMatch(/(?<!\d)\d{13,19}(?!\d)/);
  });

  it('leaves no temporary journal of the embedded simulators behind', async () => {
    const home = tempDir('cli-home');
    const tmp = tempDir('cli-tmp');
    const script = writeFiles(home, { 'pay.ts': "new TPaymentClient(10, 'CZK', 7).Execute();" });
    expect((await payscript(['run', script, '--json'], home, { TMPDIR: tmp })).code).toBe(0);
    expect(readdirSync(tmp).filter((name) => name.startsWith('payscript-simulated-'))).toEqual([]);
  });

  it("keeps the command's V8 code cache in the user's private folder and drops earlier builds' caches after a week", async () => {
    const home = tempDir('cli-home');
    const tmp = tempDir('cli-tmp');
    const script = writeFiles(home, { 'noop.ts': 'console.log("ok");' });
    const folder = join(tmp, `payscript-v8-cache-${process.getuid?.() ?? 'user'}`);
    expect((await payscript(['run', script], home, { TMPDIR: tmp })).code).toBe(0);
    const [current] = readdirSync(folder).filter((name) => /^run-.+\.cjs\.bin$/.test(name));
    expect(current).toBeDefined();
    expect(statSync(folder).mode & 0o077).toBe(0);
    // Caches of two earlier builds, one written eight days ago; the current one is written anew.
    const weekAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    writeFileSync(join(folder, 'run-OLDBUILD.cjs.bin'), 'old');
    utimesSync(join(folder, 'run-OLDBUILD.cjs.bin'), weekAgo, weekAgo);
    writeFileSync(join(folder, 'run-RECENTBUILD.cjs.bin'), 'recent');
    rmSync(join(folder, current!));
    expect((await payscript(['run', script], home, { TMPDIR: tmp })).code).toBe(0);
    expect(readdirSync(folder).sort()).toEqual([current, 'run-RECENTBUILD.cjs.bin'].sort());
  });

  it('creates the data and log folders, the journal and the session log readable by the owner only', async () => {
    const home = tempDir('cli-home');
    const simulator = await startCsobSimulator({ host: '127.0.0.1', port: 0, delayMs: 0 });
    try {
      const config = writeFiles(home, {
        'payscript.config.json': JSON.stringify({
          logDir: join(home, 'new', 'PointOfSale'),
          dataDir: join(home, 'new', 'data'),
          terminals: [
            { id: 'desk1', protocol: 'csob', host: simulator.host, port: simulator.port, terminalId: simulator.terminalId },
          ],
          binding: { mode: 'single', terminal: 'desk1' },
        }),
      });
      const script = writeFiles(home, { 'pay.ts': "new TPaymentClient(10, 'CZK', 7).Execute();" });
      expect((await payscript(['run', script, '--config', config], home)).code).toBe(0);
      const mode = (...path: string[]) => (statSync(join(home, 'new', ...path)).mode & 0o777).toString(8);
      const [log] = readdirSync(join(home, 'new', 'PointOfSale'));
      expect([mode('data'), mode('data', 'journal.sqlite'), mode('PointOfSale'), mode('PointOfSale', log!)]).toEqual([
        '700',
        '600',
        '700',
        '600',
      ]);
    } finally {
      await simulator.close();
    }
  });

  it('runs the same Prikl_142 unchanged on the GPE terminal', async () => {
    const result = await payscript(
      ['run', 'scripts-examples/Prikl_142.ts', '--json', '--terminal', 'sim-gpe'],
      tempDir('cli-home'),
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.transactions).toHaveLength(5);
    for (const t of report.transactions) expect(t).toMatchObject({ terminal: 'sim-gpe', status: 'Approved', success: true });
  });

  it('runs Prikl_142 on the PoSXML terminal: four results and a clear "not supported" cashback', async () => {
    const result = await payscript(
      ['run', 'scripts-examples/Prikl_142.ts', '--json', '--terminal', 'sim-posxml', '--lang', 'et'],
      tempDir('cli-home'),
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.transactions).toHaveLength(5);
    const [cashback, ...rest] = report.transactions;
    expect(cashback).toMatchObject({
      client: 'TPaymentWithCashbackClient',
      status: 'Failed',
      success: false,
      description: 'See terminal seda toimingut ei toeta',
    });
    for (const t of rest) expect(t).toMatchObject({ terminal: 'sim-posxml', status: 'Approved', success: true });
  });

  it('prints readable results without --json', async () => {
    const result = await payscript(['run', 'scripts-examples/Prikl_142.ts'], tempDir('cli-home'));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/TPaymentClient\s+Approved\s+000\s+1250\.00 CZK\s+Approved/);
    expect(result.stdout).toMatch(/TCloseTotalsClient\s+Approved/);
  });

  it('bounds a flood of console output in --json and the session log, and the script pays after it', async () => {
    const home = tempDir('cli-home');
    // 960 characters and the 64 bytes every line costs: the default 1 024 KiB keeps 1 024 lines of the 3 000.
    const script = writeFiles(home, {
      'flood.ts': `const line = 'x'.repeat(960);
        for (let i = 0; i < 3000; i++) console.log(line);
        const p = new TPaymentClient('12.00', 'CZK'); p.Execute(); console.log(p.Status); p.Free();`,
    });
    const result = await payscript(['run', script, '--json'], home);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    const dropped = { lines: 1976 + 1, characters: 1976 * 960 + 'Approved'.length };
    expect(report).toMatchObject({ ok: true, outputDropped: dropped, transactions: [{ status: 'Approved', amount: '12.00' }] });
    expect(report.logs).toHaveLength(1025);
    const notice = `[payscript] 1977 console line(s) of ${dropped.characters} character(s) dropped: a run's output is limited to 1024 KiB (limits.outputKiB)`;
    expect(report.logs[1024]).toBe(notice);

    const [logName] = readdirSync(join(home, 'PointOfSale'));
    const log = readFileSync(join(home, 'PointOfSale', logName!), 'utf8');
    expect(log.match(/console\.log: x{960}$/gm)).toHaveLength(1024);
    expect(log).toContain(`console.warn: ${notice}`);
    expect(log).not.toContain('console.log: Approved');
    expect(Buffer.byteLength(log)).toBeLessThan(1.5 * 1024 * 1024);
  });

  it('exits 1 with the TS location when the script throws', async () => {
    const home = tempDir('cli-home');
    const script = writeFiles(home, { 'bad.ts': 'const x: number = 1;\n\nthrow new Error(`boom ${x}`);\n' });
    const result = await payscript(['run', script, '--json'], home);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ ok: false, error: { message: expect.stringContaining('boom 1'), file: script, line: 3 } });
  });

  it('exits 2 for bad usage and bad configuration, naming the problem', async () => {
    const home = tempDir('cli-home');
    const noArgs = await payscript(['run'], home);
    expect(noArgs.code).toBe(2);
    expect(noArgs.stderr).toContain('run takes exactly one script file');

    const unknownTerminal = await payscript(['run', 'scripts-examples/Prikl_142.ts', '--terminal', 'desk9'], home);
    expect(unknownTerminal.code).toBe(2);
    expect(unknownTerminal.stderr).toContain('unknown terminal "desk9"');

    const config = writeFiles(home, {
      'payscript.config.json': JSON.stringify({
        terminals: [{ id: 'd', protocol: 'csob', host: 'h', port: 70000, terminalId: 'T' }],
        binding: { mode: 'single', terminal: 'd' },
      }),
    });
    const badConfig = await payscript(['run', 'scripts-examples/Prikl_142.ts', '--config', config], home);
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toMatch(/terminals\.0\.port: .*65535/);
  });

  it('exits 2 naming each bad terminal option, with no stack trace and no secret', async () => {
    const home = tempDir('cli-home');
    const config = writeFiles(home, {
      'payscript.config.json': JSON.stringify({
        terminals: [
          {
            id: 'desk1',
            protocol: 'csob',
            host: '127.0.0.1',
            port: 3333,
            terminalId: 'TERM0001',
            options: { connectTimeoutMs: -1, conectTimeoutMs: 3000 },
          },
          {
            id: 'desk2',
            protocol: 'viva',
            host: 'api.vivapayments.com',
            port: 443,
            terminalId: '16016684',
            options: { merchantId: 'm', apiKey: ['hunter2'] },
          },
        ],
        binding: { mode: 'single', terminal: 'desk1' },
      }),
    });
    const result = await payscript(['run', 'scripts-examples/Prikl_142.ts', '--config', config], home);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('terminals.0.options.connectTimeoutMs: Too small: expected number to be >0');
    expect(result.stderr).toMatch(/terminals\.0\.options: unknown option conectTimeoutMs \(known: connectTimeoutMs, /);
    expect(result.stderr).toContain('terminals.1.options.apiKey: Invalid input: expected string, received array');
    expect(result.stderr).not.toContain('hunter2');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stdout).toBe('');
  });
});

describe('payscript check', () => {
  it('passes the example scripts, which use the whole script API', async () => {
    const result = await payscript(
      ['check', 'scripts-examples/Prikl_142.ts', 'scripts-examples/Prikl_143.ts'],
      tempDir('cli-home'),
    );
    expect(result.stdout).toBe('2 scripts checked: no type errors\n');
    expect(result.code).toBe(0);
  });

  it('reports type errors in the script and in what it imports as file:line:col, exit 1', async () => {
    const home = tempDir('cli-home');
    const script = writeFiles(home, {
      'pay.ts':
        "import { vat } from './lib/vat';\nconst amount: number = 'ten';\nnew TPaymentClient(amount + vat(amount), 'CZK', 7).Execut();\n",
      'lib/vat.ts': 'export function vat(net: number): number {\n  return net * 0.21 + undefinedRate;\n}\n',
    });
    const result = await payscript(['check', script], home);
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines).toContain(`${script}:2:7: error TS2322: Type 'string' is not assignable to type 'number'.`);
    expect(lines.find((l) => l.startsWith(`${script}:3:52: error TS2551:`))).toContain("Property 'Execut' does not exist");
    expect(lines.find((l) => l.startsWith(`${join(home, 'lib', 'vat.ts')}:2:23: error TS2552:`))).toContain(
      "Cannot find name 'undefinedRate'",
    );
    expect(lines.at(-1)).toBe('1 script checked: 3 errors');
  });

  it('exits 2 without scripts or for a missing one', async () => {
    const home = tempDir('cli-home');
    expect(await payscript(['check'], home)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('one or more script files'),
    });
    expect(await payscript(['check', 'no-such.ts'], home)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('no-such.ts'),
    });
  });
});

describe('payscript simulate', () => {
  it('runs a terminal in the foreground that a configured desk pays through', async () => {
    const home = tempDir('cli-home');
    const simulator = await simulatorProcess(['csob', '--port', '0', '--delay-ms', '0', '--terminal-id', 'KASA0001']);
    let exitCode;
    try {
      expect(simulator.banner).toContain(`listening on ${simulator.host}:${simulator.port} (terminal KASA0001)`);
      expect(simulator.port).toBeGreaterThan(0);
      const config = writeFiles(home, {
        'payscript.config.json': JSON.stringify({
          language: 'de',
          logDir: join(home, 'logs'),
          terminals: [{ id: 'kasse', protocol: 'csob', host: simulator.host, port: simulator.port, terminalId: 'KASA0001' }],
          binding: { mode: 'user', user: { mueller: 'kasse' } },
        }),
      });
      const script = writeFiles(home, {
        'pay.ts': "const p = new TPaymentClient(12.5, 'EUR', 42); p.Execute(); console.log(p.LocalizedResponseDescription);",
      });
      const result = await payscript(['run', script, '--config', config, '--user', 'mueller', '--json'], home);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({
        ok: true,
        logs: ['Genehmigt'],
        transactions: [{ terminal: 'kasse', status: 'Approved', amount: '12.50', currency: 'EUR' }],
      });
      expect(readdirSync(join(home, 'logs'))).toHaveLength(1);
    } finally {
      exitCode = await simulator.stop();
    }
    expect(exitCode).toBe(0);
  });

  it('takes drop or finish for orphaned card flows, nothing else', async () => {
    const bad = await payscript(['simulate', 'csob', '--orphaned-flow', 'keep'], tempDir('cli-home'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--orphaned-flow must be drop or finish');
  });
});

describe('payscript terminal test', () => {
  it('tests the connection with the terminal and with the bank', async () => {
    const home = tempDir('cli-home');
    const terminal = await payscript(['terminal', 'test', 'sim-csob'], home);
    expect(terminal.code).toBe(0);
    expect(terminal.stdout).toMatch(/sim-csob: connection with the terminal OK/);
    const bank = await payscript(['terminal', 'test', 'sim-csob', '--bank'], home);
    expect(bank.code).toBe(0);
    expect(bank.stdout).toMatch(/sim-csob: connection with the bank OK/);
  });

  it('fails clearly when the terminal is not reachable', async () => {
    const home = tempDir('cli-home');
    const config = writeFiles(home, {
      'payscript.config.json': JSON.stringify({
        terminals: [{ id: 'off', protocol: 'csob', host: '127.0.0.1', port: 1, terminalId: 'TERM0001' }],
        binding: { mode: 'single', terminal: 'off' },
      }),
    });
    const result = await payscript(['terminal', 'test', 'off', '--config', config], home);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/off: connection with the terminal FAILED .*Cannot connect to the terminal/);
  });
});

describe('Ctrl+C during a payment', () => {
  it('aborts the payment on the terminal, records it Cancelled and exits 1', async () => {
    const home = tempDir('cli-home');
    const simulator = await startCsobSimulator({ host: '127.0.0.1', port: 0, delayMs: 30_000 });
    try {
      const config = writeFiles(home, {
        'payscript.config.json': JSON.stringify({
          logDir: join(home, 'logs'),
          dataDir: join(home, 'data'),
          terminals: [
            { id: 'desk1', protocol: 'csob', host: simulator.host, port: simulator.port, terminalId: simulator.terminalId },
          ],
          binding: { mode: 'single', terminal: 'desk1' },
        }),
      });
      const script = writeFiles(home, {
        'pay.ts': "const p = new TPaymentClient(41, 'CZK', 777); p.Execute(); console.log('not reached');",
      });
      const child = spawn(
        process.execPath,
        [join(packageRoot(), 'bin', 'payscript.js'), 'run', script, '--config', config, '--json'],
        {
          env: { ...process.env, HOME: home },
        },
      );
      let stdout = '';
      child.stdout.on('data', (d) => (stdout += d));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      // Interrupt once the sale is at the terminal.
      while (!simulator.requests.some((r) => r.transactionType === '00')) await new Promise((r) => setTimeout(r, 50));
      child.kill('SIGINT');
      expect(await exited).toBe(1);
      const report = JSON.parse(stdout);
      expect(report.ok).toBe(false);
      expect(report.error.message).toContain('Ctrl+C');
      expect(report.logs).toEqual([]);
      expect(report.transactions).toMatchObject([{ client: 'TPaymentClient', status: 'Cancelled' }]);
      expect(simulator.requests.map((r) => r.transactionType)).toContain('81');
      expect(simulator.ledger).toHaveLength(0);

      const journal = await payscript(['journal', 'list', '--config', config, '--json'], home);
      expect(journal.code).toBe(0);
      expect(journal.stdout).toContain('"cancelled"');
    } finally {
      await simulator.close();
    }
  });
});
