// Viva options: what each style requires, https unless the cloud is this machine, credentials
// never echoed. One schema for the config file and the driver.
import { expect, test } from 'vitest';
import { createVivaDriver, vivaOptionsSchema } from '../../../runtime/drivers/viva/index.js';
import { terminalProblems } from '../../support/terminal-options.js';
import { driverDeps } from '../../support/driver-test-kit.js';

const terminal = (options: Record<string, unknown>, host = 'api.vivapayments.com') => ({
  id: 'reception',
  protocol: 'viva',
  host,
  port: 443,
  terminalId: '16016684',
  timeoutSeconds: 90,
  options,
});

const orders = { merchantId: 'merchant-1', apiKey: 'key-1' };
const client = { clientId: 'client-1', clientSecret: 'secret-1' };

test('orders by default: https, the production accounts host, the config id as register', () => {
  expect(vivaOptionsSchema.parse(terminal(orders))).toEqual({
    style: 'orders',
    baseUrl: 'https://api.vivapayments.com:443',
    credentials: { user: 'merchant-1', password: 'key-1' },
    tokenUrl: 'https://accounts.vivapayments.com/connect/token',
    cashRegisterId: 'reception',
    pollIntervalMs: 2000,
    requestTimeoutMs: 10_000,
    lookupAttempts: 3,
    resultTimeoutMs: 90_000,
  });
});

test('cloud terminal logs in as the OAuth client; orders with a client have returns', () => {
  expect(vivaOptionsSchema.parse(terminal({ style: 'cloud-terminal', ...client }))).toMatchObject({
    style: 'cloud-terminal',
    credentials: { user: 'client-1', password: 'secret-1' },
  });
  const withReturns = vivaOptionsSchema.parse(terminal({ ...orders, ...client }));
  expect(withReturns).toMatchObject({
    credentials: { user: 'merchant-1' },
    returnCredentials: { user: 'client-1', password: 'secret-1' },
  });
  expect(vivaOptionsSchema.parse(terminal(orders))).not.toHaveProperty('returnCredentials');
});

test('a loopback host (the simulator) speaks http and takes its token from itself', () => {
  expect(vivaOptionsSchema.parse(terminal(orders, '127.0.0.1'))).toMatchObject({
    baseUrl: 'http://127.0.0.1:443',
    tokenUrl: 'http://127.0.0.1:443/connect/token',
  });
});

test.each([
  [orders],
  [
    {
      ...orders,
      ...client,
      tokenUrl: 'https://accounts.example/connect/token',
      pollIntervalMs: 500,
      requestTimeoutMs: 3000,
      lookupAttempts: 1,
    },
  ],
  [{ style: 'cloud-terminal', ...client, cashRegisterId: 'KASA 1', scheme: 'https' }],
])('accepts %j', (options) => {
  expect(terminalProblems(terminal(options))).toEqual([]);
});

test.each([
  [
    {},
    ['terminals.0.options.merchantId: is required for style orders', 'terminals.0.options.apiKey: is required for style orders'],
  ],
  [
    { style: 'cloud-terminal' },
    [
      'terminals.0.options.clientId: is required for style cloud-terminal',
      'terminals.0.options.clientSecret: is required for style cloud-terminal',
    ],
  ],
  [
    { style: 'cloud-terminal', ...client, ...orders },
    [
      'terminals.0.options.merchantId: belongs to style orders; style cloud-terminal uses clientId and clientSecret',
      'terminals.0.options.apiKey: belongs to style orders; style cloud-terminal uses clientId and clientSecret',
    ],
  ],
  [
    { ...orders, clientId: 'client-1' },
    ['terminals.0.options.clientSecret: is required for returns in style orders (clientId and clientSecret go together)'],
  ],
  [{ ...orders, style: 'ecr' }, ['terminals.0.options.style: Invalid option: expected one of "orders"|"cloud-terminal"']],
  [
    { ...orders, scheme: 'http' },
    [
      'terminals.0.options.scheme: "http" is only allowed for a loopback host (credentials would travel in clear), host is api.vivapayments.com',
    ],
  ],
  [
    { ...orders, tokenUrl: 'http://accounts.example/token' },
    ['terminals.0.options.tokenUrl: must be an https URL (http only to a loopback host)'],
  ],
  [{ ...orders, apiKey: '' }, ['terminals.0.options.apiKey: must be a non-empty string']],
  [{ ...orders, cashRegisterId: 'x'.repeat(65) }, ['terminals.0.options.cashRegisterId: must be 1–64 printable characters']],
  [{ ...orders, pollIntervalMs: 0 }, ['terminals.0.options.pollIntervalMs: Too small: expected number to be >0']],
  [{ ...orders, lookupAttempts: 2.5 }, ['terminals.0.options.lookupAttempts: Invalid input: expected int, received number']],
  [
    { ...orders, merchantID: 'm' },
    [
      expect.stringMatching(
        /^terminals\.0\.options: unknown option merchantID \(known: style, scheme, merchantId, .*lookupAttempts\)$/,
      ),
    ],
  ],
])('refuses %j, naming each option', (options, problems) => {
  expect(terminalProblems(terminal(options))).toEqual(problems);
});

test('a credential of the wrong shape is not echoed, by the config or by the driver', () => {
  const options = { merchantId: 'merchant-1', apiKey: { key: 'hunter2' } };
  expect(terminalProblems(terminal(options))).toEqual([
    'terminals.0.options.apiKey: Invalid input: expected string, received object',
  ]);
  expect(() => createVivaDriver(terminal(options), driverDeps())).toThrow(/^terminal reception \(viva\): options\.apiKey: /);
  expect(() => createVivaDriver(terminal(options), driverDeps())).not.toThrow(/hunter2/);
});
