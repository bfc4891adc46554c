// The NETS tests' pauses: the registry's quick timers (runtime/protocols.ts), whose driver lookup
// waits longer than the simulator's lag, so one lookup finds a result.
import { protocolEntry } from '../../../runtime/protocols.js';

const { quick } = protocolEntry('nets')!;

export const NETS_TEST_TIMING: Readonly<Record<string, unknown>> = quick.driverOptions;
export const NETS_TEST_LOOKUP_LAG_MS = Number(quick.simulatorOptions?.lookupLagMs);
