// A GPE terminal in server mode on TCP (gpe.md): the letter-field family simulator with the GPE
// profile and answers. GPE's public port example is 2050; tests pass 0 for any free port.
import { GPE_PROFILE } from '../../drivers/gpe/profile.js';
import type { SimulatorFactory } from '../terminal-simulator.js';
import {
  type LetterFieldSimulator,
  type LetterFieldSimulatorOptions,
  startLetterFieldSimulator,
} from '../letter-field/server.js';
import { GPE_SCRIPT } from './script.js';

export type GpeSimulatorOptions = LetterFieldSimulatorOptions;
export type GpeSimulator = LetterFieldSimulator;

export const startGpeSimulator = ((opts: GpeSimulatorOptions = {}): Promise<GpeSimulator> =>
  startLetterFieldSimulator(GPE_PROFILE, GPE_SCRIPT, opts)) satisfies SimulatorFactory;
