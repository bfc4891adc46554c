// (1) Overhead ratio: one payment through the whole path (script → binding → journal → driver →
// loopback → simulator with zero card-flow delay) against the same driver called directly.
import { randomUUID } from 'node:crypto';
import { loadDriverFactories } from '../runtime/drivers/index.js';
import { PayscriptHost } from '../runtime/host/payscript-host.js';
import { startCsobSimulator } from '../runtime/simulators/csob/index.js';
import { startGpeSimulator } from '../runtime/simulators/gpe/index.js';
import { NETS_SIMULATOR_ACCOUNT, startNetsSimulator } from '../runtime/simulators/nets/index.js';
import { startPosxmlSimulator } from '../runtime/simulators/posxml/index.js';
import type { TerminalSimulator } from '../runtime/simulators/terminal-simulator.js';
import { startVivaSimulator, VIVA_SIMULATOR_CREDENTIALS } from '../runtime/simulators/viva/index.js';
import type { TerminalConfig } from '../runtime/terminals/driver.js';
import { add, median, ms, p99, times } from './stats.js';
import { benchConfig, CZK, progress, silentLog, tempDir, writeScript } from './support.js';

const PROTOCOLS = ['csob', 'gpe', 'posxml', 'nets', 'viva'] as const;
/** Payments per script run and per direct batch; rounds alternate the two so drift hits both. */
const PER_ROUND = 25;
const ROUNDS = 4;

/** One simulator per protocol on loopback, with zero card-flow delay, and its terminal's options. */
async function startSimulators(): Promise<{ simulators: TerminalSimulator[]; terminals: TerminalConfig[] }> {
  const at = { host: '127.0.0.1', port: 0, delayMs: 0 };
  // The letter-field simulators split and merge frames with 2 ms gaps by default (to test the
  // drivers' reassembly); whole frames measure the host, not the simulator's pauses.
  const csob = await startCsobSimulator({ ...at, writeMode: 'whole' });
  const gpe = await startGpeSimulator({ ...at, writeMode: 'whole' });
  const posxml = await startPosxmlSimulator(at);
  const nets = await startNetsSimulator(at);
  const viva = await startVivaSimulator(at);
  const terminal = (protocol: string, s: TerminalSimulator, options: Record<string, unknown> = {}): TerminalConfig => ({
    id: `bench-${protocol}`,
    protocol,
    host: s.host,
    port: s.port,
    terminalId: s.terminalId,
    timeoutSeconds: 60,
    options,
  });
  return {
    simulators: [csob, gpe, posxml, nets, viva],
    terminals: [
      terminal('csob', csob),
      terminal('gpe', gpe),
      terminal('posxml', posxml, { logPort: posxml.logPort }),
      terminal('nets', nets, { ...NETS_SIMULATOR_ACCOUNT }),
      // Viva learns the outcome by polling (every 2 s by default): poll fast so the host, not the poll, is measured.
      terminal('viva', viva, { style: 'orders', ...VIVA_SIMULATOR_CREDENTIALS, pollIntervalMs: 5 }),
    ],
  };
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
    try {
      for (const protocol of PROTOCOLS) {
        const terminal = config.terminals.find((t) => t.protocol === protocol)!;
        const driver = (await loadDriverFactories([protocol]))[protocol]!(terminal, { log: silentLog });
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
    } finally {
      await host.close();
    }
  } finally {
    await Promise.all(simulators.map((s) => s.close()));
  }
}
