// A desk whose host dies in the middle of a card flow pays again within seconds, on every protocol:
// the next `payscript run` stops what the terminal still runs for the dead host, looks the payment
// up and, the stop confirmed, takes "not found" as final at once instead of after the terminal's
// 60 s result timeout. Whether the terminal dropped the orphaned flow or finished it (approved
// after the register was gone), the document is charged exactly once.
// Real child processes killed with SIGKILL, real sockets, each protocol's simulator in this process.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalStore } from '../../runtime/journal/journal-store.js';
import { openJournal } from '../../runtime/journal/open-journal.js';
import { expectationOn, scenarioNamed } from '../../runtime/simulators/scenarios.js';
import type { OrphanedFlow, TerminalSimulator } from '../../runtime/simulators/terminal-simulator.js';
import { payscript, waitFor, writeDeskConfig } from '../journal/support.js';
import { tempDir, writeFiles } from '../support/temp.js';
import { context, expectScenario, request, startRig } from './rig.js';
import { TARGETS } from './targets.js';

/** The acceptance bound: from the kill to the end of the retry. */
const RECOVERY_BOUND_MS = 10_000;
const HOST_KILLED = scenarioNamed('host-killed');
const APPROVED_LATE = scenarioNamed('approved-late');

const opened: { simulator: TerminalSimulator; journal: JournalStore }[] = [];
afterEach(async () => {
  for (const { simulator, journal } of opened.splice(0)) {
    await journal.close();
    await simulator.close();
  }
});

describe.each(TARGETS)('$protocol: the host-killed scenario', (target) => {
  it.each<[OrphanedFlow, string]>([
    ['drop', 'the terminal dropped the flow: the retry pays, once'],
    [HOST_KILLED.orphanedFlow!, 'as the scenario has it: the retry finds the finished flow and is refused as already paid'],
  ])(
    'orphanedFlow %s — %s, within 10 s of the kill',
    async (orphanedFlow) => {
      const dir = tempDir('orphaned');
      // The scenario's card flow is the first sale's only: the retry's customer pays at once.
      const simulator = await target.start({
        host: '127.0.0.1',
        port: 0,
        delayMs: 0,
        forcedOutcome: { outcome: HOST_KILLED.outcome, request: 1 },
        orphanedFlow,
      });
      const journal = openJournal(join(dir, 'data'));
      opened.push({ simulator, journal });
      // The default result timeout: the old rule would keep the desk waiting a minute.
      const config = writeDeskConfig(dir, { ...simulator, protocol: target.protocol, options: target.options(simulator) }, 60);
      const file = writeFiles(dir, {
        'pay.ts': `const c = new TPaymentClient('41.00', 'EUR', '8000000021'); c.Execute(); c.Free();`,
      });
      const run = () => payscript(['run', file, '--config', config, '--json'], dir);
      const sales = () => simulator.received().filter((r) => r.operation === 'sale' && r.amountMinor === 4100).length;
      const booked = () => simulator.bookings().filter((b) => b.operation === 'sale' && b.amountMinor === 4100).length;

      const killed = run();
      await waitFor(() => sales() === 1);
      await sleep(HOST_KILLED.hostKilled!.afterMs); // the moment of the scenario, not a wait for an event
      killed.child.kill('SIGKILL');
      const killedAt = performance.now();
      expect((await killed.done).signal).toBe('SIGKILL');
      const [entry] = await journal.unsettled('desk1');
      expect(entry).toMatchObject({ status: 'pending' });

      const retry = await run().done;
      const elapsedMs = Math.round(performance.now() - killedAt);
      console.log(
        `${target.protocol} (${JSON.stringify(target.style ?? '')}) orphanedFlow ${orphanedFlow}: kill → retry done in ${elapsedMs} ms`,
      );

      const [paid] = JSON.parse(retry.stdout).transactions;
      const orphaned = await journal.get(entry!.id);
      // Where the terminal cannot see the register leave, a dropped flow still runs until the retry's
      // stop, which a slow start may bring after the flow's end: then it finished, approved.
      const finished = orphanedFlow === 'finish' || (!target.entry.seesRegisterLeave && orphaned?.status === 'approved');
      if (finished) {
        const expected = expectationOn(HOST_KILLED, target.protocol);
        expect(paid).toMatchObject({ status: 'Failed', refusal: 'already-paid' });
        expect(orphaned).toMatchObject({ status: expected.outcome });
        expect(sales()).toBe(1);
        expect(booked()).toBe(expected.charged ? 1 : 0);
      } else {
        expect(paid).toMatchObject({ status: 'Approved' });
        // Nothing charged: the terminal's record of the dropped flow, or none at all.
        expect(['failed', 'cancelled']).toContain(orphaned?.status);
        expect(sales()).toBe(2);
        expect(booked()).toBe(1);
      }
      expect(elapsedMs).toBeLessThan(RECOVERY_BOUND_MS);
    },
    40_000,
  );
});

describe.each(TARGETS)('$protocol: the approved-late scenario', (target) => {
  it('the register gives up, the terminal approves later, and the result agrees with the bank', async () => {
    const { outcome, orphanedFlow, timeoutSeconds } = APPROVED_LATE;
    const rig = await startRig(target, { simulator: { forcedOutcome: { outcome, request: 1 }, orphanedFlow }, timeoutSeconds });
    try {
      const started = performance.now();
      const amountMinor = 4300;
      const result = await rig.driver.pay(request(amountMinor), context());
      // A stopped flow must stay unpaid past its scripted end, when a late booking would show.
      if (outcome.kind === 'approve' && outcome.afterMs) {
        await sleep(Math.max(0, outcome.afterMs + 500 - (performance.now() - started)));
      }
      expectScenario(rig, result, amountMinor, expectationOn(APPROVED_LATE, target.protocol));
    } finally {
      await rig.close();
    }
  }, 30_000);
});
