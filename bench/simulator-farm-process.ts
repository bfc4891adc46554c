// The parent's side of the simulator farm (simulator-farm.ts): starts it, gives its terminals as a
// host configures them, changes every card flow's delay, and stops it.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { TerminalConfig } from '../runtime/terminals/driver.js';
import type { FarmRequest, FarmTerminal } from './simulator-farm.js';

export interface SimulatorFarm {
  /** ČSOB terminals `t0`, `t1`, … with zero card-flow delay to start with. */
  terminals: TerminalConfig[];
  setDelay(delayMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function startSimulatorFarm(count: number): Promise<SimulatorFarm> {
  const farm = fork(fileURLToPath(new URL('./simulator-farm.js', import.meta.url)), [String(count)]);
  const [simulators] = (await once(farm, 'message')) as [FarmTerminal[]];
  return {
    terminals: simulators.map((s, i) => ({
      id: `t${i}`,
      protocol: 'csob',
      host: s.host,
      port: s.port,
      terminalId: s.terminalId,
      timeoutSeconds: 60,
      options: {},
    })),
    async setDelay(delayMs) {
      farm.send({ delayMs } satisfies FarmRequest);
      await once(farm, 'message');
    },
    async close() {
      farm.send('close' satisfies FarmRequest);
      await once(farm, 'exit');
    },
  };
}
