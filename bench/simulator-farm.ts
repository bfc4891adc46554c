// The concurrency group's 1 000 ČSOB terminals, in a process of their own (forked with an IPC
// channel), as real terminals are devices of their own: the host's event loop then carries only
// the host's work. Messages: the farm sends its terminals' addresses once listening; the parent
// sends `{ delayMs }` to change every card flow's delay (answered `'delay-set'`) or `'close'`.
import { startCsobSimulator, type CsobSimulator } from '../runtime/simulators/csob/index.js';

export interface FarmTerminal {
  host: string;
  port: number;
  terminalId: string;
}

export type FarmRequest = { delayMs: number } | 'close';

const count = Number(process.argv[2]);
const simulators: CsobSimulator[] = [];
for (let i = 0; i < count; i += 100) {
  const batch = Math.min(100, count - i);
  simulators.push(
    ...(await Promise.all(
      Array.from({ length: batch }, () => startCsobSimulator({ host: '127.0.0.1', port: 0, delayMs: 0, writeMode: 'whole' })),
    )),
  );
}
const terminals: FarmTerminal[] = simulators.map(({ host, port, terminalId }) => ({ host, port, terminalId }));
process.send!(terminals);

// A bench stopped half way (Ctrl+C, a crash) closes the channel without 'close': the farm goes too.
process.on('disconnect', () => process.exit(0));

process.on('message', async (request: FarmRequest) => {
  if (request === 'close') {
    await Promise.all(simulators.map((s) => s.close()));
    process.disconnect();
    return;
  }
  for (const s of simulators) s.setDelay(request.delayMs);
  process.send!('delay-set');
});
