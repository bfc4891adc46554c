// What a simulated letter-field terminal says, per profile: the codes and texts it answers with.
// The state machine (terminal.ts) is the family's; each bank's simulator supplies one of these.
import type { SimulatedRefusal } from '../outcome-table.js';

export interface Answer {
  responseCode: string;
  responseText: string;
}

export interface SimulatorScript {
  /** First line of every receipt. */
  receiptHeading: string;
  approved: Answer;
  /** A row of the outcome table that ends in a refusal, in this bank's codes. */
  refusals: Readonly<Record<SimulatedRefusal, Answer>>;
  /** The answer to a passivation (ČSOB: the usual -01). */
  passivated: Answer;
  /** A transaction type the terminal does not know. */
  unsupported: Answer;
  /** A reversal whose authorization code matches no charge of the day. */
  nothingToReverse: Answer;
  /** Text of the terminal test's and the bank line test's approvals, and of a close. */
  applicationInfoText: string;
  lineTestText: string;
  closedText: string;
  /** Sent in the code-page field, where the profile has one. */
  codePage?: string;
}
