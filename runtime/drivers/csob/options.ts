// ČSOB driver settings: the family's session options plus the one ČSOB-only switch, the field of
// the cashback amount (csob-b.md, "Fields": not public, so configurable).
import type { TerminalConfig } from '../../terminals/driver.js';
import { type Result, err, ok } from '../../protocol/result.js';
import { type OptionSpecs, SESSION_OPTION_DEFAULTS, type SessionOptions, parseOptions } from '../letter-field/options.js';
import { usedFieldIds } from '../letter-field/profile.js';
import { CSOB_PROFILE, DEFAULT_CASHBACK_FIELD_ID } from './profile.js';

export interface CsobOptions extends SessionOptions {
  /** Field id of the cashback amount in T08; not public, `C` is inferred. */
  cashbackFieldId: string;
}

export const CSOB_OPTION_DEFAULTS = { ...SESSION_OPTION_DEFAULTS, cashbackFieldId: DEFAULT_CASHBACK_FIELD_ID } as const;

const RESERVED_FIELD_IDS = usedFieldIds(CSOB_PROFILE).filter((id) => id !== DEFAULT_CASHBACK_FIELD_ID);

const CSOB_EXTRAS: OptionSpecs<Pick<CsobOptions, 'cashbackFieldId'>> = {
  cashbackFieldId: {
    default: DEFAULT_CASHBACK_FIELD_ID,
    parse: (value) =>
      typeof value === 'string' && /^[\x21-\x7e]$/.test(value) && !RESERVED_FIELD_IDS.includes(value)
        ? ok(value)
        : err(`must be one printable character not already used (${RESERVED_FIELD_IDS.join(' ')}), got ${JSON.stringify(value)}`),
  },
};

export function parseCsobOptions(config: TerminalConfig): Result<CsobOptions, string[]> {
  return parseOptions(config, CSOB_PROFILE, CSOB_EXTRAS);
}
