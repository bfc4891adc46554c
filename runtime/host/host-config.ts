// The configuration a command runs with: the admin's file, or the embedded simulators.
import { findConfigFile, loadConfigFile } from '../config/load.js';
import type { PayscriptConfig } from '../config/schema.js';

export interface HostConfig {
  config: PayscriptConfig;
  /** Where it came from, for messages. */
  source: string;
  /** Stops anything started for it (the embedded simulators). */
  close(): Promise<void>;
}

/** Card-flow delay of the embedded simulators: interactive by default, 0 in tests. */
function simulatorDelayMs(): number {
  const value = Number(process.env.PAYSCRIPT_SIMULATOR_DELAY_MS ?? 1500);
  return Number.isFinite(value) && value >= 0 ? value : 1500;
}

/**
 * @param oneRun the command runs one script, at the terminal it names or else the one the embedded
 *   default binds every desk to: of the embedded simulators only that one is started
 */
export async function loadHostConfig(explicitFile: string | undefined, oneRun?: { terminal?: string }): Promise<HostConfig> {
  const file = findConfigFile(explicitFile);
  if (file) return { config: await loadConfigFile(file), source: file, close: async () => {} };
  // Loaded only here: a desk with a config file never pays for loading five simulators.
  const { EMBEDDED_TERMINAL_IDS, startEmbeddedSimulators } = await import('../simulators/embedded.js');
  const terminal = oneRun && (oneRun.terminal ?? EMBEDDED_TERMINAL_IDS[0]);
  // An unknown id starts them all, so that the binding's error lists what there is.
  const only = terminal !== undefined && EMBEDDED_TERMINAL_IDS.includes(terminal) ? terminal : undefined;
  const simulators = await startEmbeddedSimulators({ delayMs: simulatorDelayMs(), only });
  return { config: simulators.config, source: 'embedded simulators', close: () => simulators.close() };
}
