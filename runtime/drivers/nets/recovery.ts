// Finding the result of a financial request whose answer never arrived (nets-connect-cloud.md,
// "Recovery lessons from production"): wait first (an earlier lookup may not yet see it), then get
// the last result; at most two lookups, because a lookup aborts an active transaction. The request
// itself is never sent again.
// "Not ours" proves nothing was charged only when the card flow had stopped a pause before that
// lookup (by the cancel the cloud took, or by an earlier lookup, which aborts it): a flow that
// approved just before the lookup is not in the record yet.
import type { OperationContext, TransactionResult } from '../../terminals/driver.js';
import type { CloudApi } from './cloud-api.js';
import { type LostRequest, isOurs } from './matching.js';
import { type LocalModeEventArgs, readLookup } from './messages.js';
import { fromLookup } from './results.js';

export const MAX_LOOKUPS = 2;

export type Recovery =
  /** The terminal's record of our request. */
  | { kind: 'found'; result: TransactionResult; args: LocalModeEventArgs }
  /** A lookup after the flow had stopped shows no record of ours: the request charged nothing. */
  | { kind: 'not-found' }
  /** No lookup could tell: nobody knows. */
  | { kind: 'unreachable' };

export interface RecoveryDeps {
  api: CloudApi;
  lookupDelayMs: number;
  /** StanAuths of records already accounted for; records looked up here join it. */
  seenStanAuths: Set<string>;
  /** The configured terminal's name, for status events. */
  terminal: string;
  /** The cloud took a cancelAction before the first pause: no card flow ran on after it. */
  stopped: boolean;
}

export async function recoverLostResult(lost: LostRequest, deps: RecoveryDeps, ctx: OperationContext): Promise<Recovery> {
  let stopped = deps.stopped;
  let conclusive = false;
  for (let lookup = 1; lookup <= MAX_LOOKUPS; lookup++) {
    await delay(deps.lookupDelayMs);
    ctx.onStatus({
      terminal: deps.terminal,
      kind: 'recovering',
      detail: `looking up the last result (${lookup} of ${MAX_LOOKUPS})`,
    });
    const reply = await deps.api.lastResult();
    if (!reply.ok || reply.value.status !== 200) continue;
    const stoppedBefore = stopped;
    stopped = true;
    const record = readLookup(reply.value.body);
    if (!record.ok) continue;
    if (record.value !== undefined) {
      const ours = isOurs(record.value, lost, deps.seenStanAuths);
      if (record.value.args.StanAuth) deps.seenStanAuths.add(record.value.args.StanAuth);
      if (ours) return { kind: 'found', result: fromLookup(record.value), args: record.value.args };
    }
    conclusive ||= stoppedBefore;
  }
  return conclusive ? { kind: 'not-found' } : { kind: 'unreachable' };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
