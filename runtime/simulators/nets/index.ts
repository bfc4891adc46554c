// A NETS Connect@Cloud cloud with one terminal, over real HTTP (nets-connect-cloud.md, "What the
// simulator must do"), behind the protocol-neutral TerminalSimulator contract plus NETS switches.
import { OutcomePlan } from '../outcome-table.js';
import type { SimulatorStartOptions, TerminalSimulator } from '../terminal-simulator.js';
import { type LoginFailureCode, SimulatedAccount } from './account.js';
import { type CallRecord, CloudServer } from './server.js';
import { type ScriptedFailure, SimulatedTerminal } from './terminal.js';

/** The simulator's account unless told otherwise; the driver's `username`/`password` options. */
export const NETS_SIMULATOR_ACCOUNT = { username: 'payscript-sim', password: 'sim-password' } as const;

/** What Nets prints on receipts: the first six and last four digits (already truncated). */
export const NETS_SIMULATED_CARD_NUMBER = '476173******0119';

export interface NetsSimulatorOptions extends SimulatorStartOptions {
  username?: string;
  password?: string;
  /** Terminals bound to the account; default: just `terminalId`. */
  accountTerminals?: string[];
  /** Token lifetime; short values exercise renewal. Default one hour. */
  tokenLifetimeSeconds?: number;
  /** How long a finished transaction stays invisible to a lookup (notes: ~5 s). Default 5000. */
  lookupLagMs?: number;
  /** "Terminal busy" after each transaction for this long. Default 0. */
  busyWindowMs?: number;
  /** The terminal refuses payments until a reconciliation (the account model's first step). */
  requireReconciliation?: boolean;
  currency?: string;
  /** What the terminal reports as the card number (tests pass a full one to prove masking). */
  cardNumber?: string;
}

export interface NetsSimulator extends TerminalSimulator {
  /** Every later login fails with this code, until cleared with undefined. */
  failLogins(code: LoginFailureCode | undefined): void;
  /** Every token issued so far is refused (401) from now on. */
  expireTokens(): void;
  setOffline(offline: boolean): void;
  setBusyWindow(ms: number): void;
  setLookupLag(ms: number): void;
  requireReconciliation(): void;
  /** The next transaction ends with the cloud's own free text instead of a category we know. */
  failNextTransaction(failure: ScriptedFailure): void;
  logins(): number;
  /** Every HTTP call, in order, with the status it got (0 when it got none). */
  calls(): readonly CallRecord[];
}

export async function startNetsSimulator(options: NetsSimulatorOptions = {}): Promise<NetsSimulator> {
  const host = options.host ?? '127.0.0.1';
  const terminalId = options.terminalId ?? 'NETS0001';
  const account = new SimulatedAccount(
    options.username ?? NETS_SIMULATOR_ACCOUNT.username,
    options.password ?? NETS_SIMULATOR_ACCOUNT.password,
    options.accountTerminals ?? [terminalId],
    options.tokenLifetimeSeconds ?? 3600,
  );
  const terminal = new SimulatedTerminal({
    terminalId,
    currency: options.currency ?? 'EUR',
    cardNumber: options.cardNumber ?? NETS_SIMULATED_CARD_NUMBER,
    delayMs: options.delayMs ?? 0,
    lookupLagMs: options.lookupLagMs ?? 5000,
    busyWindowMs: options.busyWindowMs ?? 0,
    orphanedFlow: options.orphanedFlow ?? 'drop',
  });
  terminal.outcomes = new OutcomePlan(options.forcedOutcome);
  terminal.reconciliationRequired = options.requireReconciliation ?? false;
  const server = new CloudServer(account, terminal);
  const port = await server.listen(host, options.port ?? 0);
  return {
    host,
    port,
    terminalId,
    bookings: () => terminal.ledger,
    received: () => terminal.requests,
    setDelay: (ms) => (terminal.settings.delayMs = ms),
    injectFault: (fault) => terminal.injectFault(fault),
    dropConnections: () => server.dropConnections(),
    comeBack: () => terminal.reachability.comeBack(),
    failLogins: (code) => account.failLogins(code),
    expireTokens: () => account.expireTokens(),
    setOffline: (offline) => (terminal.offline = offline),
    setBusyWindow: (ms) => (terminal.settings.busyWindowMs = ms),
    setLookupLag: (ms) => (terminal.settings.lookupLagMs = ms),
    requireReconciliation: () => (terminal.reconciliationRequired = true),
    failNextTransaction: (failure) => terminal.failNext(failure),
    logins: () => account.logins,
    calls: () => server.calls,
    async close() {
      terminal.close();
      await server.close();
    },
  };
}

export type { LoginFailureCode } from './account.js';
export type { CallRecord } from './server.js';
export type { ScriptedFailure } from './terminal.js';
