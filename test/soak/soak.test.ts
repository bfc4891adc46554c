// The short soak of `npm test` (the full one is `npm run soak`): a host process killed with SIGKILL
// at random moments while faults hit the terminals; nothing lost, nothing charged twice, nothing
// left in doubt, whether the terminals drop or finish the card flows of a killed host.
import { expect, it } from 'vitest';
import { formatFigures, runSoak } from '../../runtime/soak/soak.js';

it.each(['drop', 'finish'] as const)(
  'pays documents through host kills and terminal faults with no loss, no double charge and nothing unsettled (orphaned flows: %s)',
  async (orphanedFlow) => {
    const figures = await runSoak({
      orphanedFlow,
      transactions: 80,
      minHostKills: 1,
      desks: 3,
      seed: 20241123,
      killEveryMs: [2000, 5000],
      faultEveryMs: 1500,
      baseDelayMs: 20,
      timeoutSeconds: 2,
      recoveryIntervalMs: 500,
    });
    console.log(formatFigures(figures));
    expect(figures.transactions).toBeGreaterThanOrEqual(60);
    expect(figures.hostKills).toBeGreaterThan(0);
    expect(figures.faultsInjected).toBeGreaterThan(0);
    expect(figures).toMatchObject({ lostApprovedPayments: 0, doubleCharges: 0, unsettledInDoubt: 0, phantomApprovals: 0 });
  },
  420_000,
);
