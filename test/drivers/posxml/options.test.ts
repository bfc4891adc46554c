// PoSXML options: one schema gives the defaults, the bounds and the names of unknown options, for
// the config file and the driver; the card timeout must end before ours.
import { expect, test } from 'vitest';
import { POSXML_DEFAULT_PORT, createPosxmlDriver, posxmlOptionsSchema } from '../../../runtime/drivers/posxml/index.js';
import { terminalProblems } from '../../support/terminal-options.js';
import { driverDeps } from '../../support/driver-test-kit.js';

const terminal = (options: Record<string, unknown>, timeoutSeconds = 90) => ({
  id: 'desk-1',
  protocol: 'posxml',
  host: '127.0.0.1',
  port: POSXML_DEFAULT_PORT,
  terminalId: '80012345',
  timeoutSeconds,
  options,
});

test('no options: the defaults, and the result timeout from timeoutSeconds', () => {
  expect(posxmlOptionsSchema.parse(terminal({}))).toEqual({
    connectTimeoutMs: 10_000,
    infoTimeoutMs: 10_000,
    lookupAttempts: 3,
    lookupDelayMs: 500,
    version: '7.2.0',
    receiptWidth: 40,
    resultTimeoutMs: 90_000,
  });
});

test.each([
  [{ printReceipt: 0, cardTimeoutSeconds: 60, language: 'et', logPort: 15551, version: '6.0.2', receiptWidth: 24 }],
  [{ connectTimeoutMs: 2500, infoTimeoutMs: 1000, lookupAttempts: 1, lookupDelayMs: 0.5, receiptWidth: 64, printReceipt: 2 }],
])('accepts %j', (options) => {
  expect(terminalProblems(terminal(options))).toEqual([]);
  expect(posxmlOptionsSchema.parse(terminal(options))).toMatchObject(options);
});

test.each([
  [{ connectTimeoutMs: -1 }, 'terminals.0.options.connectTimeoutMs: Too small: expected number to be >0'],
  [{ version: 'seven' }, 'terminals.0.options.version: must be a version like "7.2.0"'],
  [{ receiptWidth: 80 }, 'terminals.0.options.receiptWidth: Too big: expected number to be <=64'],
  [{ printReceipt: 3 }, 'terminals.0.options.printReceipt: Invalid option: expected one of 0|1|2'],
  [{ logPort: 70000 }, 'terminals.0.options.logPort: Too big: expected number to be <=65535'],
  [{ language: 'EST' }, 'terminals.0.options.language: must be a two-letter language code like "et"'],
  [{ lookupAttempts: 0 }, 'terminals.0.options.lookupAttempts: Too small: expected number to be >=1'],
  [{ cardTimeoutSeconds: 0 }, 'terminals.0.options.cardTimeoutSeconds: Too small: expected number to be >=1'],
  [{ cardTimeoutSeconds: 90 }, 'terminals.0.options.cardTimeoutSeconds: must be shorter than timeoutSeconds (90)'],
  [
    { colour: 'red' },
    expect.stringMatching(/^terminals\.0\.options: unknown option colour \(known: connectTimeoutMs, .*logPort\)$/),
  ],
])('refuses %j, naming the option', (options, problem) => {
  expect(terminalProblems(terminal(options))).toEqual([problem]);
});

test('the driver refuses the same options with one error naming each', () => {
  const bad = { connectTimeoutMs: -1, version: 'seven', colour: 'red' };
  expect(() => createPosxmlDriver(terminal(bad), driverDeps())).toThrow(
    /^terminal desk-1 \(posxml\): options\.connectTimeoutMs: .*; options\.version: .*; options: unknown option colour/,
  );
});
