// Is a looked-up last result the answer to the request we lost? (nets-connect-cloud.md, "Recovery
// lessons": orderId comes back only on success, so match by orderId, else by a StanAuth not seen
// before and a timestamp within ±10 min of the request.) The amount must agree as well when the
// record carries one. A record with someone else's orderId is never ours.
import { type LookedUp, readAmount, readTimeStamp } from './messages.js';

export const MATCH_WINDOW_MS = 10 * 60_000;

export interface LostRequest {
  orderId: string;
  amountMinor: number;
  sentAt: number;
}

export function isOurs(record: LookedUp, lost: LostRequest, seenStanAuths: ReadonlySet<string>): boolean {
  if (record.orderId !== undefined) return record.orderId === lost.orderId;
  const { StanAuth, TimeStamp, TotalAmount } = record.args;
  if (!StanAuth || seenStanAuths.has(StanAuth)) return false;
  const at = readTimeStamp(TimeStamp);
  if (at === undefined || Math.abs(at - lost.sentAt) > MATCH_WINDOW_MS) return false;
  const amount = readAmount(TotalAmount);
  return amount === undefined || amount === lost.amountMinor;
}
