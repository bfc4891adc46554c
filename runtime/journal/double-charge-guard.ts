// No document is charged twice by mistake: a payment for a document that already has an approved
// payment (not reversed since) or one whose outcome is unknown is refused, unless the script says
// AllowRepeat = true. The journal is the memory across runs, desks and host restarts.
import { CHARGES, UNSETTLED, type JournalStore, type NewTransaction } from './journal-store.js';
import type { Refusal } from './refusals.js';

export async function repeatRefusal(
  store: Pick<JournalStore, 'chargesFor'>,
  transaction: Pick<NewTransaction, 'kind' | 'documentReference' | 'allowRepeat'>,
): Promise<Refusal | undefined> {
  const { kind, documentReference, allowRepeat } = transaction;
  if (allowRepeat || documentReference === undefined || !CHARGES.includes(kind)) return undefined;
  const charges = await store.chargesFor(documentReference);
  if (charges.some(({ entry, reversed }) => entry.status === 'approved' && !reversed)) return 'already-paid';
  if (charges.some(({ entry }) => UNSETTLED.includes(entry.status))) return 'payment-in-doubt';
  return undefined;
}
