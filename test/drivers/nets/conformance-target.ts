// NETS in the conformance suite: the driver gets the simulator's account and short recovery
// pauses through the target's options, the simulator a lookup lag shorter than the driver's pause
// (the real ~5 s of both would outlast the suite's 0.8 s result timeout many times over).
import { createNetsDriver } from '../../../runtime/drivers/nets/index.js';
import { NETS_SIMULATOR_ACCOUNT, startNetsSimulator } from '../../../runtime/simulators/nets/index.js';
import type { ConformanceTarget } from '../../conformance/targets.js';

/** Driver pauses for tests: each lookup waits longer than the simulator's lag, so one lookup finds a result. */
export const NETS_TEST_TIMING = { lookupDelayMs: 150, abortGraceMs: 1000, busyRetryDelayMs: 100 } as const;
export const NETS_TEST_LOOKUP_LAG_MS = 100;

export const NETS_CONFORMANCE_TARGET: ConformanceTarget = {
  protocol: 'nets',
  driver: createNetsDriver,
  simulator: (options) => startNetsSimulator({ ...options, lookupLagMs: NETS_TEST_LOOKUP_LAG_MS }),
  cashback: true,
  // A reconciliation answers a header and the printed report, no totals (NaviPartner's NETS Cloud
  // response parser, navipartner/npcore-partners).
  closeTotals: 'report',
  options: { ...NETS_SIMULATOR_ACCOUNT, ...NETS_TEST_TIMING },
};
