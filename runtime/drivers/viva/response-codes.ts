// What a Viva code means in protocol-neutral terms. Three code spaces meet here (viva.md):
// - ISO 8583 response codes, as webhooks and transactions carry them (EventData.ResponseCode).
// - Viva's transaction event ids: the issuer declines are 10000 + the ISO code, as Viva's
//   published "Event ID codes" list has them (10001 Refer to card issuer, 10005 Do not honor, …).
// - The cloud terminal's session results: an `eventId` of the ECR API (1006 declined by the
//   server, 1099 generic error) and a `message` that says more ("Transaction canceled by user").
//   The message is read first; what neither explains is a final refusal that keeps Viva's words.
// Codes we made up ourselves are never numbers, so they cannot collide with an id Viva uses.
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

/** Viva's event id of an issuer decline: 10000 + the ISO code (Viva's "Event ID codes" list). */
const ISSUER_EVENT_BASE = 10_000;

/**
 * Terminal-side refusals of an order (orders style). Viva's legacy listing has no public code for
 * them, so these are ours, and only the simulator sends them; Viva's real codes replace them here.
 */
export const TERMINAL_CODE = {
  customerCancelled: 'terminal-cancelled',
  cardRemoved: 'card-removed',
  terminalBusy: 'terminal-busy',
} as const;

const TERMINAL_CODES: Readonly<Record<string, VivaCodeMeaning>> = {
  [TERMINAL_CODE.customerCancelled]: { outcome: 'failed', reason: 'customer-cancelled', inferred: true },
  [TERMINAL_CODE.cardRemoved]: { outcome: 'declined', reason: 'card-removed', inferred: true },
  [TERMINAL_CODE.terminalBusy]: { outcome: 'failed', reason: 'terminal-busy', inferred: true },
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
    .map(([code, meaning]) => [String(ISSUER_EVENT_BASE + Number(code)), meaning]),
);

/** The codes with a catalog text of their own (i18n/codes/viva.ts). */
export const VIVA_RESPONSE_CODES: Readonly<Record<string, VivaCodeMeaning>> = {
  ...ISO_CODES,
  ...ISSUER_EVENTS,
  ...TERMINAL_CODES,
  ...HOST_CODES,
};

export const KNOWN_VIVA_RESPONSE_CODES: readonly string[] = Object.keys(VIVA_RESPONSE_CODES);

/** Cloud-terminal session event ids seen in public production answers (viva.md, "Event ids and messages"). */
export const ECR_EVENT = {
  success: 0,
  /** "Transaction declined by server" (also Viva's 1803 webhook example). */
  declinedByServer: 1006,
  /** "Generic transaction error". */
  genericError: 1099,
} as const;

const ECR_EVENTS: Readonly<Record<string, VivaCodeMeaning>> = {
  [ECR_EVENT.declinedByServer]: { outcome: 'declined', reason: 'issuer-declined' },
  [ECR_EVENT.genericError]: { outcome: 'failed', reason: 'unknown' },
};

/**
 * Session messages, compared without case or a trailing full stop. Viva sends them with an event
 * id that does not tell them apart (a cancel and an unreadable card both come as a failed session).
 */
const ECR_MESSAGES: Readonly<Record<string, VivaCodeMeaning>> = {
  // As integrators quote them (viva.md, "Event ids and messages").
  'transaction canceled by user': { outcome: 'failed', reason: 'customer-cancelled' },
  'invalid card': { outcome: 'declined', reason: 'card-error' },
  // Viva's reason text of event 10051; inferred to come back as a session message too.
  'insufficient funds': { outcome: 'declined', reason: 'insufficient-funds', inferred: true },
  'expired card': { outcome: 'declined', reason: 'card-expired', inferred: true },
  'card removed': { outcome: 'declined', reason: 'card-removed', inferred: true },
  'terminal busy': { outcome: 'failed', reason: 'terminal-busy', inferred: true },
  'duplicate transaction': { outcome: 'declined', reason: 'duplicate', inferred: true },
};

/** The Viva event id of an ISO issuer decline. */
export function eventIdOfIsoCode(code: string): string {
  return String(ISSUER_EVENT_BASE + Number(code));
}

/**
 * The meaning of a code (and the cloud's message, if any) on a transaction that did not charge the
 * card. An unknown one is still a final refusal (viva.md: "an unknown one is final"), so it reads
 * as a plain decline; the message then stays in the result as Viva's own words.
 */
export function meaningOfRefusal(code: string, message?: string): VivaCodeMeaning {
  const known = VIVA_RESPONSE_CODES[code] ?? ECR_MESSAGES[normalized(message)] ?? ECR_EVENTS[code];
  if (known && known.outcome !== 'approved') return known;
  return { outcome: 'declined', reason: 'declined' };
}

function normalized(message: string | undefined): string {
  return (message ?? '').trim().replace(/\.$/, '').toLowerCase();
}
