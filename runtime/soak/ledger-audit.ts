// The end of a soak: the journal against each simulator's own record of what the bank booked.
// A booking the journal holds neither as approved nor as a charge of its amount still unsettled
// (counted as in doubt instead) is a lost payment; two bookings of one document
// that stand (not reversed), on whichever terminals, are a double charge; a journal approval the
// bank never booked is a phantom.
import type { JournalEntry, JournalStore } from '../journal/journal-store.js';
import { CHARGES, UNSETTLED } from '../journal/journal-store.js';
import type { TerminalSimulator } from '../simulators/terminal-simulator.js';

export interface AuditFigures {
  /** Journal transactions that left the host (refusals excluded). */
  transactions: number;
  refused: number;
  approved: number;
  lostApprovedPayments: number;
  doubleCharges: number;
  phantomApprovals: number;
  unsettledInDoubt: number;
  /** One line per lost, doubled or phantom payment: the document, the bank's bookings, the journal's history. */
  findings: string[];
}

export async function auditJournal(
  store: JournalStore,
  simulators: ReadonlyMap<string, TerminalSimulator>,
): Promise<AuditFigures> {
  const entries = await everyEntry(store);
  const figures: AuditFigures = {
    transactions: entries.filter((e) => e.status !== 'refused').length,
    refused: entries.filter((e) => e.status === 'refused').length,
    approved: entries.filter((e) => e.status === 'approved').length,
    lostApprovedPayments: 0,
    doubleCharges: 0,
    phantomApprovals: 0,
    unsettledInDoubt: entries.filter((e) => UNSETTLED.includes(e.status)).length,
    findings: [],
  };
  const problems: { what: string; amountMinor: number }[] = [];
  // Every document has an amount of its own (documents.ts), so the booked amount names the document.
  const chargesPerDocument = new Map<number, number>();
  for (const [terminal, simulator] of simulators) {
    const bookings = simulator.bookings().filter((b) => b.operation === 'sale' || b.operation === 'sale-with-cashback');
    const approvedHere = entries.filter((e) => e.terminal === terminal && e.status === 'approved' && CHARGES.includes(e.kind));
    const journalCodes = new Set(approvedHere.map((e) => e.authorizationCode));
    const bookedCodes = new Set(bookings.map((b) => b.authorizationCode));
    const unsettledAmounts = entries
      .filter((e) => e.terminal === terminal && UNSETTLED.includes(e.status) && CHARGES.includes(e.kind))
      .map((e) => e.amountMinor);
    for (const booking of bookings.filter((b) => !journalCodes.has(b.authorizationCode))) {
      const inDoubt = unsettledAmounts.indexOf(booking.amountMinor);
      if (inDoubt >= 0) unsettledAmounts.splice(inDoubt, 1);
      else {
        figures.lostApprovedPayments += 1;
        problems.push({ what: `lost approval ${booking.authorizationCode} on ${terminal}`, amountMinor: booking.amountMinor });
      }
    }
    const phantoms = approvedHere.filter((e) => !bookedCodes.has(e.authorizationCode));
    figures.phantomApprovals += phantoms.length;
    for (const e of phantoms)
      problems.push({ what: `phantom approval ${e.authorizationCode} on ${terminal}`, amountMinor: e.amountMinor ?? 0 });
    for (const { amountMinor } of bookings.filter((b) => !b.reversed)) {
      chargesPerDocument.set(amountMinor, (chargesPerDocument.get(amountMinor) ?? 0) + 1);
    }
  }
  for (const [amountMinor, count] of chargesPerDocument) {
    figures.doubleCharges += count - 1;
    if (count > 1) problems.push({ what: `charged ${count} times`, amountMinor });
  }
  for (const problem of problems) figures.findings.push(await describe(problem, entries, store, simulators));
  return figures;
}

/** A problem with the document's bookings on every terminal and each journal attempt's history, for whoever chases it. */
async function describe(
  problem: { what: string; amountMinor: number },
  entries: readonly JournalEntry[],
  store: JournalStore,
  simulators: ReadonlyMap<string, TerminalSimulator>,
): Promise<string> {
  const lines = [`document ${Math.floor(problem.amountMinor / 100)} (${problem.amountMinor} minor): ${problem.what}`];
  for (const [terminal, simulator] of simulators) {
    for (const b of simulator.bookings().filter((b) => b.amountMinor === problem.amountMinor)) {
      lines.push(`  bank ${terminal}: ${b.operation} ${b.authorizationCode ?? '-'}${b.reversed ? ' reversed' : ''}`);
    }
  }
  for (const entry of entries.filter((e) => e.amountMinor === problem.amountMinor)) {
    lines.push(
      `  journal #${entry.no} ${entry.id} on ${entry.terminal} (${entry.kind}, pid ${entry.ownerPid}, allowRepeat ${entry.allowRepeat}):`,
    );
    for (const event of await store.history(entry.id)) {
      const s = event.state;
      lines.push(
        `    ${event.at.toISOString()} ${event.source} ${s.status} ${s.reason ?? ''} ${s.authorizationCode ?? ''} ${s.responseText ?? ''}`.trimEnd(),
      );
    }
  }
  return lines.join('\n');
}

async function everyEntry(store: JournalStore): Promise<JournalEntry[]> {
  const entries: JournalEntry[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await store.query({ limit: 500, offset });
    entries.push(...page.items);
    if (entries.length >= page.total || page.items.length === 0) return entries;
  }
}
