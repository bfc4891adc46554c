// Transport faults the soak injects at random moments into the line to the simulated terminals,
// through the protocol-neutral simulator hooks (terminal-simulator.ts), so any simulator can take
// part. They are not outcomes: the terminal's outcomes come from the scenario table, by each
// document's cents (documents.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import type { TerminalSimulator } from '../simulators/terminal-simulator.js';
import type { Random } from './random.js';

export type TransportFault =
  /** Approved and booked; the line stays up but swallows the answer (only a lookup can find it). */
  | 'answer-swallowed'
  /** Approved and booked, then the terminal goes dark: answer lost and the line cut. */
  | 'power-loss-after-approval'
  /** The line is cut while the card flow runs: the terminal drops the unpaid flow. */
  | 'power-loss-before-approval'
  /** The connection drops, whatever is happening on it. */
  | 'dropped-connection'
  /** The card flow takes much longer for a while. */
  | 'slow-answers';

const FAULTS: readonly (readonly [TransportFault, number])[] = [
  ['answer-swallowed', 2],
  ['power-loss-after-approval', 2],
  ['power-loss-before-approval', 2],
  ['dropped-connection', 2],
  ['slow-answers', 2],
];

export class FaultInjector {
  readonly injected = new Map<TransportFault, number>();
  private running = true;
  private readonly loops: Promise<void>[] = [];

  constructor(
    private readonly random: Random,
    /** The simulators' usual card-flow delay, restored after a slow spell. */
    private readonly baseDelayMs: number,
    /** Mean pause between two faults on one terminal. */
    private readonly meanPauseMs: number,
  ) {}

  start(simulators: readonly TerminalSimulator[]): void {
    for (const simulator of simulators) this.loops.push(this.loop(simulator));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  get total(): number {
    return [...this.injected.values()].reduce((sum, n) => sum + n, 0);
  }

  private async loop(simulator: TerminalSimulator): Promise<void> {
    while (this.running) {
      await sleep(this.random.between(this.meanPauseMs / 2, (this.meanPauseMs * 3) / 2));
      if (!this.running) break;
      const kind = this.random.pick(FAULTS);
      this.injected.set(kind, (this.injected.get(kind) ?? 0) + 1);
      await this.inject(simulator, kind);
    }
    simulator.setDelay(this.baseDelayMs);
  }

  private async inject(simulator: TerminalSimulator, kind: TransportFault): Promise<void> {
    switch (kind) {
      case 'answer-swallowed':
        return simulator.injectFault('withhold');
      case 'power-loss-after-approval':
        simulator.injectFault('withhold');
        await sleep(this.baseDelayMs + this.random.between(20, 200));
        return simulator.dropConnections();
      case 'power-loss-before-approval':
        simulator.setDelay(this.baseDelayMs + 400);
        await sleep(this.random.between(50, 350));
        simulator.dropConnections();
        return simulator.setDelay(this.baseDelayMs);
      case 'dropped-connection':
        return simulator.dropConnections();
      case 'slow-answers':
        simulator.setDelay(this.random.between(300, 1200));
        await sleep(this.random.between(1000, 3000));
        return simulator.setDelay(this.baseDelayMs);
    }
  }
}
