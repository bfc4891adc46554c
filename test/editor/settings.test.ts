// The Terminals page's API: the configuration with secrets masked, validation with the config's
// own messages per field, saving (the file and the running host, whose journal the transaction
// log then reads), and the connection tests.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPostgresDatabase } from '../support/postgres.js';
import { withStoredJournalPassword } from '../../editor/server/settings/journal-password.js';
import type { ApiClient } from './serve-harness.js';
import { startTestServer, type TestServer } from './serve-harness.js';

let t: TestServer;
let admin: ApiClient;

beforeAll(async () => {
  t = await startTestServer();
  admin = await t.login();
});
afterAll(() => t.close());

const fileJson = () => JSON.parse(readFileSync(t.configFile, 'utf8'));

describe('settings', () => {
  it('shows the config file and the protocols a terminal may use', async () => {
    const { status, body } = await admin.get('/api/settings');
    expect(status).toBe(200);
    expect(body).toMatchObject({ file: t.configFile, fileExists: true, protocols: expect.arrayContaining(['csob']) });
    expect(body.config.terminals[0]).toMatchObject({ id: 'desk1', protocol: 'csob', host: '127.0.0.1' });
  });

  it("describes each protocol's options as JSON Schema for the form, secrets marked and no value in it", async () => {
    const { body } = await admin.get('/api/settings');
    expect(Object.keys(body.optionSchemas).sort()).toEqual([...body.protocols].sort());
    expect(body.optionSchemas.csob.properties.connectTimeoutMs).toEqual({
      type: 'number',
      exclusiveMinimum: 0,
      default: 3000,
      description: 'How long to wait for the TCP connection to the terminal, in ms.',
    });
    expect(body.optionSchemas.viva.properties.style).toMatchObject({ enum: ['orders', 'cloud-terminal'], default: 'orders' });
    expect(body.optionSchemas.posxml.properties.printReceipt).toMatchObject({ enum: [0, 1, 2] });
    const secrets = Object.entries(body.optionSchemas).flatMap(([protocol, schema]: [string, any]) =>
      Object.entries(schema.properties)
        .filter(([, option]: [string, any]) => option.writeOnly === true)
        .map(([key]) => `${protocol}.${key}`),
    );
    expect(secrets.sort()).toEqual(['nets.password', 'viva.apiKey', 'viva.clientSecret']);
    // Every option says what it is for.
    for (const schema of Object.values(body.optionSchemas) as any[])
      for (const [key, option] of Object.entries(schema.properties) as [string, any][])
        expect(option.description, key).toMatch(/\w/);
  });

  it('reports each problem at its key, as the config loader does, and writes nothing', async () => {
    const before = readFileSync(t.configFile, 'utf8');
    const { body: view } = await admin.get('/api/settings');
    const wrongType = structuredClone(view.config);
    wrongType.terminals[0].port = '33333';
    const typeProblem = await admin.put('/api/settings', { config: wrongType });
    expect(typeProblem.status).toBe(422);
    expect(typeProblem.body.problems).toEqual([
      { path: 'terminals.0.port', message: 'Invalid input: expected number, received string' },
    ]);

    // Cross-references are checked once every field has the right type, as in the loader.
    const config = structuredClone(view.config);
    config.terminals.push({ ...config.terminals[0], port: 1 });
    config.binding = { mode: 'pc', pc: { KASA1: 'nowhere' } };
    const { status, body } = await admin.put('/api/settings', { config });
    expect(status).toBe(422);
    expect(body.problems).toEqual([
      { path: 'terminals.1.id', message: 'duplicate terminal id "desk1"' },
      { path: 'binding.pc.KASA1', message: 'names terminal "nowhere", which is not in "terminals"' },
    ]);
    expect(readFileSync(t.configFile, 'utf8')).toBe(before);
  });

  it('saves a valid configuration and reloads the host: the next run uses it', async () => {
    const { body } = await admin.get('/api/settings');
    body.config.language = 'de';
    body.config.binding = { mode: 'pc', pc: { KASA1: 'desk1' } };
    expect((await admin.put('/api/settings', { config: body.config })).status).toBe(200);
    expect(fileJson()).toMatchObject({ language: 'de', binding: { mode: 'pc', pc: { KASA1: 'desk1' } } });

    const source = "new TPaymentClient('5.00', 'EUR').Execute();";
    const run = await admin.post('/api/run', { source, pc: 'KASA1' });
    expect(run.body.transactions[0]).toMatchObject({ terminal: 'desk1', status: 'Approved', description: 'Genehmigt' });
    const unbound = await admin.post('/api/run', { source, pc: 'KASA9' });
    expect(unbound.status).toBe(422);
    expect(unbound.body.error).toContain('PC "KASA9" is not bound to a terminal');

    // The Transactions page reads the new host's journal: the same file, in the new language.
    const log = await admin.get('/api/transactions');
    expect(log.status).toBe(200);
    expect(
      log.body.items.map((x: { amount: string; currency: string; pc: string; description: string }) => [
        x.amount,
        x.currency,
        x.pc,
        x.description,
      ]),
    ).toEqual([['5.00', 'EUR', 'KASA1', 'Genehmigt']]);
  });

  it('tests the connection with the terminal and with the bank', async () => {
    const terminal = await admin.post('/api/settings/terminals/desk1/test', { bank: false });
    expect(terminal.status).toBe(200);
    expect(terminal.body).toMatchObject({ terminal: 'desk1', bank: false, ok: true, elapsedMs: expect.any(Number) });
    const bank = await admin.post('/api/settings/terminals/desk1/test', { bank: true });
    expect(bank.body).toMatchObject({ bank: true, ok: true });
    expect((await admin.post('/api/settings/terminals/nope/test', {})).status).toBe(404);
  });

  it('reports a terminal that does not answer', async () => {
    const { body } = await admin.get('/api/settings');
    body.config.terminals = [{ ...body.config.terminals[0], port: 9, timeoutSeconds: 2 }];
    body.config.binding = { mode: 'single', terminal: 'desk1' };
    expect((await admin.put('/api/settings', { config: body.config })).status).toBe(200);
    const result = await admin.post('/api/settings/terminals/desk1/test', {});
    expect(result.body).toMatchObject({ ok: false });
    expect(result.body.description).not.toBe('');
    // The replaced hosts have closed their journals; the log reads the current one.
    const log = await admin.get('/api/transactions');
    expect(log.status).toBe(200);
    expect(log.body.total).toBe(1);
  });
});

describe('terminal options', () => {
  let b: TestServer;
  afterAll(() => b.close());

  it('refuses a bad terminal option by its key, writes nothing, and runs go on', async () => {
    b = await startTestServer();
    const client = await b.login();
    const before = readFileSync(b.configFile, 'utf8');
    const { body: view } = await client.get('/api/settings');
    const config = structuredClone(view.config);
    config.terminals[0].options = { bogus: 1, connectTimeoutMs: -1 };
    const refused = await client.put('/api/settings', { config });
    expect(refused.status).toBe(422);
    expect(refused.body.problems).toEqual([
      { path: 'terminals.0.options.connectTimeoutMs', message: 'Too small: expected number to be >0' },
      { path: 'terminals.0.options', message: expect.stringMatching(/^unknown option bogus \(known: connectTimeoutMs, /) },
    ]);
    expect(readFileSync(b.configFile, 'utf8')).toBe(before);

    const run = await client.post('/api/run', { source: "new TPaymentClient('1.00', 'EUR').Execute();" });
    expect(run.status).toBe(200);
    expect(run.body.transactions[0]).toMatchObject({ terminal: 'desk1', status: 'Approved' });
  });
});

describe('secrets in terminal options', () => {
  let s: TestServer;
  afterAll(() => s.close());

  it('never reach the browser, and are kept when the form sends the mask back', async () => {
    s = await startTestServer({
      configure: (config) =>
        config.terminals.push({
          id: 'cloud',
          protocol: 'viva',
          host: '127.0.0.1',
          port: 9,
          terminalId: 'CLOUD001',
          options: {
            merchantId: 'merchant',
            apiKey: 'key-123',
            clientId: 'client',
            clientSecret: 'pw-456',
            tokenUrl: 'https://accounts.example/token',
          },
        }),
    });
    const client = await s.login();
    const { body } = await client.get('/api/settings');
    const text = JSON.stringify(body);
    expect(text).not.toContain('key-123');
    expect(text).not.toContain('pw-456');
    const cloud = body.config.terminals[1];
    expect(cloud.options).toEqual({
      merchantId: 'merchant',
      apiKey: '••••••••',
      clientId: 'client',
      clientSecret: '••••••••',
      tokenUrl: 'https://accounts.example/token',
    });

    // Settings that do not decide where the secrets go may change.
    cloud.terminalId = 'CLOUD002';
    cloud.timeoutSeconds = 45;
    expect((await client.put('/api/settings', { config: body.config })).status).toBe(200);
    const saved = JSON.parse(readFileSync(s.configFile, 'utf8'));
    expect(saved.terminals[1]).toMatchObject({ terminalId: 'CLOUD002', options: { apiKey: 'key-123', clientSecret: 'pw-456' } });
    expect(JSON.stringify((await client.put('/api/settings', { config: body.config })).body)).not.toContain('key-123');

    // Renamed: the mask has nothing stored behind it, so the admin must type the secret again.
    cloud.id = 'cloud2';
    const renamed = await client.put('/api/settings', { config: body.config });
    expect(renamed.status).toBe(400);
    expect(renamed.body.problems.map((p: { path: string }) => p.path).sort()).toEqual([
      'terminals.1.options.apiKey',
      'terminals.1.options.clientSecret',
    ]);
  });
});

describe("the shared journal's database password", () => {
  let s: TestServer;
  afterAll(() => s.close());

  it('never reaches the browser, is kept for the same database, and must be typed again for another', async () => {
    const url = await freshPostgresDatabase();
    const password = new URL(url).password;
    s = await startTestServer({ configure: (config) => (config.journal = { url }) });
    const client = await s.login();
    const { body } = await client.get('/api/settings');
    expect(JSON.stringify(body)).not.toContain(password);
    const shown = new URL(body.config.journal.url);
    expect(decodeURIComponent(shown.password)).toBe('••••••••');
    expect(`${shown.host}${shown.pathname}`).toBe(`${new URL(url).host}${new URL(url).pathname}`);

    body.config.language = 'cs';
    const saved = await client.put('/api/settings', { config: body.config });
    expect(saved.status).toBe(200);
    expect(JSON.stringify(saved.body)).not.toContain(password);
    expect(JSON.parse(readFileSync(s.configFile, 'utf8')).journal.url).toBe(url);
    // The reloaded host writes to the same shared journal.
    const run = await client.post('/api/run', { source: "new TPaymentClient('2.00', 'EUR').Execute();" });
    expect(run.body.transactions[0]).toMatchObject({ status: 'Approved' });
    const log = await client.get('/api/transactions');
    expect(log.body.total).toBe(1);

    const elsewhere = new URL(body.config.journal.url);
    elsewhere.pathname = '/another_database';
    body.config.journal.url = elsewhere.toString();
    const moved = await client.put('/api/settings', { config: body.config });
    expect(moved.status).toBe(400);
    expect(moved.body.problems).toEqual([{ path: 'journal.url', message: expect.stringMatching(/^type the password again/) }]);
    expect(JSON.parse(readFileSync(s.configFile, 'utf8')).journal.url).toBe(url);
  });

  it('takes a typed password with a broken percent escape as typed, not as an error', () => {
    const stored = { journal: { url: 'postgres://payscript:secret@db.example:5432/payscript' } };
    const typed = { journal: { url: 'postgres://payscript:%zz@db.example:5432/payscript' } };
    expect(withStoredJournalPassword(typed, stored)).toEqual({ json: typed, problems: [] });
  });
});

describe('a stored secret sent to a new destination', () => {
  let s: TestServer;
  let admin: ApiClient;
  let usual: RecordingListener;
  let other: RecordingListener;
  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

  beforeAll(async () => {
    usual = await recordingListener();
    other = await recordingListener();
    s = await startTestServer({
      configure: (config) =>
        config.terminals.push({
          id: 'viva',
          protocol: 'viva',
          host: '127.0.0.1',
          port: usual.port,
          terminalId: 'VIVA0001',
          timeoutSeconds: 5,
          options: {
            merchantId: 'merchant-1',
            apiKey: 'api-key-secret',
            clientId: 'client-1',
            clientSecret: 'client-secret-value',
            requestTimeoutMs: 2000,
          },
        }),
    });
    admin = await s.login();
  });
  afterAll(async () => {
    await s.close();
    await usual.close();
    await other.close();
  });

  const vivaConfig = async () => {
    const { body } = await admin.get('/api/settings');
    return { config: body.config, viva: body.config.terminals[1] };
  };

  it('is refused with 400 naming the option, and the connection test still goes to the stored destination', async () => {
    const changes: [string, (t: any) => void][] = [
      ['port', (t) => (t.port = other.port)],
      ['host', (t) => (t.host = 'localhost')],
      ['protocol', (t) => (t.protocol = 'nets')],
      ['options.scheme', (t) => (t.options.scheme = 'https')],
      ['options.tokenUrl', (t) => (t.options.tokenUrl = `http://127.0.0.1:${other.port}/connect/token`)],
      ['options.style', (t) => (t.options.style = 'cloud-terminal')],
    ];
    const before = readFileSync(s.configFile, 'utf8');
    for (const [changed, change] of changes) {
      const { config, viva } = await vivaConfig();
      change(viva);
      const refused = await admin.put('/api/settings', { config });
      expect(refused.status, changed).toBe(400);
      expect(refused.body.problems.map((p: { path: string }) => p.path).sort()).toEqual([
        'terminals.1.options.apiKey',
        'terminals.1.options.clientSecret',
      ]);
      expect(refused.body.error).toContain(`terminals.1.options.apiKey: type the secret again (${changed} changed`);
      await admin.post('/api/settings/terminals/viva/test', {});
    }
    expect(readFileSync(s.configFile, 'utf8')).toBe(before);
    expect(other.received).toEqual([]);
    expect(usual.received.map((r) => r.authorization)).toEqual(changes.map(() => basic('merchant-1', 'api-key-secret')));
  });

  it('goes where it went before when only other settings change', async () => {
    const { config, viva } = await vivaConfig();
    viva.terminalId = 'VIVA0002';
    viva.timeoutSeconds = 7;
    expect((await admin.put('/api/settings', { config })).status).toBe(200);
    usual.received.length = 0;
    await admin.post('/api/settings/terminals/viva/test', {});
    expect(usual.received.map((r) => r.authorization)).toEqual([basic('merchant-1', 'api-key-secret')]);
  });

  it('a secret typed again may go to the new destination', async () => {
    const { config, viva } = await vivaConfig();
    viva.port = other.port;
    viva.options.apiKey = 'typed-again';
    viva.options.clientSecret = 'typed-again-too';
    expect((await admin.put('/api/settings', { config })).status).toBe(200);
    await admin.post('/api/settings/terminals/viva/test', {});
    expect(other.received.map((r) => r.authorization)).toEqual([basic('merchant-1', 'typed-again')]);
    expect(JSON.stringify(other.received)).not.toMatch(/api-key-secret|client-secret-value/);
  });
});

interface RecordingListener {
  port: number;
  /** Every request that reached the listener, in order. */
  received: { method: string; url: string; authorization?: string; body: string }[];
  close(): Promise<void>;
}

/** A real HTTP listener that records what is sent to it and answers 503. */
async function recordingListener(): Promise<RecordingListener> {
  const received: RecordingListener['received'] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
      res.writeHead(503).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
