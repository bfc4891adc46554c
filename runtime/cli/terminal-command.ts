// payscript terminal test <id> [--bank]: the settings window's two connection tests.
import { describeResult } from '../i18n/describe.js';
import { PayscriptHost } from '../host/payscript-host.js';
import { loadHostConfig } from '../host/host-config.js';
import { parseCommandLine, UsageError } from './usage.js';

export async function terminalCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine('terminal test', argv);
  if (positionals[0] !== 'test' || positionals.length !== 2) throw new UsageError('terminal takes `test <id>`');
  const id = positionals[1];
  const hostConfig = await loadHostConfig(values.config);
  const terminal = hostConfig.config.terminals.find((t) => t.id === id);
  if (!terminal) {
    await hostConfig.close();
    throw new UsageError(
      `unknown terminal "${id}" in ${hostConfig.source}; configured: ${hostConfig.config.terminals.map((t) => t.id).join(', ')}`,
    );
  }
  const host = new PayscriptHost(hostConfig.config, { workers: 1, warmUp: false, journalWriting: 'inline' });
  try {
    const result = await host.testConnection(id, values.bank === true);
    const what = values.bank ? 'connection with the bank' : 'connection with the terminal';
    const description = describeResult(
      { outcome: result.ok ? 'approved' : 'failed', reason: result.reason, responseCode: result.responseCode },
      terminal.protocol,
      hostConfig.config.language,
    );
    process.stdout.write(
      `${id}: ${what} ${result.ok ? 'OK' : 'FAILED'} in ${Math.round(result.elapsedMs)} ms — ${description}\n`,
    );
    return result.ok ? 0 : 1;
  } finally {
    await host.close();
    await hostConfig.close();
  }
}
