// Merchant abort and recovery on both Viva styles: the abort cancels the order or deletes the
// session; only a lookup decides the outcome, also when Viva answers the abort 200 and the
// payment goes on; a request whose answer is lost is never sent again.
import { afterEach, describe, expect, it } from 'vitest';
import { createVivaDriver } from '../../../runtime/drivers/viva/index.js';
import { type Rig, STYLES, context, request, startRig, styleOptions } from './harness.js';
import { driverDeps } from '../../support/driver-test-kit.js';

describe.each(STYLES)('Viva %s abort and recovery', (style) => {
  let rig: Rig;
  afterEach(async () => {
    await rig?.close();
  });

  it('a merchant abort during the card flow ends cancelled by the merchant, nothing charged', async () => {
    rig = await startRig({ style, sim: { delayMs: 2000 } });
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 200);
    const ctx = context(abort.signal);
    const result = await rig.driver.pay(request(2800), ctx);
    expect(result).toMatchObject({ outcome: 'cancelled', reason: 'merchant-aborted' });
    expect(rig.sim.bookings()).toHaveLength(0);
    expect(ctx.events.map((e) => e.kind)).toContain('aborting');
    expect(rig.log.text).toMatch(style === 'orders' ? /DELETE \/api\/orders\// : /DELETE \/ecr\/v1\/sessions\//);
  });

  it('an abort Viva answers 200 but the terminal ignores is resolved by the lookup: approved', async () => {
    rig = await startRig({ style, sim: { delayMs: 600 }, driverOptions: { pollIntervalMs: 250, lookupAttempts: 6 } });
    rig.sim.ignoreNextAbort();
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 100);
    const result = await rig.driver.pay(request(2900), context(abort.signal));
    expect(result.outcome).toBe('approved');
    expect(rig.sim.bookings()).toHaveLength(1);
    expect(rig.sim.received()).toHaveLength(1);
  });

  it('a withheld result is found after the deadline by abort and lookup, sent once', async () => {
    rig = await startRig({ style, timeoutSeconds: 0.5 });
    rig.sim.injectFault('withhold');
    const ctx = context();
    expect((await rig.driver.pay(request(3300), ctx)).outcome).toBe('approved');
    expect(ctx.events.map((e) => e.kind)).toContain('recovering');
    expect(rig.sim.received()).toHaveLength(1);
  });

  it('an abort before anything was sent sends nothing', async () => {
    rig = await startRig({ style });
    const abort = new AbortController();
    abort.abort();
    expect(await rig.driver.pay(request(3400), context(abort.signal))).toMatchObject({
      outcome: 'cancelled',
      reason: 'merchant-aborted',
    });
    expect(rig.sim.received()).toHaveLength(0);
  });

  it('refunds by parent session / cancels the parent transaction', async () => {
    rig = await startRig({ style });
    const sale = await rig.driver.pay(request(6100), context());
    const reversal = await rig.driver.reverse({ ...request(6100), authorizationCode: sale.authorizationCode! }, context());
    expect(reversal.outcome).toBe('approved');
    expect(rig.sim.received().map((r) => r.operation)).toEqual(['sale', 'reversal']);
    const parentField = style === 'orders' ? /DELETE \/api\/transactions\/[\w-]+\?amount=6100/ : /"parentSessionId":"viva-test-/;
    expect(rig.log.text).toMatch(parentField);
  });
});

describe('Viva cloud terminal: the answer to the sale request lost', () => {
  let rig: Rig;
  afterEach(async () => {
    await rig?.close();
  });

  it('after Viva made the session: the driver asks before it stops anything, and the payment ends approved, charged once', async () => {
    rig = await startRig({ style: 'cloud-terminal', sim: { delayMs: 300 } });
    rig.sim.loseNextSessionStart('after-creating');
    const result = await rig.driver.pay(request(3500), context());
    expect(result).toMatchObject({ outcome: 'approved', echoedReference: expect.any(String) });
    expect(rig.sim.bookings()).toHaveLength(1);
    expect(rig.sim.received()).toHaveLength(1);
    expect(rig.log.text).not.toMatch(/DELETE \/ecr\/v1\/sessions\//);
    expect(rig.log.text).toMatch(/was lost .*Viva has it/);
  });

  it('before Viva made it: the session that never appeared is stopped and nothing is charged', async () => {
    rig = await startRig({ style: 'cloud-terminal', sim: { delayMs: 300 } });
    rig.sim.loseNextSessionStart('before-creating');
    const result = await rig.driver.pay(request(3600), context());
    expect(result).toMatchObject({ outcome: 'failed', reason: 'connection-lost' });
    expect(rig.sim.bookings()).toHaveLength(0);
    expect(rig.log.text).toMatch(/DELETE \/ecr\/v1\/sessions\//);
  });
});

describe('Viva options', () => {
  it('name every problem, and never a credential value', () => {
    const config = {
      id: 'desk',
      protocol: 'viva',
      host: 'api.example.com',
      port: 443,
      terminalId: '16004711',
      timeoutSeconds: 60,
    };
    expect(() => createVivaDriver({ ...config, options: { style: 'cloud-terminal', clientId: 'id' } }, driverDeps())).toThrow(
      /options\.clientSecret: is required/,
    );
    expect(() => createVivaDriver({ ...config, options: { style: 'pos' } }, driverDeps())).toThrow(
      /options\.style: Invalid option: expected one of "orders"\|"cloud-terminal"/,
    );
    expect(() => createVivaDriver({ ...config, options: { ...styleOptions('orders'), scheme: 'http' } }, driverDeps())).toThrow(
      /options\.scheme: "http" is only allowed for a loopback host/,
    );
    expect(() => createVivaDriver({ ...config, options: { ...styleOptions('orders'), apiKey: 42 } }, driverDeps())).toThrow(
      /options\.apiKey/,
    );
    const invalid = () =>
      createVivaDriver(
        { ...config, options: { style: 'orders', merchantId: 'm', apiKey: 'TOPSECRET', pollIntervalMs: -1 } },
        driverDeps(),
      );
    expect(invalid).toThrow(/pollIntervalMs/);
    expect(invalid).not.toThrow(/TOPSECRET/);
  });
});
