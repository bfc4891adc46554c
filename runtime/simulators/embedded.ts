// With no config file the host runs against in-process simulators of every implemented protocol,
// so a fresh checkout can run the example scripts with no terminal on the desk.
import type { PayscriptConfig } from '../config/schema.js';
import { parseConfig } from '../config/load.js';
import { startCsobSimulator } from './csob/index.js';

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

export async function startEmbeddedSimulators(options: EmbeddedOptions): Promise<EmbeddedSimulators> {
  const csob = await startCsobSimulator({ host: '127.0.0.1', port: 0, terminalId: 'SIMCSOB1', delayMs: options.delayMs });
  const config = parseConfig(
    {
      ...(options.language ? { language: options.language } : {}),
      ...(options.logDir ? { logDir: options.logDir } : {}),
      terminals: [
        { id: 'sim-csob', protocol: 'csob', host: csob.host, port: csob.port, terminalId: csob.terminalId, timeoutSeconds: 60 },
      ],
      binding: { mode: 'single', terminal: 'sim-csob' },
    },
    'embedded default configuration',
  );
  return { config, close: () => csob.close() };
}
