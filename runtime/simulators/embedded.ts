// With no config file the host runs against in-process simulators of every implemented protocol,
// so a fresh checkout can run the example scripts with no terminal on the desk.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PayscriptConfig } from '../config/schema.js';
import { parseConfig } from '../config/load.js';
import { startCsobSimulator } from './csob/index.js';
import { startGpeSimulator } from './gpe/index.js';
import { NETS_SIMULATOR_ACCOUNT, startNetsSimulator } from './nets/index.js';
import { startPosxmlSimulator, type PosxmlSimulator } from './posxml/index.js';
import { startVivaSimulator, VIVA_SIMULATOR_CREDENTIALS } from './viva/index.js';
import type { ForcedOutcome } from './outcome-table.js';
import type { OrphanedFlow, SimulatorStartOptions, TerminalSimulator } from './terminal-simulator.js';

export interface EmbeddedSimulators {
  config: PayscriptConfig;
  /** Each started simulator by terminal id, for a look at the simulated bank's own record. */
  simulators: ReadonlyMap<string, TerminalSimulator>;
  close(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Card-flow delay of each simulated terminal: ~1.5 s feels like a real cashier, 0 in tests. */
  delayMs: number;
  language?: string;
  logDir?: string;
  /** Start only this terminal (e.g. `sim-nets`) and bind the desk to it; default: every one. */
  only?: string;
  forcedOutcome?: ForcedOutcome;
  /** What each terminal does with a card flow its register gave up on; default 'drop'. */
  orphanedFlow?: OrphanedFlow;
  /** How long the register waits for a card flow; default 60. */
  timeoutSeconds?: number;
}

interface EmbeddedTerminal<S extends TerminalSimulator = TerminalSimulator> {
  /** The terminal id scripts and the CLI use: `sim-<protocol>`. */
  id: string;
  protocol: string;
  terminalId: string;
  start: (options: SimulatorStartOptions) => Promise<S>;
  /** The terminal's options, which may depend on where the simulator listens. */
  options?: (simulator: S) => Record<string, unknown>;
}

/** Keeps each line's simulator type for its `options` while the table holds them all. */
const terminal = <S extends TerminalSimulator>(entry: EmbeddedTerminal<S>) => entry as unknown as EmbeddedTerminal;

/** One line per simulated terminal; the first is the one every desk is bound to. */
const EMBEDDED: readonly EmbeddedTerminal[] = [
  terminal({ id: 'sim-csob', protocol: 'csob', terminalId: 'SIMCSOB1', start: startCsobSimulator }),
  terminal({ id: 'sim-gpe', protocol: 'gpe', terminalId: 'SIMGPE01', start: startGpeSimulator }),
  terminal({
    id: 'sim-posxml',
    protocol: 'posxml',
    terminalId: 'SIMPX001',
    start: startPosxmlSimulator,
    options: (simulator: PosxmlSimulator) => ({ logPort: simulator.logPort }),
  }),
  terminal({
    id: 'sim-nets',
    protocol: 'nets',
    terminalId: 'SIMNETS1',
    start: startNetsSimulator,
    options: () => ({ ...NETS_SIMULATOR_ACCOUNT }),
  }),
  // Viva in both integration styles, each against its own simulated cloud.
  terminal({
    id: 'sim-viva',
    protocol: 'viva',
    terminalId: 'SIMVIVA1',
    start: startVivaSimulator,
    options: () => ({ style: 'orders', ...VIVA_SIMULATOR_CREDENTIALS }),
  }),
  terminal({
    id: 'sim-viva-ecr',
    protocol: 'viva',
    terminalId: 'SIMVIVA2',
    start: startVivaSimulator,
    options: () => ({
      style: 'cloud-terminal',
      clientId: VIVA_SIMULATOR_CREDENTIALS.clientId,
      clientSecret: VIVA_SIMULATOR_CREDENTIALS.clientSecret,
    }),
  }),
];

export const EMBEDDED_TERMINAL_IDS: readonly string[] = EMBEDDED.map((entry) => entry.id);

export async function startEmbeddedSimulators(options: EmbeddedOptions): Promise<EmbeddedSimulators> {
  const started: TerminalSimulator[] = [];
  // The simulators' own records live only as long as this process, so the journal does too: a
  // journal kept across runs would remember payments that no simulated bank knows. It is removed on
  // close, or at exit when the process ends without closing.
  const dataDir = mkdtempSync(join(tmpdir(), 'payscript-simulated-'));
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
  process.once('exit', removeDataDir);
  const close = async () => {
    await Promise.all(started.map((s) => s.close()));
    process.off('exit', removeDataDir);
    removeDataDir();
  };
  const chosen = EMBEDDED.filter((entry) => options.only === undefined || entry.id === options.only);
  if (chosen.length === 0) throw new Error(`no simulated terminal ${options.only}`);
  try {
    for (const entry of chosen) {
      started.push(
        await entry.start({
          host: '127.0.0.1',
          port: 0,
          terminalId: entry.terminalId,
          delayMs: options.delayMs,
          forcedOutcome: options.forcedOutcome,
          orphanedFlow: options.orphanedFlow,
        }),
      );
    }
    const config = parseConfig(
      {
        ...(options.language ? { language: options.language } : {}),
        ...(options.logDir ? { logDir: options.logDir } : {}),
        dataDir,
        terminals: chosen.map((entry, i) => ({
          id: entry.id,
          protocol: entry.protocol,
          host: started[i].host,
          port: started[i].port,
          terminalId: started[i].terminalId,
          timeoutSeconds: options.timeoutSeconds ?? 60,
          options: entry.options?.(started[i]) ?? {},
        })),
        binding: { mode: 'single', terminal: chosen[0].id },
      },
      'embedded default configuration',
    );
    return { config, simulators: new Map(chosen.map((entry, i) => [entry.id, started[i]])), close };
  } catch (error) {
    await close();
    throw error;
  }
}
