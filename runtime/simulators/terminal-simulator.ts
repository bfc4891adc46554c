// What every simulator offers beyond its wire protocol, so one conformance suite can drive any of
// them: the bank side's own record of bookings, the requests the terminal received, and switches
// for delays and faults. Everything here is protocol-neutral.

import type { ForcedOutcome } from './outcome-table.js';

export type SimulatedOperation = 'sale' | 'sale-with-cashback' | 'refund' | 'reversal' | 'close';

/** One entry of the simulated bank's own record. */
export interface SimulatedBooking {
  operation: SimulatedOperation;
  /** Minor units as booked (a sale with cashback books the purchase; cashback apart). */
  amountMinor: number;
  cashbackMinor?: number;
  authorizationCode?: string;
  /** Set on a charge once a reversal cancelled it. */
  reversed?: boolean;
}

/**
 * What the terminal does with a card flow whose register is gone (the host died during it).
 * 'drop': it ends the flow unpaid, as soon as it sees the register leave (the connection that
 * started the flow closes) or, where it cannot see that (Viva's cloud), when a stop arrives.
 * 'finish': the card is in, so the flow runs to its scripted end (approved after the register is
 * gone, by the outcome table), and a stop arriving meanwhile is answered only once it has ended.
 * A flow whose register is still there is stopped at once either way (the merchant's abort),
 * where the terminal can tell; Viva's cloud cannot, so there 'finish' lets every running payment end.
 */
export type OrphanedFlow = 'drop' | 'finish';

export interface SimulatorStartOptions {
  host?: string;
  /** 0 = any free port. */
  port?: number;
  terminalId?: string;
  /** Card-flow duration: about 1500 ms feels like a cashier, 0 in tests. */
  delayMs?: number;
  /** Default 'drop'. */
  orphanedFlow?: OrphanedFlow;
  /** Ends the n-th sale or refund this way instead of by the amount's cents. */
  forcedOutcome?: ForcedOutcome;
}

/** One-shot faults for the next financial result. */
export type SimulatedFault =
  /** Noise instead of the result; nothing is booked. */
  | 'garbage'
  /** The result cut short; nothing is booked. */
  | 'truncated'
  /** Approved and booked, but the result is never sent: only recovery can find it. */
  | 'withhold';

export interface TerminalSimulator {
  readonly host: string;
  readonly port: number;
  readonly terminalId: string;
  /** The simulated bank's record, in booking order. */
  bookings(): readonly SimulatedBooking[];
  /** Every financial request the terminal received, in order (proves nothing was sent twice). */
  received(): readonly { operation: SimulatedOperation; amountMinor?: number }[];
  setDelay(ms: number): void;
  injectFault(fault: SimulatedFault): void;
  /** Closes every open connection at once, like a cut cable. */
  dropConnections(): void;
  /** A terminal gone dark (outcome 'approve-then-drop' with `dark`) is reachable again; otherwise nothing. */
  comeBack(): void;
  close(): Promise<void>;
}

export type SimulatorFactory = (options: SimulatorStartOptions) => Promise<TerminalSimulator>;

/** A protocol's simulator as the registry loads it: how to start one, and how a driver reaches it. */
export interface SimulatorKit {
  start: SimulatorFactory;
  /**
   * The driver options a terminal needs to reach this running simulator (its credentials, its
   * further ports), in the integration style given where the protocol has several.
   */
  driverOptions(simulator: TerminalSimulator, style?: string): Record<string, unknown>;
  /** What else is worth printing about a running simulator (`payscript simulate`). */
  note?(simulator: TerminalSimulator): string;
}
