// (5) Payments per second through two host processes sharing one PostgreSQL journal, against one
// host on the same server: many desks paying at zero card-flow delay, each on a simulated ČSOB
// terminal of its own in the simulator farm. The hosts are the soak's host processes (a
// PayscriptHost running the scripts it is sent, as `payscript serve` runs them), each taking the
// terminals' leases in the shared database; each configuration gets a fresh database.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JOURNAL_URL_VARIABLE } from '../runtime/journal/open-journal.js';
import { startThrowawayCluster, type ThrowawayCluster } from '../runtime/journal/postgres/throwaway-cluster.js';
import { HostSupervisor } from '../runtime/soak/host-supervisor.js';
import { startSimulatorFarm } from './simulator-farm-process.js';
import { add, median, ms, p99, perSecond } from './stats.js';
import { benchConfigFile, progress, tempDir, writeScript } from './support.js';

const DESKS = Number(process.env.BENCH_DESKS ?? 100);
const PAYMENTS_PER_DESK = Number(process.env.BENCH_PAYMENTS_PER_DESK ?? 20);
const G = '5 two hosts';
const desk = (i: number) => `DESK${String(i).padStart(4, '0')}`;

const SCRIPT = `
const c = new TPaymentClient('10.00', 'CZK');
c.Execute();
c.Free();
`;

/** How desks reach the hosts: which host takes desk `desk`'s `n`th payment. */
interface Layout {
  name: string;
  hosts: number;
  route: (desk: number, n: number) => number;
  note: string;
}

const LAYOUTS: Layout[] = [
  { name: 'one host', hosts: 1, route: () => 0, note: 'for comparison' },
  {
    name: 'two hosts, each desk on one of them',
    hosts: 2,
    route: (d) => d % 2,
    note: 'half the desks on each; the hosts share the journal and the lease table',
  },
  {
    name: 'two hosts, each payment on the other host than the last',
    hosts: 2,
    route: (d, n) => (d + n) % 2,
    note: "every payment takes the terminal's lease over from the other host",
  },
];

export async function twoHostsGroup(): Promise<void> {
  progress(`two hosts: starting ${DESKS} ČSOB simulators in a process of their own and a throwaway PostgreSQL server`);
  const farm = await startSimulatorFarm(DESKS);
  let cluster: ThrowawayCluster | undefined;
  try {
    cluster = await startThrowawayCluster();
    const dir = tempDir('two-hosts');
    // Each host its own session logs, as hosts on two machines have.
    const configFiles = [0, 1].map((n) => {
      const file = join(dir, `host-${n}.config.json`);
      writeFileSync(file, JSON.stringify(benchConfigFile(join(dir, `host-${n}`), farm.terminals, (_, i) => desk(i))));
      return file;
    });
    const script = writeScript(dir, 'pay.ts', SCRIPT);
    for (const [i, layout] of LAYOUTS.entries()) {
      const url = await cluster.createDatabase(`bench_hosts_${i}`);
      await measure(layout, configFiles, script, url);
    }
  } finally {
    await cluster?.stop();
    await farm.close();
  }
}

async function measure(layout: Layout, configFiles: string[], script: string, url: string): Promise<void> {
  // The URL with its password reaches the hosts as an admin sets it: in the environment.
  const hosts = configFiles
    .slice(0, layout.hosts)
    .map((file) => new HostSupervisor(file, 3_600_000, { [JOURNAL_URL_VARIABLE]: url }));
  try {
    await Promise.all(hosts.map((h) => h.start()));
    const pay = async (d: number, n: number): Promise<void> => {
      const end = await hosts[layout.route(d, n)]!.run(script, desk(d));
      const status = end === 'killed' ? 'host gone' : end.ok ? end.transactions[0]?.status : end.error?.message;
      if (status !== 'Approved') throw new Error(`two hosts (${layout.name}), desk ${d}: ${status}`);
    };
    // Warm-up: every host compiles the script, makes its sandbox instances and opens its pool. A
    // desk pays one payment at a time, as at the cash desk (a second would drop the first's client).
    progress(`two hosts: ${layout.name}: warm-up`);
    await Promise.all(
      Array.from({ length: DESKS }, async (_, d) => {
        for (let n = 0; n < layout.hosts; n++) await pay(d, n);
      }),
    );

    progress(`two hosts: ${layout.name}: ${DESKS} desks × ${PAYMENTS_PER_DESK} payments`);
    const latencies: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: DESKS }, async (_, d) => {
        for (let n = 0; n < PAYMENTS_PER_DESK; n++) {
          const t = performance.now();
          await pay(d, n);
          latencies.push(performance.now() - t);
        }
      }),
    );
    const rate = (latencies.length / (performance.now() - t0)) * 1000;
    add({
      group: G,
      figure: `${layout.name}: payments per second, zero delay`,
      median: perSecond(rate),
      target: 'no target',
      note: `${layout.note}; ${DESKS} desks × ${PAYMENTS_PER_DESK}; a payment median ${ms(median(latencies))}, p99 ${ms(p99(latencies))}`,
    });
  } finally {
    await Promise.all(hosts.map((h) => h.stop()));
  }
}
