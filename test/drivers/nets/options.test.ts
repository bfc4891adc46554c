// NETS options: the account is required, secrets are never echoed, and plain HTTP only where the
// cloud is this machine (the simulator). One schema for the config file and the driver.
import { expect, test } from 'vitest';
import { createNetsDriver, netsOptionsSchema } from '../../../runtime/drivers/nets/index.js';
import { terminalProblems } from '../../support/terminal-options.js';
import { driverDeps } from '../../support/driver-test-kit.js';

const terminal = (options: Record<string, unknown>, host = '127.0.0.1') => ({
  id: 'desk-1',
  protocol: 'nets',
  host,
  port: 443,
  terminalId: 'NETS0001',
  timeoutSeconds: 120,
  options,
});

const account = { username: 'org', password: 'pw' };

test('TLS is on by default except for a loopback host; the notes’ timers are the defaults', () => {
  expect(netsOptionsSchema.parse(terminal(account, 'cloud.example'))).toEqual({
    ...account,
    tls: true,
    apiTimeoutMs: 60_000,
    lookupDelayMs: 5_000,
    abortGraceMs: 15_000,
    renewBeforeExpiryMs: 600_000,
    busyRetryDelayMs: 5_000,
    resultTimeoutMs: 120_000,
  });
  expect(netsOptionsSchema.parse(terminal({ ...account, location: 'Oslo' }))).toMatchObject({ tls: false, location: 'Oslo' });
});

test.each([
  [{ ...account, tls: true, currency: 'NOK', location: 'Bergen' }],
  [{ ...account, lookupDelayMs: 0, abortGraceMs: 0, apiTimeoutMs: 1500, renewBeforeExpiryMs: 1, busyRetryDelayMs: 0 }],
])('accepts %j', (options) => {
  expect(terminalProblems(terminal(options))).toEqual([]);
  expect(netsOptionsSchema.parse(terminal(options))).toMatchObject(options);
});

test.each([
  [{}, ['terminals.0.options.username: is required', 'terminals.0.options.password: is required']],
  [{ ...account, username: ' ' }, ['terminals.0.options.username: must be a non-empty string']],
  [{ ...account, password: 7 }, ['terminals.0.options.password: Invalid input: expected string, received number']],
  [{ ...account, tls: 'yes' }, ['terminals.0.options.tls: Invalid input: expected boolean, received string']],
  [{ ...account, currency: 'nok' }, ['terminals.0.options.currency: must be an ISO 4217 code like "NOK"']],
  [{ ...account, lookupDelayMs: -1 }, ['terminals.0.options.lookupDelayMs: Too small: expected number to be >=0']],
  [{ ...account, apiTimeoutMs: '60s' }, ['terminals.0.options.apiTimeoutMs: Invalid input: expected number, received string']],
  [
    { ...account, colour: 'red' },
    [expect.stringMatching(/^terminals\.0\.options: unknown option colour \(known: username, password, .*busyRetryDelayMs\)$/)],
  ],
])('refuses %j, naming each option', (options, problems) => {
  expect(terminalProblems(terminal(options))).toEqual(problems);
});

test('a password of the wrong shape is not echoed, by the config or by the driver', () => {
  const options = { username: 'org', password: ['hunter2'] };
  expect(terminalProblems(terminal(options))).toEqual([
    'terminals.0.options.password: Invalid input: expected string, received array',
  ]);
  expect(() => createNetsDriver(terminal(options), driverDeps())).toThrow(/^terminal desk-1 \(nets\): options\.password: /);
  expect(() => createNetsDriver(terminal(options), driverDeps())).not.toThrow(/hunter2/);
});
