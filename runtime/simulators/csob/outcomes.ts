// The shared outcome table by cents (protocols/README.md) in ČSOB terms: what the simulated
// terminal does with a financial request whose amount ends in these minor units.

export type ScriptedOutcome =
  | { kind: 'approve' }
  | { kind: 'decline'; responseCode: string; responseText: string }
  /** The card flow never ends; only T81 (or the connection closing) stops it. */
  | { kind: 'never-answer' }
  /** The bank approves and books it, then the connection drops before the B2 goes out. */
  | { kind: 'approve-then-drop' };

const BY_CENTS: Readonly<Record<number, ScriptedOutcome>> = {
  51: { kind: 'decline', responseCode: '-12', responseText: 'Nedostatek prostředků' },
  // A host answer passed through (ISO 8583 "do not honour"): the driver reads it as issuer-declined.
  52: { kind: 'decline', responseCode: '005', responseText: 'Zamítnuto vydavatelem' },
  53: { kind: 'decline', responseCode: '-01', responseText: 'Zrušeno zákazníkem' },
  // Inferred code for "card removed" (see the driver's response-codes.ts).
  54: { kind: 'decline', responseCode: '-08', responseText: 'Karta vytažena' },
  55: { kind: 'never-answer' },
  56: { kind: 'decline', responseCode: '-02', responseText: 'Terminál je zaneprázdněn' },
  // ČSOB has no public "duplicate" code: the terminal refuses with a code outside the table.
  57: { kind: 'decline', responseCode: '-30', responseText: 'Duplicitní transakce' },
  58: { kind: 'approve-then-drop' },
  59: { kind: 'decline', responseCode: '-10', responseText: 'Karta expirovala' },
};

export function outcomeForAmount(amountMinor: number): ScriptedOutcome {
  return BY_CENTS[amountMinor % 100] ?? { kind: 'approve' };
}
