// What a rehearsal cell left at the bank and in the journal, in one phrase: the soak's audit of the
// journal against the simulator's own record, read for a single run.
import type { AuditFigures } from '../soak/ledger-audit.js';

export type JournalVerdict =
  'double charge' | 'charged, not in journal' | 'in doubt left behind' | 'charged once' | 'refused' | 'not charged';

/** The worst thing the figures show comes first: a double charge hides nothing else worth saying. */
export function journalVerdict(figures: AuditFigures, standingCharges: number): JournalVerdict {
  if (figures.doubleCharges > 0) return 'double charge';
  if (figures.lostApprovedPayments > 0) return 'charged, not in journal';
  if (figures.unsettledInDoubt > 0) return 'in doubt left behind';
  if (standingCharges > 0) return 'charged once';
  if (figures.refused > 0) return 'refused';
  return 'not charged';
}
