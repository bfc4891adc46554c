// With no config file the host runs against in-process simulators of every implemented protocol,
// so a fresh checkout can run the example scripts with no terminal on the desk.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PayscriptConfig } from '../config/schema.js';
import { parseConfig } from '../config/load.js';
import { PROTOCOL_REGISTRY, type SimulatedTerminal } from '../protocols.js';
import type { ForcedOutcome } from './outcome-table.js';
import type { OrphanedFlow, SimulatorKit, TerminalSimulator } from './terminal-simulator.js';

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

interface EmbeddedTerminal extends SimulatedTerminal {
  protocol: string;
  loadSimulator: () => Promise<SimulatorKit>;
}

/** Every simulated terminal of the protocol registry; the first is the one every desk is bound to. */
const EMBEDDED: readonly EmbeddedTerminal[] = PROTOCOL_REGISTRY.flatMap((entry) =>
  entry.simulated.map((terminal) => ({ ...terminal, protocol: entry.name, loadSimulator: entry.loadSimulator })),
);

export const EMBEDDED_TERMINAL_IDS: readonly string[] = EMBEDDED.map((entry) => entry.id);

export async function startEmbeddedSimulators(options: EmbeddedOptions): Promise<EmbeddedSimulators> {
  const started: { simulator: TerminalSimulator; kit: SimulatorKit }[] = [];
  // The simulators' own records live only as long as this process, so the journal does too: a
  // journal kept across runs would remember payments that no simulated bank knows. It is removed on
  // close, or at exit when the process ends without closing.
  const dataDir = mkdtempSync(join(tmpdir(), 'payscript-simulated-'));
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
  process.once('exit', removeDataDir);
  const close = async () => {
    await Promise.all(started.map((s) => s.simulator.close()));
    process.off('exit', removeDataDir);
    removeDataDir();
  };
  const chosen = EMBEDDED.filter((entry) => options.only === undefined || entry.id === options.only);
  if (chosen.length === 0) throw new Error(`no simulated terminal ${options.only}`);
  try {
    for (const entry of chosen) {
      const kit = await entry.loadSimulator();
      const simulator = await kit.start({
        host: '127.0.0.1',
        port: 0,
        terminalId: entry.terminalId,
        delayMs: options.delayMs,
        forcedOutcome: options.forcedOutcome,
        orphanedFlow: options.orphanedFlow,
      });
      started.push({ simulator, kit });
    }
    const config = parseConfig(
      {
        ...(options.language ? { language: options.language } : {}),
        ...(options.logDir ? { logDir: options.logDir } : {}),
        dataDir,
        terminals: chosen.map((entry, i) => {
          const { simulator, kit } = started[i];
          return {
            id: entry.id,
            protocol: entry.protocol,
            host: simulator.host,
            port: simulator.port,
            terminalId: simulator.terminalId,
            timeoutSeconds: options.timeoutSeconds ?? 60,
            options: kit.driverOptions(simulator, entry.style),
          };
        }),
        binding: { mode: 'single', terminal: chosen[0].id },
      },
      'embedded default configuration',
    );
    return { config, simulators: new Map(chosen.map((entry, i) => [entry.id, started[i].simulator])), close };
  } catch (error) {
    await close();
    throw error;
  }
}
