// payscript run <script>: runs one script at this desk and reports its transactions.
import { existsSync } from 'node:fs';
import { guestPrelude } from '../../bindings/prelude.js';
import { dirname, resolve } from 'node:path';
import { localDesk } from '../config/binding.js';
import { isLanguage, LANGUAGES } from '../i18n/catalog.js';
import type { RunReport } from '../host/run-report.js';
import { SandboxHost } from '../sandbox/index.js';
import { parseCommandLine, UsageError, type ParsedCommandLine } from './usage.js';

export async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine('run', argv);
  if (positionals.length !== 1) throw new UsageError('run takes exactly one script file');
  const entry = resolve(positionals[0]);
  if (!existsSync(entry)) throw new UsageError(`script not found: ${positionals[0]}`);
  // What the script may import: its own folder tree unless --root names others.
  const roots = values.root?.map((root) => resolve(root)) ?? [dirname(entry)];
  const missingRoot = roots.find((root) => !existsSync(root));
  if (missingRoot) throw new UsageError(`--root folder not found: ${missingRoot}`);
  if (values.lang !== undefined && !isLanguage(values.lang)) {
    throw new UsageError(`--lang must be one of ${LANGUAGES.join(', ')}`);
  }

  // An ERP waits for this process per payment: the sandbox's worker boots, makes an instance and
  // evaluates the prelude on its own thread while this one loads the host, the configuration and
  // the journal. One script needs one worker. The default limits: a configuration that changes
  // memory or stack gets a fresh instance for its run. No compiler: the script was most likely
  // compiled on this machine before.
  const sandbox = new SandboxHost({ workers: 1 });
  void sandbox.warmUp({ prelude: guestPrelude(), compiler: false });
  try {
    return await runWith(sandbox, entry, roots, values);
  } finally {
    await sandbox.close();
  }
}

async function runWith(
  sandbox: SandboxHost,
  entry: string,
  roots: string[],
  values: ParsedCommandLine<'run'>['values'],
): Promise<number> {
  const [{ PayscriptHost }, { loadHostConfig }] = await Promise.all([
    import('../host/payscript-host.js'),
    import('../host/host-config.js'),
  ]);
  const hostConfig = await loadHostConfig(values.config, { terminal: values.terminal });
  const json = values.json === true;
  const host = new PayscriptHost(hostConfig.config, { sandbox, warmUp: false, journalWriting: 'inline' });
  const journal = await host.journal.status();
  if (!journal.available) {
    await host.close();
    await hostConfig.close();
    // An ERP reading --json gets the usual object: the run did not start, and says why.
    const message = `${journal.message}; the script did not run and nothing was sent to the terminal`;
    const report: RunReport = { ok: false, logs: [], transactions: [], error: { message } };
    if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else process.stderr.write(`payscript: ${message}\n`);
    return 1;
  }
  // Ctrl+C at the cash desk: abort the payment waiting at the terminal (it is recorded as
  // Cancelled, or as what the terminal's lookup shows), end the script, exit 1.
  const stop = new AbortController();
  const onInterrupt = () => {
    if (!json) process.stderr.write('\nCtrl+C: aborting the running transaction…\n');
    stop.abort(new Error('interrupted at the cash desk (Ctrl+C)'));
  };
  process.once('SIGINT', onInterrupt);
  let report: RunReport;
  try {
    const here = localDesk();
    report = await host.runScript(entry, {
      desk: { pc: values.pc ?? here.pc, user: values.user ?? here.user, terminal: values.terminal },
      language: values.lang as never,
      location: values.location,
      roots,
      onStatus: json
        ? undefined
        : (event) => process.stderr.write(`  [${event.terminal}] ${event.kind}${event.detail ? `: ${event.detail}` : ''}\n`),
      onConsole: json ? undefined : (_level, text) => process.stdout.write(`${text}\n`),
      stop: stop.signal,
    });
  } finally {
    process.off('SIGINT', onInterrupt);
    await host.close();
    await hostConfig.close();
  }

  if (json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    printReport(report);
  }
  return report.ok ? 0 : 1;
}

function printReport(report: RunReport): void {
  for (const t of report.transactions) {
    const money = t.amount ? `${t.amount} ${t.currency}` : '';
    process.stdout.write(
      `${t.client.padEnd(28)} ${t.status.padEnd(9)} ${t.responseCode.padEnd(4)} ${money.padEnd(16)} ${t.description}\n`,
    );
  }
  if (report.error) {
    const where = report.error.file ? ` (${report.error.file}:${report.error.line}:${report.error.column})` : '';
    process.stderr.write(`script error: ${report.error.message}${where}\n`);
  }
}
