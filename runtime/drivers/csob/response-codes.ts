// ČSOB response codes (field R) and their protocol-neutral meaning (csob-b.md, "Response codes").
// Exported whole so the localisation catalogs can list every code the driver knows.
import { type ResponseCodeTable, codesOf } from '../letter-field/response-codes.js';

export const CSOB_RESPONSE_CODES: ResponseCodeTable = {
  entries: [
    { code: '000', outcome: 'approved', meaning: 'approved' },
    // Also the normal answer to T81 passivate.
    { code: '-01', outcome: 'failed', reason: 'customer-cancelled', meaning: 'cancelled by customer or operator' },
    { code: '-02', outcome: 'failed', reason: 'terminal-busy', meaning: 'terminal busy, cannot do it now', inferred: true },
    // No public code for a card pulled out mid-transaction; kept apart from -09 so the cashier sees
    // the precise reason. Replace with the bank's code when known.
    { code: '-08', outcome: 'declined', reason: 'card-removed', meaning: 'card removed before completion', inferred: true },
    { code: '-09', outcome: 'declined', reason: 'card-error', meaning: 'card error' },
    { code: '-10', outcome: 'declined', reason: 'card-expired', meaning: 'card expired' },
    { code: '-11', outcome: 'declined', reason: 'card-not-yet-valid', meaning: 'card not yet valid' },
    { code: '-12', outcome: 'declined', reason: 'insufficient-funds', meaning: 'insufficient funds' },
    { code: '-18', outcome: 'failed', reason: 'timeout', meaning: 'timeout' },
    { code: '-21', outcome: 'failed', reason: 'unknown', meaning: 'operation discarded' },
    { code: '-29', outcome: 'declined', reason: 'card-blocked', meaning: 'card blocked' },
  ],
  // A three-digit code other than 000 is the host's (issuer's) answer passed through; any other
  // unknown shape is the terminal's own refusal. "Duplicate" has no public code and lands there.
  hostCodePattern: /^\d{3}$/,
};

export const KNOWN_CSOB_RESPONSE_CODES: readonly string[] = codesOf(CSOB_RESPONSE_CODES);
