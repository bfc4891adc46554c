// A ČSOB terminal in server mode on TCP (csob-b.md): the letter-field family simulator with the
// ČSOB profile and answers.
import { CSOB_PROFILE, withCashbackField } from '../../drivers/csob/profile.js';
import type { SimulatorFactory } from '../terminal-simulator.js';
import {
  type LetterFieldSimulator,
  type LetterFieldSimulatorOptions,
  startLetterFieldSimulator,
} from '../letter-field/server.js';
import { CSOB_SCRIPT } from './script.js';

export type { Fault, LedgerEntry, WriteMode } from '../letter-field/server.js';
export { SIMULATED_CARD_NUMBER } from '../letter-field/server.js';

export interface CsobSimulatorOptions extends LetterFieldSimulatorOptions {
  /** Must match the driver's `cashbackFieldId` option. */
  cashbackFieldId?: string;
}

export type CsobSimulator = LetterFieldSimulator;

export const startCsobSimulator = ((opts: CsobSimulatorOptions = {}): Promise<CsobSimulator> => {
  const profile = opts.cashbackFieldId ? withCashbackField(CSOB_PROFILE, opts.cashbackFieldId) : CSOB_PROFILE;
  return startLetterFieldSimulator(profile, CSOB_SCRIPT, opts);
}) satisfies SimulatorFactory;
