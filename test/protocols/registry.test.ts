// Every protocol of the registry is complete: a driver, a simulator that driver pays through, an
// options schema that accepts the options reaching that simulator, and code texts in English and
// in each language it declares. A protocol registered without one of them fails here.
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../runtime/i18n/catalog.js';
import { CODE_TEXTS } from '../../runtime/i18n/codes/index.js';
import { PROTOCOL_REGISTRY } from '../../runtime/protocols.js';
import { loadQuickTerminal } from '../../runtime/simulators/quick-terminal.js';
import { context, request } from '../conformance/rig.js';
import { driverDeps } from '../support/driver-test-kit.js';

describe.each(PROTOCOL_REGISTRY.map((entry) => [entry.name, entry] as const))('protocol %s', (name, entry) => {
  it.each(entry.simulated.map((terminal) => [terminal.id, terminal] as const))(
    '%s: its simulator starts, its options schema accepts the options that reach it, its driver pays through it',
    async (_id, terminal) => {
      const quick = await loadQuickTerminal(entry, terminal);
      const simulator = await quick.start({ host: '127.0.0.1', port: 0, delayMs: 0, terminalId: terminal.terminalId });
      try {
        const config = {
          id: terminal.id,
          protocol: name,
          host: simulator.host,
          port: simulator.port,
          terminalId: simulator.terminalId,
          timeoutSeconds: 10,
          options: quick.driverOptions(simulator),
        };
        const parsed = entry.optionsSchema.safeParse(config);
        expect(parsed.error?.issues ?? []).toEqual([]);
        const driver = (await entry.loadDriver())(config, driverDeps());
        try {
          const result = await driver.pay(request(1000), context());
          expect(result.outcome).toBe('approved');
          expect(simulator.bookings().filter((b) => b.operation === 'sale')).toHaveLength(1);
        } finally {
          await driver.close();
        }
      } finally {
        await simulator.close();
      }
    },
    30_000,
  );

  it('has an options schema that refuses a misspelt option by name', () => {
    const parsed = entry.optionsSchema.safeParse({
      id: 't',
      protocol: name,
      host: '127.0.0.1',
      port: 1,
      terminalId: 'T1',
      timeoutSeconds: 60,
      options: { notAnOption: 1 },
    });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain('notAnOption');
  });

  it('has code texts in English and in every language it declares, for codes its driver lists', async () => {
    expect(entry.simulated.length).toBeGreaterThan(0);
    const known = await entry.codes.loadKnown();
    expect(known.length).toBeGreaterThan(0);
    for (const language of ['en' as const, ...entry.codes.languages]) {
      expect(LANGUAGES).toContain(language);
      const texts = CODE_TEXTS[name]?.[language];
      expect(texts, `${name} texts in ${language}`).toBeDefined();
      expect(known.filter((code) => !texts?.[code]?.trim())).toEqual([]);
    }
  });
});

it('names each protocol and each simulated terminal once', () => {
  const names = PROTOCOL_REGISTRY.map((entry) => entry.name);
  const ids = PROTOCOL_REGISTRY.flatMap((entry) => entry.simulated.map((terminal) => terminal.id));
  expect(new Set(names).size).toBe(names.length);
  expect(new Set(ids).size).toBe(ids.length);
});
