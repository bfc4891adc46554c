// A ČSOB terminal in server mode on TCP, for tests and `payscript simulate`: the register (our
// driver) connects to it exactly as to a real terminal.
import net from 'node:net';
import { DEFAULT_CASHBACK_FIELD_ID } from '../../drivers/csob/profile.js';
import type { LedgerEntry } from './ledger.js';
import { TerminalPort, type WriteMode } from './port.js';
import { type Fault, SimulatedTerminal } from './terminal.js';

export type { LedgerEntry, LedgerKind } from './ledger.js';
export type { Fault } from './terminal.js';
export type { WriteMode } from './port.js';
export { SIMULATED_CARD_NUMBER } from './terminal.js';

export interface CsobSimulatorOptions {
  host?: string;
  /** 0 = any free port. */
  port?: number;
  terminalId?: string;
  /** Card-flow duration; 0 here, the CLI passes about 1500. */
  delayMs?: number;
  keepAliveMs?: number;
  crcCheck?: boolean;
  /** Must match the driver's `cashbackFieldId` option. */
  cashbackFieldId?: string;
  /** How frames are cut into writes; `mixed` (merged, then split) unless told otherwise. */
  writeMode?: WriteMode;
  /** Set 0x8000 on approved results (the register then confirms with T82). */
  confirmationFlag?: boolean;
  /** Send full card numbers in B2, as some terminals do. */
  fullCardNumber?: boolean;
  /** Where the simulator reports frames it ignored. */
  log?: (message: string) => void;
}

export interface CsobSimulator {
  host: string;
  port: number;
  terminalId: string;
  /** The bank's own record: every approved charge, refund, reversal and close. */
  ledger: LedgerEntry[];
  /** Every B1 the terminal received, in order (to prove a request was never sent twice). */
  requests: { transactionType: string; amountMinor?: number; variableSymbol?: string }[];
  setDelay(ms: number): void;
  setConfirmationFlag(on: boolean): void;
  /** The next result goes wrong in this way (one shot). */
  injectFault(fault: Fault): void;
  /** Closes every open connection at once, like a power cut on the line. */
  dropConnections(): void;
  close(): Promise<void>;
}

export async function startCsobSimulator(opts: CsobSimulatorOptions = {}): Promise<CsobSimulator> {
  const terminalId = opts.terminalId ?? 'SIM00001';
  const terminal = new SimulatedTerminal(terminalId, {
    delayMs: opts.delayMs ?? 0,
    keepAliveMs: opts.keepAliveMs ?? 1000,
    confirmationFlag: opts.confirmationFlag ?? false,
    fullCardNumber: opts.fullCardNumber ?? false,
  });
  const crcCheck = opts.crcCheck ?? false;
  const settings = {
    terminalId,
    dialect: { cashbackFieldId: opts.cashbackFieldId ?? DEFAULT_CASHBACK_FIELD_ID, computeCrc: crcCheck },
    crcCheck,
    writeMode: opts.writeMode ?? 'mixed',
    log: opts.log ?? (() => undefined),
  };
  const requests: CsobSimulator['requests'] = [];
  const ports = new Set<TerminalPort>();

  const server = net.createServer((socket) => {
    const port = new TerminalPort(
      socket,
      settings,
      (from, message) => {
        if (message.type === 'B1') {
          requests.push(message);
          terminal.onRequest(from, message);
        } else if (message.type === 'B3') {
          terminal.onReceiptRequest(from, message.part);
        }
        // B0 from the register acknowledges our B2/B4: nothing to do.
      },
      (closed) => {
        ports.delete(closed);
        terminal.onDisconnect(closed);
      },
    );
    ports.add(port);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as net.AddressInfo;

  return {
    host: address.address,
    port: address.port,
    terminalId,
    ledger: terminal.ledger.entries,
    requests,
    setDelay: (ms) => void (terminal.switches.delayMs = ms),
    setConfirmationFlag: (on) => void (terminal.switches.confirmationFlag = on),
    injectFault: (fault) => terminal.injectFault(fault),
    dropConnections: () => ports.forEach((port) => port.destroy()),
    close: () =>
      new Promise<void>((resolve) => {
        ports.forEach((port) => port.destroy());
        server.close(() => resolve());
      }),
  };
}
