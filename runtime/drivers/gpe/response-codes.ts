// GPE response codes and their protocol-neutral meaning. GPE's own table is not public (gpe.md:
// "Defined codes" exist only in the certification documents), so every entry is inferred: host
// answers follow ISO 8583 two-digit action codes, which acquirers' hosts pass through, and the
// terminal's own refusals get `T`-codes of our choosing. Replace the table with the bank's.
import { type ResponseCodeTable, codesOf } from '../letter-field/response-codes.js';

export const GPE_RESPONSE_CODES: ResponseCodeTable = {
  entries: [
    { code: '00', outcome: 'approved', meaning: 'approved', inferred: true },
    { code: '01', outcome: 'declined', reason: 'issuer-declined', meaning: 'refer to card issuer', inferred: true },
    { code: '05', outcome: 'declined', reason: 'issuer-declined', meaning: 'do not honour', inferred: true },
    { code: '14', outcome: 'declined', reason: 'card-error', meaning: 'invalid card number', inferred: true },
    { code: '51', outcome: 'declined', reason: 'insufficient-funds', meaning: 'insufficient funds', inferred: true },
    { code: '54', outcome: 'declined', reason: 'card-expired', meaning: 'expired card', inferred: true },
    { code: '55', outcome: 'declined', reason: 'declined', meaning: 'incorrect PIN', inferred: true },
    { code: '62', outcome: 'declined', reason: 'card-blocked', meaning: 'restricted card', inferred: true },
    { code: '94', outcome: 'declined', reason: 'duplicate', meaning: 'duplicate transaction', inferred: true },
    // Also the answer to a passivation, as ČSOB's -01 is.
    { code: 'T1', outcome: 'failed', reason: 'customer-cancelled', meaning: 'cancelled by customer or operator', inferred: true },
    { code: 'T2', outcome: 'failed', reason: 'terminal-busy', meaning: 'terminal busy, cannot do it now', inferred: true },
    { code: 'T3', outcome: 'declined', reason: 'card-removed', meaning: 'card removed before completion', inferred: true },
    { code: 'T4', outcome: 'declined', reason: 'card-error', meaning: 'card cannot be read', inferred: true },
    { code: 'T5', outcome: 'failed', reason: 'timeout', meaning: 'timeout on the terminal', inferred: true },
    {
      code: 'T6',
      outcome: 'failed',
      reason: 'not-supported',
      meaning: 'operation not supported by the terminal',
      inferred: true,
    },
  ],
  // Any other two-digit code is the issuer's answer passed through.
  hostCodePattern: /^\d{2}$/,
};

export const KNOWN_GPE_RESPONSE_CODES: readonly string[] = codesOf(GPE_RESPONSE_CODES);
