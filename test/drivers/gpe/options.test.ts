// GPE options: the family's session options plus GPE's own, from one schema for the config file
// and the driver.
import { expect, test } from 'vitest';
import { createGpeDriver, gpeOptionsSchema } from '../../../runtime/drivers/gpe/index.js';
import { terminalProblems } from '../../support/terminal-options.js';
import { driverDeps } from '../../support/driver-test-kit.js';
import { SESSION_OPTION_DEFAULTS } from '../csob/harness.js';

const terminal = (options: Record<string, unknown>) => ({
  id: 'desk2',
  protocol: 'gpe',
  host: '10.1.2.4',
  port: 2050,
  terminalId: 'GPE00002',
  timeoutSeconds: 60,
  options,
});

test('no options: the session’s defaults, the variable symbol as invoice number, totals in CZK', () => {
  expect(gpeOptionsSchema.parse(terminal({}))).toEqual({
    ...SESSION_OPTION_DEFAULTS,
    invoiceNumber: 'variable-symbol',
    defaultCurrency: 'CZK',
    resultTimeoutMs: 60_000,
  });
});

test.each([
  [{ customerLanguage: 'cs', invoiceNumber: 'none', defaultCurrency: 'EUR' }],
  [{ connectTimeoutMs: 2000, crcCheck: true }],
])('accepts %j', (options) => {
  expect(terminalProblems(terminal(options))).toEqual([]);
  expect(gpeOptionsSchema.parse(terminal(options))).toMatchObject(options);
});

test.each([
  [
    { customerLanguage: 'CS' },
    'terminals.0.options.customerLanguage: must be an ISO 639-1 code of two lower-case letters (cs, en, de…)',
  ],
  [{ invoiceNumber: 'order' }, 'terminals.0.options.invoiceNumber: Invalid option: expected one of "variable-symbol"|"none"'],
  [{ defaultCurrency: 'XYZ' }, 'terminals.0.options.defaultCurrency: must be an ISO 4217 alphabetic currency code (CZK, EUR…)'],
  [{ defaultCurrency: 203 }, 'terminals.0.options.defaultCurrency: Invalid input: expected string, received number'],
  [{ passivateTimeoutMs: -5 }, 'terminals.0.options.passivateTimeoutMs: Too small: expected number to be >0'],
  [
    { cashbackFieldId: 'C' },
    expect.stringMatching(
      /^terminals\.0\.options: unknown option cashbackFieldId \(known: .*customerLanguage, invoiceNumber, defaultCurrency\)$/,
    ),
  ],
])('refuses %j, naming the option', (options, problem) => {
  expect(terminalProblems(terminal(options))).toEqual([problem]);
});

test('the driver refuses the same options with one error naming each', () => {
  expect(() => createGpeDriver(terminal({ customerLanguage: 'CS', invoiceNumber: 'order' }), driverDeps())).toThrow(
    /^terminal desk2 \(gpe\): options\.customerLanguage: .*; options\.invoiceNumber: /,
  );
});
