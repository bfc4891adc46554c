// An Ingenico PoSXML terminal for tests and `payscript simulate`: an HTTP/1.0 server on the PoSXML
// port (4445 on a real terminal) and its trace stream on a second port (the 5551 role). The
// register (our driver) connects to it exactly as to a real terminal.
import net from 'node:net';
import { OutcomePlan } from '../outcome-table.js';
import type { SimulatorStartOptions, TerminalSimulator } from '../terminal-simulator.js';
import { HttpPort, type WriteMode } from './http-port.js';
import { TraceServer } from './log-stream.js';
import { type PosxmlFault, SimulatedPosxmlTerminal } from './terminal.js';

export type { WriteMode } from './http-port.js';
export { SIMULATED_PAN, SUPPORTED_VERSIONS, type PosxmlFault } from './terminal.js';

export interface PosxmlSimulatorOptions extends SimulatorStartOptions {
  /** Port of the trace stream; 0 (the default) = any free port. */
  logPort?: number;
  /** Close the connection after each answer, as a terminal in "XML session" mode does (default true). */
  xmlSession?: boolean;
  /** How answers are cut into writes (default `split`). */
  writeMode?: WriteMode;
  /** Send the whole card number in CardData.Pan, as a misconfigured terminal might. */
  fullPan?: boolean;
}

export interface PosxmlSimulator extends TerminalSimulator {
  readonly logPort: number;
  /** Every request body the terminal received, in order (to see what the driver sent). */
  requests(): readonly string[];
  /** Besides the neutral faults: `zero-notification`, ReturnCode 0 with TransactionCompletion NOTIFICATION. */
  injectFault(fault: PosxmlFault): void;
}

export async function startPosxmlSimulator(options: PosxmlSimulatorOptions = {}): Promise<PosxmlSimulator> {
  const host = options.host ?? '127.0.0.1';
  const terminalId = options.terminalId ?? 'SIMPX001';
  const trace = await TraceServer.start(host, options.logPort ?? 0);
  const terminal = new SimulatedPosxmlTerminal({
    terminalId,
    delayMs: options.delayMs ?? 0,
    fullPan: options.fullPan ?? false,
    orphanedFlow: options.orphanedFlow ?? 'drop',
    trace: (line) => trace.trace(line),
  });
  terminal.outcomes = new OutcomePlan(options.forcedOutcome);
  const settings = { xmlSession: options.xmlSession ?? true, writeMode: options.writeMode ?? 'split' };
  const bodies: string[] = [];
  const ports = new Set<HttpPort>();

  const server = net.createServer((socket) => {
    if (!terminal.reachability.admit(socket)) return;
    const port = new HttpPort(
      socket,
      settings,
      (from, body) => {
        bodies.push(body);
        terminal.onRequest(from, body);
      },
      (closed) => {
        ports.delete(closed);
        terminal.onDisconnect(closed);
      },
      (detail) => trace.trace(`HTTP error: ${detail}`),
    );
    ports.add(port);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as net.AddressInfo;

  return {
    host: address.address,
    port: address.port,
    logPort: trace.port,
    terminalId,
    bookings: () => terminal.bookings,
    received: () => terminal.received,
    requests: () => bodies,
    setDelay: (ms) => terminal.setDelay(ms),
    injectFault: (fault) => terminal.injectFault(fault),
    dropConnections: () => ports.forEach((port) => port.destroy()),
    comeBack: () => terminal.reachability.comeBack(),
    close: async () => {
      terminal.stop();
      ports.forEach((port) => port.destroy());
      await Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), trace.close()]);
    },
  };
}
