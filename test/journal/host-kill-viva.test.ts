// A Viva host killed with SIGKILL while the terminal's approval is not visible yet (the simulator's
// `withhold`: booked, shown to nobody until the register stops the request). The day's last
// record cannot show it, so the restarted host must reach the request itself: through the order
// code the journal kept (orders), or the session id that is our reference (cloud terminal).
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalStore } from '../../runtime/journal/journal-store.js';
import { openJournal } from '../../runtime/journal/open-journal.js';
import { startVivaSimulator, VIVA_SIMULATOR_CREDENTIALS, type VivaSimulator } from '../../runtime/simulators/viva/index.js';
import { tempDir, writeFiles } from '../support/temp.js';
import { payscript, waitFor, writeDeskConfig } from './support.js';

const opened: { simulator: VivaSimulator; journal: JournalStore }[] = [];
afterEach(async () => {
  for (const { simulator, journal } of opened.splice(0)) {
    await journal.close();
    await simulator.close();
  }
});

describe.each(['orders', 'cloud-terminal'] as const)('a Viva host (%s) killed with SIGKILL', (style) => {
  it('after the approval, before Viva shows it: the restarted host finds the payment and refuses the retry', async () => {
    const dir = tempDir('kill-viva');
    // The card flow takes a second: the host has journaled the order code long before the booking,
    // even on a loaded machine (a kill inside that short window is the limit README names).
    // Order codes above 2^53 (Viva's are 16 digits): the journal must keep the exact one.
    const simulator = await startVivaSimulator({ host: '127.0.0.1', port: 0, delayMs: 1000, firstOrderCode: '9007199254740993' });
    const journal = openJournal(join(dir, 'data'));
    opened.push({ simulator, journal });
    // Long enough that the old write-off after the timeout cannot be what settles it.
    const { merchantId, apiKey, clientId, clientSecret } = VIVA_SIMULATOR_CREDENTIALS;
    const credentials = style === 'orders' ? { merchantId, apiKey } : { clientId, clientSecret };
    const config = writeDeskConfig(
      dir,
      { ...simulator, protocol: 'viva', options: { style, ...credentials, pollIntervalMs: 50 } },
      60,
    );
    const file = writeFiles(dir, {
      'pay.ts': `const c = new TPaymentClient('41.00', 'EUR', '8000000011'); c.Execute(); c.Free();`,
    });
    const run = () => payscript(['run', file, '--config', config, '--json'], dir);

    simulator.injectFault('withhold');
    const first = run();
    await waitFor(() => simulator.bookings().length === 1);
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');
    const [entry] = await journal.unsettled('desk1');
    const order = simulator.payments()[0]!;
    expect(entry).toMatchObject({ status: 'pending', ...(style === 'orders' && { providerReference: order.id }) });
    // The customer is shown the document (here its variable symbol), never our reference.
    expect(order.customerText).toBe('8000000011');

    const retry = await run().done;
    expect(JSON.parse(retry.stdout).transactions[0]).toMatchObject({ status: 'Failed', refusal: 'already-paid' });
    expect(await journal.get(entry!.id)).toMatchObject({ status: 'approved', authorizationCode: order.result?.authorizationId });
    expect(simulator.bookings()).toHaveLength(1);
    expect(simulator.received().filter((r) => r.operation === 'sale')).toHaveLength(1);
  });
});
