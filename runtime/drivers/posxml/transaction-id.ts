// Our TransactionID (spec §2.3: C-16, "unique transaction ID, issued by accounting system") from
// the request's reference, which is unique per host. The same reference always gives the same id,
// so a lost result can be looked up by it even after a restart.
import { createHash } from 'node:crypto';

export const TRANSACTION_ID_MAX = 16;

/**
 * A reference of 1–16 printable ASCII characters is used as it is (readable in the terminal's
 * own reports); a longer one becomes 16 characters of its SHA-256 in base64url (96 bits).
 */
export function transactionIdFor(reference: string): string {
  if (new RegExp(`^[\\x21-\\x7e]{1,${TRANSACTION_ID_MAX}}$`).test(reference)) return reference;
  return createHash('sha256').update(reference, 'utf8').digest('base64url').slice(0, TRANSACTION_ID_MAX);
}
