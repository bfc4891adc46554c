// A PayscriptHost bound to one real ČSOB simulator over TCP, for tests that run scripts.
import { join } from 'node:path';
import { parseConfig } from '../../runtime/config/load.js';
import { PayscriptHost, type RunScriptOptions } from '../../runtime/host/payscript-host.js';
import type { RunReport } from '../../runtime/host/run-report.js';
import { startCsobSimulator, type CsobSimulator } from '../../runtime/simulators/csob/index.js';
import { simulatorTerminal } from './simulator-terminal.js';
import { tempDir, writeFiles } from './temp.js';

export interface TestHost {
  host: PayscriptHost;
  simulator: CsobSimulator;
  dir: string;
  /** Writes the script (and any units beside it) and runs it at the test desk. */
  run(files: Record<string, string> | string, options?: Partial<RunScriptOptions>): Promise<RunReport>;
  close(): Promise<void>;
}

/** Short protocol timers so the timeout and recovery paths take well under a second. */
export const FAST_CSOB_OPTIONS = { ackTimeoutMs: 500, passivateTimeoutMs: 500, infoTimeoutMs: 500, connectTimeoutMs: 500 };

export async function startTestHost(
  options: {
    timeoutSeconds?: number;
    limits?: Record<string, number>;
    language?: string;
    csobOptions?: Record<string, number>;
    /** A PostgreSQL journal (test/support/postgres.ts) instead of SQLite in the test folder. */
    journalUrl?: string;
  } = {},
): Promise<TestHost> {
  const dir = tempDir('host');
  // Full card numbers on the wire, as some terminals send them: nothing may store them unmasked.
  const simulator = await startCsobSimulator({ host: '127.0.0.1', port: 0, delayMs: 0, fullCardNumber: true });
  const config = parseConfig(
    {
      language: options.language ?? 'en',
      logDir: join(dir, 'PointOfSale'),
      dataDir: join(dir, 'data'),
      terminals: [
        simulatorTerminal(simulator, {
          id: 'desk1',
          protocol: 'csob',
          timeoutSeconds: options.timeoutSeconds ?? 0.6,
          options: { ...FAST_CSOB_OPTIONS, ...options.csobOptions },
        }),
      ],
      binding: { mode: 'single', terminal: 'desk1' },
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.journalUrl ? { journal: { url: options.journalUrl } } : {}),
    },
    'test configuration',
  );
  const host = new PayscriptHost(config);
  let scriptNo = 0;
  return {
    host,
    simulator,
    dir,
    run(files, runOptions = {}) {
      const set = typeof files === 'string' ? { [`script${++scriptNo}.ts`]: files } : files;
      return host.runScript(writeFiles(dir, set), { desk: { pc: 'KASA1', user: 'novak' }, ...runOptions });
    },
    async close() {
      await host.close();
      await simulator.close();
    },
  };
}
