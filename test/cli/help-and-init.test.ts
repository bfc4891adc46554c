// The command line's help, version and usage errors, and `payscript init` as a consultant uses it:
// real child processes, a real simulator process, the real config loader and the TypeScript compiler.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../runtime/config/load.js';
import { packageRoot } from '../../runtime/package-root.js';
import { type Completed, completion, payscript, simulatorProcess } from '../support/payscript-cli.js';
import { tempDir, writeFiles } from '../support/temp.js';

const STARTER_FILES = ['payscript.config.json', 'tsconfig.json', 'payscript.d.ts', 'example.ts'];

describe('payscript help and version', () => {
  it('prints the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8'));
    const result = await payscript(['--version'], tempDir('cli-home'));
    expect(result).toMatchObject({ code: 0, stdout: `payscript ${version}\n` });
  });

  it('lists every command on --help and -h, exit code 0', async () => {
    for (const flag of ['--help', '-h']) {
      const result = await payscript([flag], tempDir('cli-home'));
      expect(result.code).toBe(0);
      for (const command of ['init [DIR]', 'run <script>', 'test <script>', 'simulate <protocol>', 'terminal test <id>'])
        expect(result.stdout).toContain(`payscript ${command}`);
      expect(result.stdout).toContain('payscript journal settle <no|id>');
    }
  });

  it("prints a command's own options on <command> --help, -h and help <command>", async () => {
    const home = tempDir('cli-home');
    for (const args of [
      ['run', '--help'],
      ['run', 'x.ts', '-h'],
      ['help', 'run'],
    ]) {
      const result = await payscript(args, home);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Usage: payscript run <script> \[options\]/);
      expect(result.stdout).toMatch(/--terminal ID +use this terminal/);
      expect(result.stdout).toMatch(/--root DIR… +a folder the script may import from/);
      expect(result.stdout).not.toContain('payscript serve');
    }
    const journal = await payscript(['journal', '--help'], home);
    expect(journal.code).toBe(0);
    for (const sub of ['list', 'receipt <no|id>', 'settle <no|id>']) expect(journal.stdout).toContain(`payscript journal ${sub}`);
    expect(journal.stdout).toMatch(/--as approved\|failed +the outcome checked elsewhere/);
    // Help never opens the journal.
    expect(existsSync(join(home, '.payscript'))).toBe(false);
  });

  it("refuses an unknown option with exit code 2 and that command's usage", async () => {
    const home = tempDir('cli-home');
    const run = await payscript(['run', 'scripts-examples/Prikl_142.ts', '--termnial', 'sim-gpe'], home);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^payscript: Unknown option '--termnial'/);
    expect(run.stderr).toContain('Usage: payscript run <script> [options]');

    const settle = await payscript(['journal', 'settle', '7', '--as', 'approved', '--not', 'x'], home);
    expect(settle.code).toBe(2);
    expect(settle.stderr).toContain("Unknown option '--not'");
    expect(settle.stderr).toContain('Usage: payscript journal settle <no|id> [options]');
    expect(settle.stderr).not.toContain('Usage: payscript journal list');
    expect(existsSync(join(home, '.payscript'))).toBe(false);

    const missingValue = await payscript(['simulate', 'csob', '--port'], home);
    expect(missingValue.code).toBe(2);
    expect(missingValue.stderr).toContain("Option '--port <value>' argument missing");
    expect(missingValue.stderr).toContain('Usage: payscript simulate <protocol> [options]');

    const unknownCommand = await payscript(['pay'], home);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toContain('unknown command "pay"');
    expect(unknownCommand.stderr).toContain('payscript init [DIR]');
  });
});

describe('payscript init', () => {
  it('writes a project whose example pays through a simulated terminal right away', async () => {
    const home = tempDir('cli-home');
    const project = join(tempDir('init'), 'shop');
    const simulator = await simulatorProcess(['csob', '--port', '0', '--delay-ms', '0', '--terminal-id', 'SIMCSOB1']);
    let simulatorExit;
    try {
      const init = await payscript(['init', project, '--port', String(simulator.port)], home);
      expect(init.code).toBe(0);
      expect(init.stdout).toContain(`payscript simulate csob --port ${simulator.port} --terminal-id SIMCSOB1`);
      expect(readdirSync(project).sort()).toEqual([...STARTER_FILES].sort());

      // The config is what the real loader accepts, bound to the simulator.
      const config = await loadConfigFile(join(project, 'payscript.config.json'));
      expect(config.terminals).toMatchObject([{ protocol: 'csob', host: '127.0.0.1', port: simulator.port }]);
      expect(config.binding).toMatchObject({ mode: 'single', terminal: config.terminals[0]!.id });

      // `payscript run example.ts` in the new folder: its config, the journal and logs in it.
      const first = await payscript(['run', 'example.ts', '--json'], home, {}, project);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      const paid = JSON.parse(first.stdout);
      expect(paid).toMatchObject({
        ok: true,
        transactions: [{ client: 'TPaymentClient', status: 'Approved', amount: '149.90' }],
      });
      expect(paid.logs[0]).toMatch(/^INV-2024-000001 paid: auth \w+, card \d{6}\*+\d{4}$/);
      expect(existsSync(join(project, 'data', 'journal.sqlite'))).toBe(true);
      expect(readdirSync(join(project, 'logs'))).toHaveLength(1);

      // The same document again: the journal refuses it, nothing is charged twice.
      const again = await payscript(['run', 'example.ts', '--json'], home, {}, project);
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({
        logs: ['INV-2024-000001 is already paid by card; nothing was charged now.'],
        transactions: [{ status: 'Failed', refusal: 'already-paid' }],
      });
    } finally {
      simulatorExit = await simulator.stop();
    }
    expect(simulatorExit).toBe(0);
  });

  it('gives the folder the declarations and a tsconfig that type-check scripts outside this repository', async () => {
    const project = tempDir('init-types');
    expect((await payscript(['init', project], tempDir('cli-home'))).code).toBe(0);
    expect(readFileSync(join(project, 'payscript.d.ts'), 'utf8')).toBe(
      readFileSync(join(packageRoot(), 'bindings', 'payscript.d.ts'), 'utf8'),
    );
    expect(await typeCheck(project)).toMatchObject({ code: 0, stdout: '' });

    // The compiler sees the payscript declarations: a wrong argument is an error naming the client.
    writeFiles(project, {
      'wrong.ts': "new TPaymentClient(10, 'CZK').Execute('now');\nconsole.log(new TCloseTotalsClient().Totals.size);\n",
    });
    const wrong = await typeCheck(project);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stdout).toMatch(/wrong\.ts\(1,\d+\): error TS2554: Expected 0 arguments/);
    expect(wrong.stdout).toMatch(/wrong\.ts\(2,\d+\): error TS2339: Property 'size' does not exist/);
  });

  it('refuses to overwrite existing files unless --force, and writes into the current folder by default', async () => {
    const home = tempDir('cli-home');
    const project = tempDir('init-existing');
    writeFileSync(join(project, 'example.ts'), '// my own script\n');
    const refused = await payscript(['init'], home, {}, project);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${project} already has example.ts; nothing was written (--force overwrites)`);
    expect(readdirSync(project)).toEqual(['example.ts']);
    expect(readFileSync(join(project, 'example.ts'), 'utf8')).toBe('// my own script\n');

    const forced = await payscript(['init', '--force'], home, {}, project);
    expect(forced.code).toBe(0);
    expect(readdirSync(project).sort()).toEqual([...STARTER_FILES].sort());
    expect(readFileSync(join(project, 'example.ts'), 'utf8')).toContain('new TPaymentClient(');
  });

  it('refuses a bad --port or a second folder with exit code 2', async () => {
    const home = tempDir('cli-home');
    const badPort = await payscript(['init', join(tempDir('init-bad'), 'p'), '--port', '70000'], home);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('--port must be a whole number from 1 to 65535');
    expect(badPort.stderr).toContain('Usage: payscript init [DIR] [options]');
    const twoFolders = await payscript(['init', 'a', 'b'], home);
    expect(twoFolders.code).toBe(2);
    expect(twoFolders.stderr).toContain('init takes at most one folder');
  });
});

/** The TypeScript compiler on the project's tsconfig.json, as an editor or CI would run it. */
function typeCheck(project: string): Promise<Completed> {
  const tsc = join(packageRoot(), 'node_modules', 'typescript', 'bin', 'tsc');
  return completion(spawn(process.execPath, [tsc, '-p', project, '--pretty', 'false'], { cwd: project }));
}
