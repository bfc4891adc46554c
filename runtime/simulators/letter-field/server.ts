// A letter-field terminal in server mode on TCP, for tests and `payscript simulate`: the register
// (our driver) connects to it exactly as to a real terminal. The bank's simulator (csob/, gpe/)
// gives the profile and the script; this module wires sockets, terminal and test hooks.
import net from 'node:net';
import type { TransactionRequest } from '../../drivers/letter-field/messages.js';
import type { LetterFieldProfile } from '../../drivers/letter-field/profile.js';
import { OutcomePlan } from '../outcome-table.js';
import type {
  SimulatedBooking,
  SimulatedFault,
  SimulatedOperation,
  SimulatorStartOptions,
  TerminalSimulator,
} from '../terminal-simulator.js';
import type { LedgerEntry } from './ledger.js';
import { TerminalPort, type WriteMode } from './port.js';
import type { SimulatorScript } from './script.js';
import { type Fault, SimulatedTerminal } from './terminal.js';

/** The test hooks every family simulator takes beyond the neutral start options. */
export interface LetterFieldSimulatorOptions extends SimulatorStartOptions {
  keepAliveMs?: number;
  crcCheck?: boolean;
  /** How frames are cut into writes; `mixed` (merged, then split) unless told otherwise. */
  writeMode?: WriteMode;
  /** Flag approved results so the register confirms them with a last-transaction query. */
  confirmationFlag?: boolean;
  /** Send full card numbers in results, as some terminals do. */
  fullCardNumber?: boolean;
  /** Where the simulator reports frames it ignored. */
  log?: (message: string) => void;
}

export interface LetterFieldSimulator extends TerminalSimulator {
  /** The bank's own record: every approved charge, refund, reversal and close. */
  readonly ledger: LedgerEntry[];
  /** Every request the terminal received, in order (to prove a request was never sent twice). */
  readonly requests: Omit<TransactionRequest, 'type'>[];
  setConfirmationFlag(on: boolean): void;
  /** The next result goes wrong in this way (one shot); a neutral fault hits the next financial result. */
  injectFault(fault: Fault | SimulatedFault): void;
}

export async function startLetterFieldSimulator(
  profile: LetterFieldProfile,
  script: SimulatorScript,
  opts: LetterFieldSimulatorOptions,
): Promise<LetterFieldSimulator> {
  const terminalId = opts.terminalId ?? 'SIM00001';
  const terminal = new SimulatedTerminal(
    terminalId,
    {
      delayMs: opts.delayMs ?? 0,
      keepAliveMs: opts.keepAliveMs ?? 1000,
      confirmationFlag: opts.confirmationFlag ?? false,
      fullCardNumber: opts.fullCardNumber ?? false,
      orphanedFlow: opts.orphanedFlow ?? 'drop',
    },
    profile,
    script,
  );
  terminal.outcomes = new OutcomePlan(opts.forcedOutcome);
  const crcCheck = opts.crcCheck ?? false;
  const settings = {
    terminalId,
    dialect: { profile, computeCrc: crcCheck },
    crcCheck,
    writeMode: opts.writeMode ?? 'mixed',
    log: opts.log ?? (() => undefined),
  };
  const requests: LetterFieldSimulator['requests'] = [];
  const ports = new Set<TerminalPort>();

  const server = net.createServer((socket) => {
    if (!terminal.reachability.admit(socket)) return;
    const port = new TerminalPort(
      socket,
      settings,
      (from, message) => {
        if (message.type === 'request') {
          const { type: _type, ...request } = message;
          requests.push(request);
          terminal.onRequest(from, message);
        } else if (message.type === 'receipt-request') {
          terminal.onReceiptRequest(from, message.part);
        }
        // An activity message from the register acknowledges our result or page: nothing to do.
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
  const ledger = terminal.ledger.entries;

  return {
    host: address.address,
    port: address.port,
    terminalId,
    ledger,
    requests,
    bookings: () => ledger.map(toBooking),
    received: () =>
      requests.flatMap((request) => {
        const operation = terminal.operationOf(request.transactionType);
        return operation ? [received(operation, request.amountMinor)] : [];
      }),
    setDelay: (ms) => void (terminal.switches.delayMs = ms),
    setConfirmationFlag: (on) => void (terminal.switches.confirmationFlag = on),
    injectFault: (fault) => terminal.injectFault(typeof fault === 'string' ? { kind: fault } : fault),
    dropConnections: () => ports.forEach((port) => port.destroy()),
    comeBack: () => terminal.reachability.comeBack(),
    close: () =>
      new Promise<void>((resolve) => {
        ports.forEach((port) => port.destroy());
        server.close(() => resolve());
      }),
  };
}

/** The ledger's signed charge in the neutral shape: the purchase, with cashback apart. */
function toBooking(entry: LedgerEntry): SimulatedBooking {
  return {
    operation: entry.kind,
    amountMinor: Math.abs(entry.amountMinor) - (entry.cashbackMinor ?? 0),
    ...(entry.cashbackMinor !== undefined && { cashbackMinor: entry.cashbackMinor }),
    ...(entry.authorizationCode !== '' && { authorizationCode: entry.authorizationCode }),
    ...(entry.reversed && { reversed: true }),
  };
}

function received(operation: SimulatedOperation, amountMinor: number | undefined) {
  return amountMinor === undefined ? { operation } : { operation, amountMinor };
}

export type { WriteMode } from './port.js';
export type { Fault } from './terminal.js';
export type { LedgerEntry } from './ledger.js';
export { SIMULATED_CARD_NUMBER } from './terminal.js';
