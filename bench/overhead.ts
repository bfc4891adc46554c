// (1) Overhead ratio: one payment through the whole path (script → binding → journal → driver →
// loopback → simulator with zero card-flow delay) against the same driver called directly.
import { randomUUID } from 'node:crypto';
import { loadDriverFactories } from '../runtime/drivers/index.js';
import { PayscriptHost } from '../runtime/host/payscript-host.js';
import { PROTOCOL_REGISTRY, PROTOCOLS } from '../runtime/protocols.js';
import type { TerminalSimulator } from '../runtime/simulators/terminal-simulator.js';
import type { TerminalConfig } from '../runtime/terminals/driver.js';
import { WebhookHubs } from '../runtime/terminals/webhook-hubs.js';
import { add, median, ms, p99, times } from './stats.js';
import { benchConfig, CZK, progress, silentLog, tempDir, writeScript } from './support.js';

/** Viva learns the outcome by polling (every 2 s by default): poll fast so the host, not the poll, is measured. */
const BENCH_OPTIONS: Readonly<Record<string, Record<string, unknown>>> = { viva: { pollIntervalMs: 5 } };
/** Payments per script run and per direct batch; rounds alternate the two so drift hits both. */
const PER_ROUND = 25;
const ROUNDS = 4;

/** One simulator per registered protocol on loopback, with zero card-flow delay, and its terminal's options. */
async function startSimulators(): Promise<{ simulators: TerminalSimulator[]; terminals: TerminalConfig[] }> {
  const simulators: TerminalSimulator[] = [];
  const terminals: TerminalConfig[] = [];
  // The simulators that split and merge frames by default (to test the drivers' reassembly) write
  // whole ones here: the bench measures the host, not the simulator's pauses.
  const at = { host: '127.0.0.1', port: 0, delayMs: 0, writeMode: 'whole' as const };
  for (const entry of PROTOCOL_REGISTRY) {
    const kit = await entry.loadSimulator();
    const simulator = await kit.start(at);
    simulators.push(simulator);
    terminals.push({
      id: `bench-${entry.name}`,
      protocol: entry.name,
      host: simulator.host,
      port: simulator.port,
      terminalId: simulator.terminalId,
      timeoutSeconds: 60,
      options: { ...kit.driverOptions(simulator, entry.simulated[0]!.style), ...BENCH_OPTIONS[entry.name] },
    });
  }
  return { simulators, terminals };
}

export async function overheadGroup(): Promise<void> {
  progress('overhead: starting simulators of every protocol');
  const { simulators, terminals } = await startSimulators();
  const dir = tempDir('overhead');
  try {
    const config = benchConfig(dir, terminals, (t) => `PC-${t.protocol}`);
    const host = new PayscriptHost(config, { recoveryIntervalMs: 3_600_000 });
    const script = writeScript(
      dir,
      'pay-loop.ts',
      `for (let i = 0; i < ${PER_ROUND}; i++) {
  const c = new TPaymentClient('10.00', 'CZK');
  c.Execute();
  console.log(c.Status);
  c.Free();
}
`,
    );
    const ratios: [string, number][] = [];
    try {
      for (const protocol of PROTOCOLS) {
        const terminal = config.terminals.find((t) => t.protocol === protocol)!;
        const driver = (await loadDriverFactories([protocol]))[protocol]!(terminal, {
          log: silentLog,
          webhooks: new WebhookHubs(),
        });
        const ctx = { signal: new AbortController().signal, onStatus() {} };
        const direct: number[] = [];
        const scripted: number[] = [];
        const directRound = async () => {
          for (let i = 0; i < PER_ROUND; i++) {
            const t = performance.now();
            const result = await driver.pay({ reference: randomUUID(), amountMinor: 1000, currency: CZK }, ctx);
            // The script frees its client after each payment, which closes the connection: so does this.
            await driver.close();
            direct.push(performance.now() - t);
            if (result.outcome !== 'approved') throw new Error(`${protocol} direct: ${result.outcome} ${result.reason ?? ''}`);
          }
        };
        const scriptRound = async () => {
          // Each interval between two console lines is one whole payment as the script sees it;
          // the first line's interval would include the run's start, which group (2) measures.
          let last: number | undefined;
          const lines: number[] = [];
          const report = await host.runScript(script, {
            desk: { pc: `PC-${protocol}` },
            onConsole: () => {
              const now = performance.now();
              if (last !== undefined) lines.push(now - last);
              last = now;
            },
          });
          if (!report.ok || report.logs.some((l) => l !== 'Approved')) {
            throw new Error(`${protocol} script: ${report.error?.message ?? report.logs.find((l) => l !== 'Approved')}`);
          }
          scripted.push(...lines);
        };
        // Warm-up of both paths (JIT, connections, the compile cache, a sandbox instance).
        await directRound();
        await scriptRound();
        direct.length = 0;
        scripted.length = 0;
        for (let r = 0; r < ROUNDS; r++) {
          await directRound();
          await scriptRound();
        }
        await driver.close();
        const ratio = median(scripted) / median(direct);
        ratios.push([protocol, ratio]);
        add({
          group: '1 overhead',
          figure: `${protocol}: direct driver, per payment`,
          median: ms(median(direct)),
          p99: ms(p99(direct)),
        });
        add({
          group: '1 overhead',
          figure: `${protocol}: through a script, per payment`,
          median: ms(median(scripted)),
          p99: ms(p99(scripted)),
        });
        add({
          group: '1 overhead',
          figure: `${protocol}: ratio script / direct`,
          median: times(ratio),
          p99: times(p99(scripted) / p99(direct)),
          target: '≤ 1.2×',
          met: ratio <= 1.2,
          note: `+${ms(median(scripted) - median(direct))} per payment`,
        });
      }
      const [worstProtocol, worst] = ratios.reduce((a, b) => (b[1] > a[1] ? b : a));
      add({
        group: '1 overhead',
        figure: 'worst ratio script / direct, of every protocol',
        median: times(worst),
        target: '≤ 1.2×',
        met: worst <= 1.2,
        note: worstProtocol,
      });
    } finally {
      await host.close();
    }
  } finally {
    await Promise.all(simulators.map((s) => s.close()));
  }
}
