// Reprinting a receipt: the copies the terminal printed, as the journal kept them (masked).
import { err, ok, type Result } from '../protocol/result.js';
import type { JournalStore } from './journal-store.js';

export interface Reprint {
  no: number;
  id: string;
  merchantReceipt?: string;
  customerReceipt?: string;
}

export type ReprintError = 'not-found' | 'no-receipt';

export async function reprintReceipt(store: Pick<JournalStore, 'get'>, idOrNo: string): Promise<Result<Reprint, ReprintError>> {
  const entry = await store.get(idOrNo);
  if (!entry) return err('not-found');
  const { no, id, merchantReceipt, customerReceipt } = entry;
  if (merchantReceipt === undefined && customerReceipt === undefined) return err('no-receipt');
  return ok({
    no,
    id,
    ...(merchantReceipt !== undefined && { merchantReceipt }),
    ...(customerReceipt !== undefined && { customerReceipt }),
  });
}
