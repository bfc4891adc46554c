// payscript simulate <protocol>: a simulated terminal in the foreground, for manual tests and for
// pointing a real cash-desk configuration at.
import { PROTOCOLS, protocolEntry } from '../protocols.js';
import { integerOption } from './integer-option.js';
import { parseCommandLine, UsageError } from './usage.js';

export async function simulateCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine('simulate', argv);
  const protocol = positionals[0];
  const entry = protocol ? protocolEntry(protocol) : undefined;
  if (!entry || positionals.length !== 1) {
    throw new UsageError(`simulate takes one protocol: ${PROTOCOLS.join(', ')}`);
  }
  const port = integerOption('--port', values.port, 0, 65535, 0);
  const delayMs = integerOption('--delay-ms', values['delay-ms'], 0, 600_000, 1500);
  const orphanedFlow = values['orphaned-flow'] ?? 'drop';
  if (orphanedFlow !== 'drop' && orphanedFlow !== 'finish') throw new UsageError('--orphaned-flow must be drop or finish');
  const kit = await entry.loadSimulator();
  const simulator = await kit.start({ host: '127.0.0.1', port, terminalId: values['terminal-id'], delayMs, orphanedFlow });
  const note = kit.note ? `; ${kit.note(simulator)}` : '';
  process.stdout.write(
    `${protocol} simulator listening on ${simulator.host}:${simulator.port} (terminal ${simulator.terminalId})${note}\n`,
  );
  await new Promise<void>((resolveStop) => {
    process.once('SIGINT', resolveStop);
    process.once('SIGTERM', resolveStop);
  });
  await simulator.close();
  return 0;
}
