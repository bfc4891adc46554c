// Every code the NETS driver reports has its own description in every language of the catalog.
import { expect, test } from 'vitest';
import { KNOWN_NETS_RESPONSE_CODES } from '../../../runtime/drivers/nets/index.js';
import { NETS_CODE_TEXTS as ALL } from '../../../runtime/i18n/codes/nets.js';

test.each(Object.entries(ALL))('%s describes every code and nothing else', (_language, texts) => {
  expect(Object.keys(texts).sort()).toEqual([...KNOWN_NETS_RESPONSE_CODES].sort());
  for (const text of Object.values(texts)) expect(text.trim()).not.toBe('');
});

test.each(Object.entries(ALL))('%s: the error categories of the notes read differently from one another', (_language, texts) => {
  const categories = [
    'loginFailed',
    'authTemporarilyUnavailable',
    'accountNotActivated',
    'tokenExpired',
    'terminalNotAllowed',
    'terminalDisconnected',
    'terminalBusy',
    'reconciliationRequired',
    'cancelledByCustomer',
    'cancelledByMerchant',
    'cardRemoved',
    'terminalTimeout',
    'declinedByTerminal',
    'duplicateTransaction',
  ];
  const described = categories.map((code) => texts[code]);
  expect(new Set(described).size).toBe(categories.length);
});
