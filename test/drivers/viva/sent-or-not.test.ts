// Sent or not sent, through the driver in both styles: a sale whose connection was never made is
// reported failed with nothing to look up; one Viva may have taken is looked up and never sent
// again. A token request that gets no answer means the sale itself was never sent.
import { afterEach, describe, expect, it } from 'vitest';
import { createVivaDriver } from '../../../runtime/drivers/viva/index.js';
import type { VivaStyle } from '../../../runtime/drivers/viva/options.js';
import { type VivaSimulator, startVivaSimulator } from '../../../runtime/simulators/viva/index.js';
import type { TerminalDriver } from '../../../runtime/terminals/driver.js';
import { type CuttingProxy, requestLines, startAnswerCuttingProxy } from '../../support/answer-cutting-proxy.js';
import { MemoryLog, STYLES, context, request, startRig, styleOptions } from './harness.js';
import { driverDeps } from '../../support/driver-test-kit.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** The simulator behind a proxy that cuts the answer to the first request matching `cut`. */
async function behindProxy(
  style: VivaStyle,
  cut: RegExp,
): Promise<{ sim: VivaSimulator; proxy: CuttingProxy; driver: TerminalDriver; log: MemoryLog }> {
  const sim = await startVivaSimulator({ host: '127.0.0.1', port: 0, delayMs: 0 });
  closers.push(() => sim.close());
  const proxy = await startAnswerCuttingProxy(sim, cut);
  closers.push(() => proxy.close());
  const log = new MemoryLog();
  const driver = createVivaDriver(
    {
      id: `desk-${style}`,
      protocol: 'viva',
      host: proxy.host,
      port: proxy.port,
      terminalId: sim.terminalId,
      timeoutSeconds: 3,
      options: { ...styleOptions(style), pollIntervalMs: 100 },
    },
    driverDeps(log),
  );
  closers.push(() => driver.close());
  return { sim, proxy, driver, log };
}

const CREATE: Record<VivaStyle, string> = { orders: 'POST /api/orders', 'cloud-terminal': 'POST /ecr/v1/transactions:sale' };

describe.each(STYLES)('Viva %s: sent or not sent', (style) => {
  it('a sale whose connection is never made fails as refused: no abort, no lookup', async () => {
    const rig = await startRig({ style });
    closers.push(() => rig.close());
    expect(await rig.driver.testTerminal(context())).toMatchObject({ ok: true });
    // Logged in where the style needs it; now the cloud's port refuses every connection.
    await rig.sim.close();
    const before = rig.log.frames.length;
    expect(await rig.driver.pay(request(1000), context())).toMatchObject({ outcome: 'failed', reason: 'connection-refused' });
    expect(requestLines(rig.log, before)).toEqual([CREATE[style]]);
  });

  it('a sale whose answer is lost after Viva took it is looked up, and sent once', async () => {
    const { sim, proxy, driver, log } = await behindProxy(style, new RegExp(`^${CREATE[style]} `));
    const result = await driver.pay(request(1100), context());
    expect(proxy.cut()).toHaveLength(1);
    expect(sim.payments()).toHaveLength(1);
    expect(requestLines(log).filter((line) => line === CREATE[style])).toHaveLength(1);
    // The cloud terminal's session id is our reference, so a lookup finds the sale; an order is
    // found only by the order code its lost answer carried, so that sale stays in doubt, not failed.
    if (style === 'cloud-terminal') {
      expect(result.outcome).toBe('approved');
      expect(requestLines(log)).toContain(`GET /ecr/v1/sessions/${sim.payments()[0]?.reference}`);
    } else {
      expect(result.outcome).toBe('in-doubt');
    }
  });
});

describe('Viva cloud-terminal login', () => {
  it('a token request whose answer is lost: the sale was never sent, so it fails with nothing to look up', async () => {
    const { sim, proxy, driver, log } = await behindProxy('cloud-terminal', /^POST \/connect\/token /);
    expect(await driver.pay(request(1200), context())).toMatchObject({ outcome: 'failed', reason: 'connection-refused' });
    expect(proxy.cut()).toHaveLength(1);
    expect(requestLines(log)).toEqual(['POST /connect/token']);
    expect(sim.payments()).toHaveLength(0);
  });
});
