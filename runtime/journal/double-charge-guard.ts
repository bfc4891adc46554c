// No document is charged twice by mistake: a payment for a document that already has an approved
// payment (not reversed since) or one whose outcome is unknown is refused, unless the script says
// AllowRepeat = true. The journal is the memory across runs, desks, host restarts and hosts: the
// store applies this rule and writes its answer in one step (JournalStore.appendGuarded).
import { CHARGES, UNSETTLED, type DocumentCharge, type NewTransaction } from './journal-store.js';
import type { Refusal } from './refusals.js';

export function repeatRefusal(
  transaction: Pick<NewTransaction, 'kind' | 'documentReference' | 'allowRepeat'>,
  charges: readonly DocumentCharge[],
): Refusal | undefined {
  const { kind, documentReference, allowRepeat } = transaction;
  if (allowRepeat || documentReference === undefined || !CHARGES.includes(kind)) return undefined;
  if (charges.some(({ entry, reversed }) => entry.status === 'approved' && !reversed)) return 'already-paid';
  if (charges.some(({ entry }) => UNSETTLED.includes(entry.status))) return 'payment-in-doubt';
  return undefined;
}
