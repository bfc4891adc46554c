// ČSOB driver settings: the family's session options plus the one ČSOB-only switch, the field of
// the cashback amount (csob-b.md, "Fields": not public, so configurable).
import * as z from 'zod';
import { letterFieldOptionsSchema } from '../letter-field/options.js';
import { usedFieldIds } from '../letter-field/profile.js';
import { CSOB_PROFILE, DEFAULT_CASHBACK_FIELD_ID } from './profile.js';

const RESERVED_FIELD_IDS = usedFieldIds(CSOB_PROFILE).filter((id) => id !== DEFAULT_CASHBACK_FIELD_ID);

export const csobOptionsSchema = letterFieldOptionsSchema(CSOB_PROFILE, {
  // Not public: `C` is inferred.
  cashbackFieldId: z
    .string()
    .regex(/^[\x21-\x7e]$/, 'must be one printable character')
    .refine((id) => !RESERVED_FIELD_IDS.includes(id), `must not be a field already used (${RESERVED_FIELD_IDS.join(' ')})`)
    .default(DEFAULT_CASHBACK_FIELD_ID)
    .describe('Field id of the cashback amount in a payment with cashback (T08), as the bank set up the terminal.'),
});

export type CsobOptions = z.output<typeof csobOptionsSchema>;
