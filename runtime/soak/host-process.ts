// The host under test, as its own process so the soak can kill it with SIGKILL: a PayscriptHost
// that runs the scripts the harness sends over IPC and answers with each run's report.
// argv: <config file> <recovery interval ms>
import { loadConfigFile } from '../config/load.js';
import { PayscriptHost } from '../host/payscript-host.js';
import type { RunReport } from '../host/run-report.js';

/** Harness → host. */
export interface RunOrder {
  id: number;
  script: string;
  pc: string;
}

/** Host → harness. */
export type HostMessage = { ready: true } | { id: number; report: RunReport } | { id: number; error: string };

const [configFile, intervalText] = process.argv.slice(2);
const host = new PayscriptHost(await loadConfigFile(configFile), { recoveryIntervalMs: Number(intervalText) });
const send = (message: HostMessage) => process.send?.(message);

process.on('message', (order: RunOrder) => {
  host.runScript(order.script, { desk: { pc: order.pc } }).then(
    (report) => send({ id: order.id, report }),
    (error: Error) => send({ id: order.id, error: error.message }),
  );
});
// The harness went away: nothing else will ever ask this host for work.
process.on('disconnect', () => void host.close().finally(() => process.exit(0)));
send({ ready: true });
