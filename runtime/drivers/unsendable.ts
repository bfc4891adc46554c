// What every driver refuses before anything reaches the wire. The bindings check first; a driver
// refuses again rather than send something the terminal would misread or the cloud would round.
import type { TransactionResult } from '../terminals/driver.js';

/** A positive whole number of minor units that a double holds exactly. */
export function isMinorAmount(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0;
}

/** The terminal cannot do this, or cannot carry these values: failed, and nothing was sent. */
export function notSupported(): TransactionResult {
  return { outcome: 'failed', reason: 'not-supported', responseCode: '' };
}
