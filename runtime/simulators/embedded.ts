// With no config file the host runs against in-process simulators of every implemented protocol,
// so a fresh checkout can run the example scripts with no terminal on the desk.
import type { PayscriptConfig } from '../config/schema.js';
import { parseConfig } from '../config/load.js';
import { startCsobSimulator } from './csob/index.js';
import { startGpeSimulator } from './gpe/index.js';
import type { SimulatorFactory, TerminalSimulator } from './terminal-simulator.js';

export interface EmbeddedSimulators {
  config: PayscriptConfig;
  close(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Card-flow delay of each simulated terminal: ~1.5 s feels like a real cashier, 0 in tests. */
  delayMs: number;
  language?: string;
  logDir?: string;
}

interface EmbeddedTerminal {
  /** The terminal id scripts and the CLI use: `sim-<protocol>`. */
  id: string;
  protocol: string;
  terminalId: string;
  start: SimulatorFactory;
  options?: Record<string, unknown>;
}

/** One line per simulated terminal; the first is the one every desk is bound to. */
const EMBEDDED: readonly EmbeddedTerminal[] = [
  { id: 'sim-csob', protocol: 'csob', terminalId: 'SIMCSOB1', start: startCsobSimulator },
  { id: 'sim-gpe', protocol: 'gpe', terminalId: 'SIMGPE01', start: startGpeSimulator },
];

export async function startEmbeddedSimulators(options: EmbeddedOptions): Promise<EmbeddedSimulators> {
  const started: TerminalSimulator[] = [];
  const close = () => Promise.all(started.map((s) => s.close())).then(() => undefined);
  try {
    for (const terminal of EMBEDDED) {
      started.push(await terminal.start({ host: '127.0.0.1', port: 0, terminalId: terminal.terminalId, delayMs: options.delayMs }));
    }
    const config = parseConfig(
      {
        ...(options.language ? { language: options.language } : {}),
        ...(options.logDir ? { logDir: options.logDir } : {}),
        terminals: EMBEDDED.map((terminal, i) => ({
          id: terminal.id,
          protocol: terminal.protocol,
          host: started[i].host,
          port: started[i].port,
          terminalId: started[i].terminalId,
          timeoutSeconds: 60,
          options: terminal.options ?? {},
        })),
        binding: { mode: 'single', terminal: EMBEDDED[0].id },
      },
      'embedded default configuration',
    );
    return { config, close };
  } catch (error) {
    await close();
    throw error;
  }
}
