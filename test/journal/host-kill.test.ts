// A host process killed with SIGKILL at the worst moments, then started again: the journal finds
// what the terminal did, and a retry of the same document is refused instead of charged.
// Real child processes (the payscript command), real TCP, the simulator in this process.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalStore } from '../../runtime/journal/journal-store.js';
import { openJournal } from '../../runtime/journal/open-journal.js';
import { startCsobSimulator, type CsobSimulator } from '../../runtime/simulators/csob/index.js';
import { tempDir, writeFiles } from '../support/temp.js';
import { payscript, waitFor, writeDeskConfig } from './support.js';

const opened: { simulator: CsobSimulator; journal: JournalStore }[] = [];
afterEach(async () => {
  for (const { simulator, journal } of opened.splice(0)) {
    await journal.close();
    await simulator.close();
  }
});

async function desk(timeoutSeconds: number) {
  const dir = tempDir('kill');
  const simulator = await startCsobSimulator({ host: '127.0.0.1', port: 0, delayMs: 0 });
  const config = writeDeskConfig(dir, simulator, timeoutSeconds);
  const journal = openJournal(join(dir, 'data'));
  opened.push({ simulator, journal });
  const script = (amount: string, symbol: string) =>
    writeFiles(dir, {
      [`pay-${symbol}.ts`]: `const c = new TPaymentClient('${amount}', 'CZK', '${symbol}'); c.Execute(); c.Free();`,
    });
  const run = (file: string) => payscript(['run', file, '--config', config, '--json'], dir);
  return { dir, simulator, journal, script, run, config };
}

const sales = (simulator: CsobSimulator, amountMinor: number) => ({
  booked: simulator.ledger.filter((e) => e.kind === 'sale' && e.amountMinor === amountMinor).length,
  sent: simulator.requests.filter((r) => r.transactionType === '00' && r.amountMinor === amountMinor).length,
});

async function killedHostLeavesPending(d: Awaited<ReturnType<typeof desk>>, file: string, killWhen: () => boolean) {
  const first = d.run(file);
  await waitFor(killWhen);
  first.child.kill('SIGKILL');
  expect((await first.done).signal).toBe('SIGKILL');
  const [entry] = await d.journal.unsettled('desk1');
  expect(entry).toMatchObject({ status: 'pending' });
  return entry;
}

describe('a host killed with SIGKILL', () => {
  it('right after the terminal approved: the restarted host finds the payment and refuses the retry', async () => {
    const d = await desk(10);
    d.simulator.injectFault('withhold'); // approved and booked, the answer never sent
    d.simulator.setDelay(200);
    const file = d.script('41.00', '8000000001');
    const entry = await killedHostLeavesPending(d, file, () => sales(d.simulator, 4100).booked === 1);

    const retry = await d.run(file).done;
    expect(retry.code).toBe(0);
    expect(JSON.parse(retry.stdout).transactions[0]).toMatchObject({ status: 'Failed', refusal: 'already-paid' });
    expect(await d.journal.get(entry.id)).toMatchObject({
      status: 'approved',
      responseCode: '000',
      maskedCardNumber: expect.stringMatching(/\*/),
    });
    expect((await d.journal.history(entry.id)).map((e) => [e.source, e.state.status])).toEqual([
      ['write-ahead', 'pending'],
      ['recovery', 'approved'],
    ]);
    expect(sales(d.simulator, 4100)).toEqual({ booked: 1, sent: 1 });
  });

  it('with cents 58 (approved, then the line drops) killed at the booking: approved once, the retry refused', async () => {
    const d = await desk(10);
    d.simulator.setDelay(200);
    const file = d.script('43.58', '8000000003');
    const first = d.run(file);
    await waitFor(() => sales(d.simulator, 4358).booked === 1);
    first.child.kill('SIGKILL');
    await first.done;

    const retry = await d.run(file).done;
    expect(JSON.parse(retry.stdout).transactions[0]).toMatchObject({ refusal: 'already-paid' });
    const [entry] = (await d.journal.query({ limit: 10, offset: 0 })).items.filter((e) => e.status === 'approved');
    expect(entry).toMatchObject({ amountMinor: 4358, variableSymbol: '8000000003' });
    expect(sales(d.simulator, 4358)).toEqual({ booked: 1, sent: 1 });
  });

  it('during the card flow: the terminal dropped the unpaid flow, so the journal says failed and the retry charges once', async () => {
    const d = await desk(1);
    d.simulator.setDelay(5000);
    const file = d.script('42.00', '8000000002');
    const entry = await killedHostLeavesPending(d, file, () => sales(d.simulator, 4200).sent === 1);
    d.simulator.setDelay(0);
    await sleep(1100); // past the terminal's timeout, a card flow cannot still be finishing

    const retry = await d.run(file).done;
    expect(JSON.parse(retry.stdout).transactions[0]).toMatchObject({ status: 'Approved' });
    expect(await d.journal.get(entry.id)).toMatchObject({ status: 'failed' });
    expect(sales(d.simulator, 4200)).toEqual({ booked: 1, sent: 2 });
  });
});
