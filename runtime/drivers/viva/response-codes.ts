// What a Viva code means in protocol-neutral terms. Two code spaces meet here:
// - ISO 8583 response codes, as webhooks and transactions carry them (viva.md, "EventData").
// - Viva event ids, the only code a cloud-terminal session carries. Their meanings are not public
//   (viva.md): the issuer declines are taken to be 10000 + the ISO code, as Viva's published event
//   list reads, and the terminal-side ids (11xx) are ours. Both are inferred and stay data here, so
//   Viva's certified list replaces them without code changes.
// The `success` flag or the StatusId decides whether money moved; a code only explains why not.
import type { Outcome, Reason } from '../../terminals/driver.js';

export interface VivaCodeMeaning {
  outcome: Exclude<Outcome, 'in-doubt'>;
  reason?: Reason;
  inferred?: boolean;
}

const ISO_CODES: Readonly<Record<string, VivaCodeMeaning>> = {
  '00': { outcome: 'approved' },
  '05': { outcome: 'declined', reason: 'issuer-declined' },
  '14': { outcome: 'declined', reason: 'card-error' },
  '41': { outcome: 'declined', reason: 'card-blocked' },
  '43': { outcome: 'declined', reason: 'card-blocked' },
  '51': { outcome: 'declined', reason: 'insufficient-funds' },
  '54': { outcome: 'declined', reason: 'card-expired' },
  '55': { outcome: 'declined', reason: 'declined' },
  '57': { outcome: 'declined', reason: 'issuer-declined' },
  '62': { outcome: 'declined', reason: 'card-blocked' },
  // "Duplicate transmission".
  '94': { outcome: 'declined', reason: 'duplicate' },
};

/** Issuer declines as Viva event ids: 10000 + the ISO code (inferred, see above). */
const ISSUER_EVENT_BASE = 10_000;

/** Terminal-side events with no ISO code (inferred numbering). */
export const TERMINAL_EVENT = {
  customerCancelled: '1100',
  cardRemoved: '1101',
  terminalBusy: '1102',
  abortedByCashRegister: '1103',
  terminalTimeout: '1104',
} as const;

const TERMINAL_EVENTS: Readonly<Record<string, VivaCodeMeaning>> = {
  [TERMINAL_EVENT.customerCancelled]: { outcome: 'failed', reason: 'customer-cancelled', inferred: true },
  [TERMINAL_EVENT.cardRemoved]: { outcome: 'declined', reason: 'card-removed', inferred: true },
  [TERMINAL_EVENT.terminalBusy]: { outcome: 'failed', reason: 'terminal-busy', inferred: true },
  [TERMINAL_EVENT.abortedByCashRegister]: { outcome: 'cancelled', reason: 'merchant-aborted', inferred: true },
  [TERMINAL_EVENT.terminalTimeout]: { outcome: 'failed', reason: 'timeout', inferred: true },
};

/** Our own codes for answers of the cloud itself, which carry no Viva code. */
export const HOST_CODE = {
  /** "The credentials could not be validated", also after a fresh login. */
  loginFailed: 'login-failed',
  /** A 4xx answer, or ErrorCode ≠ 0: the request was refused as sent. */
  requestRejected: 'request-rejected',
} as const;

const HOST_CODES: Readonly<Record<string, VivaCodeMeaning>> = {
  [HOST_CODE.loginFailed]: { outcome: 'failed', reason: 'unknown' },
  [HOST_CODE.requestRejected]: { outcome: 'failed', reason: 'unknown' },
};

const ISSUER_EVENTS: Readonly<Record<string, VivaCodeMeaning>> = Object.fromEntries(
  Object.entries(ISO_CODES)
    .filter(([code]) => code !== '00')
    .map(([code, meaning]) => [String(ISSUER_EVENT_BASE + Number(code)), { ...meaning, inferred: true }]),
);

export const VIVA_RESPONSE_CODES: Readonly<Record<string, VivaCodeMeaning>> = {
  ...ISO_CODES,
  ...ISSUER_EVENTS,
  ...TERMINAL_EVENTS,
  ...HOST_CODES,
};

export const KNOWN_VIVA_RESPONSE_CODES: readonly string[] = Object.keys(VIVA_RESPONSE_CODES);

/** The Viva event id of an ISO issuer decline (used by the simulator to answer like Viva). */
export function eventIdOfIsoCode(code: string): string {
  return String(ISSUER_EVENT_BASE + Number(code));
}

/**
 * The meaning of a code on a transaction that did not charge the card. An unknown code is still a
 * final refusal (viva.md: "an unknown one is final"), so it reads as a plain decline.
 */
export function meaningOfRefusal(code: string): VivaCodeMeaning {
  const known = VIVA_RESPONSE_CODES[code];
  if (known && known.outcome !== 'approved') return known;
  return { outcome: 'declined', reason: 'declined' };
}
