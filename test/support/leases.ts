// A terminal's lease as a host of one machine holds it (process-leases.ts), for tests that drive
// settlement directly.
import { ProcessLeases } from '../../runtime/terminals/process-leases.js';
import type { Lease } from '../../runtime/terminals/terminal-leases.js';

export async function localLease(terminal: string): Promise<Lease> {
  const answer = await new ProcessLeases().acquire(terminal, { waitMs: 0, signal: new AbortController().signal });
  if (answer.kind !== 'held') throw new Error(`terminal ${terminal} is busy at ${answer.holder}`);
  return answer.lease;
}
