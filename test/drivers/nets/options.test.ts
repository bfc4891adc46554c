// Driver settings: the account is required, secrets are never echoed, and plain HTTP only where
// the cloud is this machine (the simulator).
import { expect, test } from 'vitest';
import { createNetsDriver, parseNetsOptions } from '../../../runtime/drivers/nets/index.js';
import type { TerminalConfig } from '../../../runtime/terminals/driver.js';
import { MemoryLog } from './harness.js';

const config = (options: Record<string, unknown>, host = '127.0.0.1'): TerminalConfig => ({
  id: 'desk-1',
  protocol: 'nets',
  host,
  port: 443,
  terminalId: 'NETS0001',
  timeoutSeconds: 120,
  options,
});

test('username and password are required; each problem names its option', () => {
  const parsed = parseNetsOptions(config({ password: 7, lookupDelayMs: -1, colour: 'red' }));
  expect(parsed.ok).toBe(false);
  const problems = parsed.ok ? [] : parsed.error;
  expect(problems.join('\n')).toMatch(/"username" is required/);
  expect(problems.join('\n')).toMatch(/"password" is required/);
  expect(problems.join('\n')).toMatch(/"lookupDelayMs"/);
  expect(problems.join('\n')).toMatch(/unknown option "colour"/);
});

test('a password of the wrong shape is not echoed in the error', () => {
  expect(() => createNetsDriver(config({ username: 'org', password: ['hunter2'] }), { log: new MemoryLog() })).toThrow(/"password"/);
  expect(() => createNetsDriver(config({ username: 'org', password: ['hunter2'] }), { log: new MemoryLog() })).not.toThrow(/hunter2/);
});

test('TLS is on by default except for a loopback host; the notes’ timers are the defaults', () => {
  const remote = parseNetsOptions(config({ username: 'org', password: 'pw' }, 'cloud.example'));
  const local = parseNetsOptions(config({ username: 'org', password: 'pw', location: 'Oslo' }));
  expect(remote).toMatchObject({ ok: true, value: { tls: true, apiTimeoutMs: 60_000, lookupDelayMs: 5_000, renewBeforeExpiryMs: 600_000, resultTimeoutMs: 120_000 } });
  expect(local).toMatchObject({ ok: true, value: { tls: false, location: 'Oslo' } });
});
