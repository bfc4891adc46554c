import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../runtime/i18n/catalog.js';
import { CODE_TEXTS } from '../../runtime/i18n/codes/index.js';
import { CATALOGS, describeResult } from '../../runtime/i18n/describe.js';
import { PROTOCOL_REGISTRY } from '../../runtime/protocols.js';

describe('localized descriptions', () => {
  it('has code texts for exactly the registered protocols', () => {
    expect(Object.keys(CODE_TEXTS).sort()).toEqual(PROTOCOL_REGISTRY.map((entry) => entry.name).sort());
  });

  // Each protocol's codes in English and in the languages its registry entry declares, not every language.
  describe.each(PROTOCOL_REGISTRY.map((entry) => [entry.name, entry] as const))('%s response codes', (protocol, entry) => {
    it.each(['en' as const, ...entry.codes.languages])('are all described in %s', async (language) => {
      const known = await entry.codes.loadKnown();
      expect(known.length, `${protocol} lists its codes`).toBeGreaterThan(0);
      for (const code of known) {
        expect(CODE_TEXTS[protocol]![language]?.[code], `${protocol} ${code} in ${language}`).toBeTruthy();
      }
    });
  });

  it("falls back to the reason in the reader's language where a protocol has no code text for it", () => {
    expect(describeResult({ outcome: 'declined', reason: 'insufficient-funds', responseCode: '-12' }, 'csob', 'sv')).toBe(
      'Nekad: otillräckligt saldo på kortet',
    );
  });

  it.each(LANGUAGES)('%s describes every reason and outcome with its own text', (language) => {
    const catalog = CATALOGS[language];
    for (const [reason, text] of Object.entries(catalog.reasons)) {
      expect(text.trim(), `${reason} in ${language}`).not.toBe('');
      if (language !== 'en')
        expect(text, `${reason} in ${language} is untranslated`).not.toBe(CATALOGS.en.reasons[reason as never]);
    }
    expect(Object.keys(catalog.reasons).sort()).toEqual(Object.keys(CATALOGS.en.reasons).sort());
  });

  it("prefers the terminal's code, but lets host-side reasons speak for themselves", () => {
    expect(describeResult({ outcome: 'declined', reason: 'insufficient-funds', responseCode: '-12' }, 'csob', 'cs')).toBe(
      'Nedostatek prostředků',
    );
    // -01 is also the terminal's answer to our own passivate: after a merchant abort the reason is the truth.
    expect(describeResult({ outcome: 'cancelled', reason: 'merchant-aborted', responseCode: '-01' }, 'csob', 'en')).toBe(
      'Cancelled by the cash desk',
    );
    expect(describeResult({ outcome: 'failed', reason: 'timeout', responseCode: '' }, 'csob', 'de')).toMatch(/nicht rechtzeitig/);
    expect(describeResult({ outcome: 'declined', reason: 'issuer-declined', responseCode: '051' }, 'csob', 'sk')).toBe(
      'Zamietnuté vydavateľom karty',
    );
  });

  it('tells the cashier to check before charging again whenever the result is in doubt, whatever the reason', () => {
    for (const reason of ['timeout', 'connection-lost'] as const) {
      expect(describeResult({ outcome: 'in-doubt', reason, responseCode: '' }, 'viva', 'en')).toBe(
        CATALOGS.en.outcomes['in-doubt'],
      );
    }
    expect(describeResult({ outcome: 'in-doubt', reason: 'timeout', responseCode: '' }, 'viva', 'cs')).not.toMatch(/nezdařila/);
  });

  it("keeps the provider's own words after the general text for a code no catalog knows", () => {
    const unknownRejection = {
      outcome: 'declined',
      reason: 'declined',
      responseCode: 'Z9',
      responseText: 'Card blocked by acquirer',
    } as const;
    expect(describeResult(unknownRejection, 'nets', 'en')).toBe(`${CATALOGS.en.reasons.declined}: Card blocked by acquirer`);
    // A known code's catalog text wins, and host-side reasons never echo a text (it may be our own code).
    expect(describeResult({ ...unknownRejection, responseCode: '-12', reason: 'insufficient-funds' }, 'csob', 'cs')).toBe(
      'Nedostatek prostředků',
    );
    expect(
      describeResult({ outcome: 'failed', reason: 'timeout', responseCode: '', responseText: 'loginFailed' }, 'nets', 'en'),
    ).toBe(CATALOGS.en.reasons.timeout);
  });
});
