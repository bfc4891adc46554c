import type { Catalog } from './catalog.js';

export const en: Catalog = {
  outcomes: {
    approved: 'Approved',
    declined: 'Declined',
    cancelled: 'Cancelled',
    failed: 'The transaction failed',
    'in-doubt': 'The result of the transaction is not known yet; check it before charging again',
  },
  reasons: {
    'insufficient-funds': 'Declined: insufficient funds on the card',
    'issuer-declined': 'Declined by the card issuer',
    'customer-cancelled': 'Cancelled by the customer on the terminal',
    'merchant-aborted': 'Cancelled by the cash desk',
    'card-removed': 'The card was removed before the transaction finished',
    'card-error': 'The card could not be read',
    'card-expired': 'The card has expired',
    'card-not-yet-valid': 'The card is not valid yet',
    'card-blocked': 'The card is blocked',
    'terminal-busy': 'The terminal is busy with another operation; try again in a moment',
    duplicate: 'Declined as a duplicate of an earlier transaction',
    timeout: 'The terminal did not answer in time; the transaction failed',
    'connection-refused': 'Cannot connect to the terminal; check that it is switched on and on the network',
    'connection-lost': 'The connection to the terminal was lost and the result could not be recovered',
    'dropped-by-newer-client': 'This client was replaced by a newer one on the same terminal',
    'client-freed': 'This client has already been released with Free',
    'malformed-answer': 'The terminal sent an answer that cannot be understood',
    'not-supported': 'This operation is not supported by this terminal',
    declined: 'Declined',
    unknown: 'The terminal reported an unknown result',
  },
};
