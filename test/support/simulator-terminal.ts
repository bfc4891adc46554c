// A terminal entry pointed at a running simulator: its loopback address and its terminal id.
import type { TerminalSimulator } from '../../runtime/simulators/terminal-simulator.js';

/** `entry` (id, protocol, timeout, any options) with the simulator's host, port and terminal id. */
export function simulatorTerminal<Entry extends { id: string; protocol: string }>(
  simulator: Pick<TerminalSimulator, 'host' | 'port' | 'terminalId'>,
  { id, protocol, ...rest }: Entry,
) {
  return { id, protocol, host: simulator.host, port: simulator.port, terminalId: simulator.terminalId, ...rest };
}
