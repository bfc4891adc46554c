// payscript simulate <protocol>: a simulated terminal in the foreground, for manual tests and for
// pointing a real cash-desk configuration at.
import { startCsobSimulator } from '../simulators/csob/index.js';
import { startGpeSimulator } from '../simulators/gpe/index.js';
import { startNetsSimulator } from '../simulators/nets/index.js';
import { startPosxmlSimulator } from '../simulators/posxml/index.js';
import type { OrphanedFlow } from '../simulators/terminal-simulator.js';
import { startVivaSimulator } from '../simulators/viva/index.js';
import { integerOption } from './integer-option.js';
import { parseCommandLine, UsageError } from './usage.js';

interface RunningSimulator {
  host: string;
  port: number;
  terminalId: string;
  /** More ports worth printing (the PoSXML log stream). */
  note?: string;
  close(): Promise<void>;
}

interface SimulatorOptions {
  host: string;
  port: number;
  terminalId?: string;
  delayMs: number;
  orphanedFlow: OrphanedFlow;
}

const SIMULATORS: Record<string, (options: SimulatorOptions) => Promise<RunningSimulator>> = {
  csob: startCsobSimulator,
  gpe: startGpeSimulator,
  posxml: async (o) => {
    const simulator = await startPosxmlSimulator(o);
    return Object.assign(simulator, { note: `log stream on port ${simulator.logPort}` });
  },
  nets: startNetsSimulator,
  viva: startVivaSimulator,
};

export async function simulateCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine('simulate', argv);
  const protocol = positionals[0];
  const start = protocol ? SIMULATORS[protocol] : undefined;
  if (!start || positionals.length !== 1) {
    throw new UsageError(`simulate takes one protocol: ${Object.keys(SIMULATORS).join(', ')}`);
  }
  const port = integerOption('--port', values.port, 0, 65535, 0);
  const delayMs = integerOption('--delay-ms', values['delay-ms'], 0, 600_000, 1500);
  const orphanedFlow = values['orphaned-flow'] ?? 'drop';
  if (orphanedFlow !== 'drop' && orphanedFlow !== 'finish') throw new UsageError('--orphaned-flow must be drop or finish');
  const simulator = await start({ host: '127.0.0.1', port, terminalId: values['terminal-id'], delayMs, orphanedFlow });
  const note = simulator.note ? `; ${simulator.note}` : '';
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
