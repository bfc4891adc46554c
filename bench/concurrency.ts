// (3) 1 000 scripts in flight at once, each paying on its own simulated terminal: throughput at
// zero card-flow delay, added latency over a 1.5 s card flow, peak RSS and RSS per live sandbox.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { PayscriptHost } from '../runtime/host/payscript-host.js';
import type { SandboxHost } from '../runtime/sandbox/index.js';
import type { FarmRequest, FarmTerminal } from './simulator-farm.js';
import { add, median, mib, ms, p99, perSecond } from './stats.js';
import { benchConfig, progress, tempDir, writeScript } from './support.js';

const SCRIPTS = Number(process.env.BENCH_SCRIPTS ?? 1000);
const DELAY_MS = 1500;
const ZERO_DELAY_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const WARM_UP = 100;
const desk = (i: number) => `KASA${String(i).padStart(4, '0')}`;

// Each script measures its own Execute (QuickJS's Date.now has millisecond resolution).
const SCRIPT = `
const c = new TPaymentClient('10.00', 'CZK');
const started = Date.now();
c.Execute();
console.log(c.Status + ' ' + (Date.now() - started));
c.Free();
`;

interface Round {
  wallMs: number;
  /** Execute as the script saw it, ms. */
  execute: number[];
  /** runScript call → report, ms. */
  whole: number[];
}

export async function concurrencyGroup(): Promise<void> {
  progress(`concurrency: starting ${SCRIPTS} ČSOB simulators in a process of their own`);
  const farm = fork(fileURLToPath(new URL('./simulator-farm.js', import.meta.url)), [String(SCRIPTS)]);
  const [simulators] = (await once(farm, 'message')) as [FarmTerminal[]];
  const dir = tempDir('concurrency');
  const terminals = simulators.map((s, i) => ({
    id: `t${i}`,
    protocol: 'csob',
    host: s.host,
    port: s.port,
    terminalId: s.terminalId,
    timeoutSeconds: 60,
    options: {},
  }));
  const host = new PayscriptHost(
    benchConfig(dir, terminals, (_, i) => desk(i)),
    { recoveryIntervalMs: 3_600_000 },
  );
  const sandboxes = (host as unknown as { sandboxes: SandboxHost }).sandboxes;
  const script = writeScript(dir, 'pay.ts', SCRIPT);

  const round = async (onTick?: () => void, desks = simulators.length): Promise<Round> => {
    const execute: number[] = [];
    const whole: number[] = [];
    const ticker = onTick && setInterval(onTick, 50);
    const t0 = performance.now();
    await Promise.all(
      simulators.slice(0, desks).map(async (_, i) => {
        const t = performance.now();
        const report = await host.runScript(script, { desk: { pc: desk(i) } });
        whole.push(performance.now() - t);
        const [status, took] = (report.logs[0] ?? '').split(' ');
        if (!report.ok || status !== 'Approved') throw new Error(`desk ${i}: ${report.error?.message ?? report.logs[0]}`);
        execute.push(Number(took));
      }),
    );
    const wallMs = performance.now() - t0;
    if (ticker) clearInterval(ticker);
    return { wallMs, execute, whole };
  };

  try {
    // Instances stay in the pools between rounds (kept for recent demand): RSS per sandbox is taken
    // against the process before any script ran, over every live instance, busy or idle.
    await host.warmedUp();
    global.gc?.();
    const beforeScripts = process.memoryUsage.rss();
    progress('concurrency: warm-up');
    await round(undefined, WARM_UP);
    const G = '3 concurrency';
    const throughputs: number[] = [];
    const zeroExecute: number[] = [];
    for (let r = 0; r < ZERO_DELAY_ROUNDS; r++) {
      const made = (await sandboxes.stats()).instancesCreated;
      progress(
        `concurrency: ${SCRIPTS} at once, zero delay, round ${r + 1}/${ZERO_DELAY_ROUNDS} (${made} instances made so far)`,
      );
      const result = await round();
      throughputs.push((SCRIPTS / result.wallMs) * 1000);
      zeroExecute.push(...result.execute);
    }
    add({
      group: G,
      figure: `${SCRIPTS} scripts at once, zero delay: throughput`,
      median: perSecond(median(throughputs)),
      p99: `min ${perSecond(Math.min(...throughputs))}`,
      target: '≥ 1 000 /s',
      met: median(throughputs) >= 1000,
      note: `${ZERO_DELAY_ROUNDS} rounds`,
    });
    add({
      group: G,
      figure: 'zero delay: Execute as the script sees it',
      median: ms(median(zeroExecute)),
      p99: ms(p99(zeroExecute)),
      note: 'queueing included',
    });

    global.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const baseline = process.memoryUsage.rss();
    let peakRss = baseline;
    let peakLive = 0;
    let peakInstances = 0;
    let rssAtPeakLive = baseline;
    await ask(farm, { delayMs: DELAY_MS });
    progress(`concurrency: ${SCRIPTS} at once, ${DELAY_MS} ms card flow`);
    const slow = await round(() => {
      const rss = process.memoryUsage.rss();
      peakRss = Math.max(peakRss, rss);
      void sandboxes.stats().then((stats) => {
        if (stats.busyInstances >= peakLive) {
          peakLive = stats.busyInstances;
          peakInstances = Math.max(peakInstances, stats.busyInstances + stats.idleInstances);
          rssAtPeakLive = Math.max(rssAtPeakLive, process.memoryUsage.rss());
        }
      });
    });
    const added = slow.execute.map((t) => t - DELAY_MS);
    const addedWhole = slow.whole.map((t) => t - DELAY_MS);
    add({
      group: G,
      figure: `${DELAY_MS} ms card flow: added latency of Execute`,
      median: ms(median(added)),
      p99: ms(p99(added)),
      target: 'p99 ≤ 10 ms',
      met: p99(added) <= 10,
      note: 'ms resolution (guest clock)',
    });
    add({
      group: G,
      figure: `${DELAY_MS} ms card flow: added latency of the whole run`,
      median: ms(median(addedWhole)),
      p99: ms(p99(addedWhole)),
      note: 'start queueing included',
    });
    add({
      group: G,
      figure: 'peak RSS of the process',
      median: mib(peakRss),
      note: `before any script ${mib(beforeScripts)}; the ${SCRIPTS} simulators run in another process`,
    });
    const perSandbox = (rssAtPeakLive - beforeScripts) / Math.max(1, peakInstances);
    add({
      group: G,
      figure: 'RSS per live sandbox',
      median: mib(perSandbox),
      target: '≤ 0.5 MiB',
      met: perSandbox <= 0.5 * 1024 * 1024,
      note: `${peakLive} running, ${peakInstances} instances at the peak; vs RSS before any script`,
    });
  } finally {
    await host.close();
    farm.send('close' satisfies FarmRequest);
    await once(farm, 'exit');
  }
}

async function ask(farm: ChildProcess, request: FarmRequest): Promise<void> {
  farm.send(request);
  await once(farm, 'message');
}
