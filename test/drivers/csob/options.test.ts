// ČSOB options: one schema gives the defaults, the bounds and the names of unknown options, both
// for the config file and for the driver.
import { expect, test } from 'vitest';
import { createCsobDriver, csobOptionsSchema } from '../../../runtime/drivers/csob/index.js';
import { terminalProblems } from '../../support/terminal-options.js';
import { driverDeps } from '../../support/driver-test-kit.js';
import { SESSION_OPTION_DEFAULTS } from './harness.js';

const terminal = (options: Record<string, unknown>, overrides: Record<string, unknown> = {}) => ({
  id: 'desk1',
  protocol: 'csob',
  host: '10.1.2.3',
  port: 3333,
  terminalId: 'TERM0001',
  timeoutSeconds: 60,
  options,
  ...overrides,
});

test('no options: the notes’ timers, the placeholder checksum and cashback in field C', () => {
  expect(csobOptionsSchema.parse(terminal({}, { timeoutSeconds: 1.5 }))).toEqual({
    ...SESSION_OPTION_DEFAULTS,
    cashbackFieldId: 'C',
    resultTimeoutMs: 1500,
  });
});

test.each([
  [{ connectTimeoutMs: 1500, ackTimeoutMs: 0.5, reconnectAttempts: 0, crcCheck: true, cashbackFieldId: 'X' }],
  [{ passivateTimeoutMs: 20_000, infoTimeoutMs: 7000, reconnectDelayMs: 1 }],
])('accepts %j', (options) => {
  expect(terminalProblems(terminal(options))).toEqual([]);
  expect(csobOptionsSchema.parse(terminal(options))).toMatchObject(options);
});

test.each([
  [{ connectTimeoutMs: -1 }, 'terminals.0.options.connectTimeoutMs: Too small: expected number to be >0'],
  [{ ackTimeoutMs: 0 }, 'terminals.0.options.ackTimeoutMs: Too small: expected number to be >0'],
  [{ infoTimeoutMs: '5000' }, 'terminals.0.options.infoTimeoutMs: Invalid input: expected number, received string'],
  [{ reconnectAttempts: 1.5 }, 'terminals.0.options.reconnectAttempts: Invalid input: expected int, received number'],
  [{ reconnectAttempts: -1 }, 'terminals.0.options.reconnectAttempts: Too small: expected number to be >=0'],
  [{ crcCheck: 'yes' }, 'terminals.0.options.crcCheck: Invalid input: expected boolean, received string'],
  [{ cashbackFieldId: 'CC' }, 'terminals.0.options.cashbackFieldId: must be one printable character'],
  [
    { cashbackFieldId: 'P' },
    expect.stringMatching(/^terminals\.0\.options\.cashbackFieldId: must not be a field already used \(.*P.*\)$/),
  ],
  [
    { conectTimeoutMs: 3000 },
    expect.stringMatching(
      /^terminals\.0\.options: unknown option conectTimeoutMs \(known: connectTimeoutMs, .*cashbackFieldId\)$/,
    ),
  ],
])('refuses %j, naming the option', (options, problem) => {
  expect(terminalProblems(terminal(options))).toEqual([problem]);
});

test('a terminal id longer than the header field is refused', () => {
  expect(terminalProblems(terminal({}, { terminalId: 'TERM00012' }))).toEqual([
    'terminals.0.terminalId: must be 1–8 printable ASCII characters',
  ]);
});

test('the driver refuses the same options with one error naming each', () => {
  expect(() => createCsobDriver(terminal({ connectTimeoutMs: -1, colour: 'red' }), driverDeps())).toThrow(
    /^terminal desk1 \(csob\): options\.connectTimeoutMs: Too small.*; options: unknown option colour/,
  );
});
