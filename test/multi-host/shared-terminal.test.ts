// Two hosts in one test process: each with its own PostgreSQL journal connection, its own lease
// manager and its own terminal session (the real ČSOB driver) on one simulated terminal, as two
// `payscript serve` machines behind a load balancer would be.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDriverFactories } from '../../runtime/drivers/index.js';
import { runJournaled, type JournaledOutcome } from '../../runtime/journal/journaled-operation.js';
import { PostgresJournal } from '../../runtime/journal/postgres/postgres-journal.js';
import { PostgresTerminalLeases } from '../../runtime/journal/postgres/terminal-leases.js';
import { PENDING } from '../../runtime/journal/transaction-state.js';
import { startCsobSimulator, type CsobSimulator } from '../../runtime/simulators/csob/index.js';
import { startPosxmlSimulator } from '../../runtime/simulators/posxml/index.js';
import type { TerminalConfig, TerminalDriver } from '../../runtime/terminals/driver.js';
import { TerminalSession } from '../../runtime/terminals/terminal-session.js';
import { driverDeps } from '../support/driver-test-kit.js';
import { FAST_CSOB_OPTIONS } from '../support/host.js';
import { freshPostgresDatabase } from '../support/postgres.js';

const CZK = { alpha: 'CZK', numeric: '203', exponent: 2 };
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

interface Host {
  journal: PostgresJournal;
  session: TerminalSession;
  leases: PostgresTerminalLeases;
}

async function host(url: string, hostId: string, terminal: TerminalConfig, leaseSeconds = 2, waitSeconds = 30): Promise<Host> {
  const journal = await PostgresJournal.open({ url });
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const leases = new PostgresTerminalLeases({ pool, ownsPool: true, hostId, ttlMs: leaseSeconds * 1000 });
  const driver = await newDriver(terminal);
  const session = new TerminalSession(terminal, driver, { leases, waitMs: waitSeconds * 1000 });
  closers.push(async () => {
    await session.close();
    await leases.close();
    await journal.close();
  });
  return { journal, session, leases };
}

async function newDriver(terminal: TerminalConfig): Promise<TerminalDriver> {
  const factories = await loadDriverFactories([terminal.protocol]);
  return factories[terminal.protocol]!(terminal, driverDeps());
}

async function desk(simulator: CsobSimulator): Promise<TerminalConfig> {
  return {
    id: 'desk1',
    protocol: 'csob',
    host: simulator.host,
    port: simulator.port,
    terminalId: simulator.terminalId,
    timeoutSeconds: 10,
    options: FAST_CSOB_OPTIONS,
  };
}

/** One sale of a document through the host's session and journal, as the bindings make it. */
async function pay(h: Host, amountMinor: number, document: string): Promise<JournaledOutcome | 'busy'> {
  const client = {};
  await h.session.attach(client);
  let outcome: JournaledOutcome | undefined;
  const result = await h.session.operate(client, AbortSignal.timeout(60_000), async (driver, ctx, slot) => {
    outcome = await runJournaled(
      driver,
      ctx,
      slot,
      h.session.config,
      {
        transaction: {
          kind: 'sale',
          client: 'TPaymentClient',
          amountMinor,
          currency: 'CZK',
          documentReference: document,
          allowRepeat: false,
        },
        send: (d, c, reference) => d.pay({ reference, amountMinor, currency: CZK, variableSymbol: document }, c),
      },
      { store: h.journal, log: () => {}, newReference: randomUUID },
    );
    return outcome.result;
  });
  await h.session.detach(client);
  return outcome ?? (result.reason === 'terminal-busy' ? 'busy' : Promise.reject(new Error(JSON.stringify(result))));
}

describe('two hosts on one terminal through the lease', () => {
  it('charge a document once when both hosts pay it at the same moment', async () => {
    const url = await freshPostgresDatabase();
    const simulator = await startCsobSimulator({ host: '127.0.0.1', port: 0, delayMs: 300 });
    closers.push(() => simulator.close());
    const terminal = await desk(simulator);
    // Minute-long leases: only a release lets anyone in within the waits below.
    const [a, b] = [await host(url, 'shop-a', terminal, 60), await host(url, 'shop-b', terminal, 60)];
    const outcomes = await Promise.all([pay(a, 6100, '9200000001'), pay(b, 6100, '9200000001')]);
    const kinds = outcomes.map((o) => (o === 'busy' ? o : o.kind === 'refused' ? o.refusal : o.result.outcome)).sort();
    expect(kinds).toEqual(['already-paid', 'approved']);
    expect(simulator.ledger.filter((e) => e.kind === 'sale' && e.amountMinor === 6100)).toHaveLength(1);
    // Each host gives the terminal up once idle and its answer is recorded.
    const free = await a.leases.acquire('desk1', { waitMs: 20_000, signal: new AbortController().signal });
    expect(free.kind).toBe('held');
    if (free.kind === 'held') await free.lease.release();
  });

  it('fail clearly, sending nothing, while another host keeps the terminal past the wait', async () => {
    const url = await freshPostgresDatabase();
    const simulator = await startCsobSimulator({ host: '127.0.0.1', port: 0, delayMs: 3000 });
    closers.push(() => simulator.close());
    const terminal = await desk(simulator);
    const a = await host(url, 'shop-a', terminal);
    const b = await host(url, 'shop-b', terminal, 2, 0.5);
    const first = pay(a, 6200, '9200000002');
    await expect.poll(() => simulator.requests.length, { timeout: 20_000 }).toBeGreaterThan(0);
    const client = {};
    await b.session.attach(client);
    const refused = await b.session.operate(client, AbortSignal.timeout(60_000), async () => {
      throw new Error('must not reach the terminal');
    });
    expect(refused).toMatchObject({
      outcome: 'failed',
      reason: 'terminal-busy',
      responseText: expect.stringContaining('busy at host shop-a'),
    });
    await b.session.detach(client);
    expect(await first).toMatchObject({ kind: 'sent', result: { outcome: 'approved' } });
    // The answer is recorded without the script waiting for it, before the lease goes back.
    await expect.poll(async () => (await b.journal.unsettled()).length, { timeout: 20_000 }).toBe(0);
  });

  it('settle a dead host’s pending transaction once its lease expires, before new work', async () => {
    const url = await freshPostgresDatabase();
    const simulator = await startCsobSimulator({ host: '127.0.0.1', port: 0, delayMs: 0 });
    closers.push(() => simulator.close());
    const terminal = { ...(await desk(simulator)), timeoutSeconds: 1 };
    // The dead host: it took the lease and wrote its request ahead, then went dark (no renewals).
    const deadPool = new pg.Pool({ connectionString: url, max: 1 });
    const dead = new PostgresTerminalLeases({ pool: deadPool, hostId: 'shop-dead', ttlMs: 2000 });
    const b = await host(url, 'shop-b', terminal);
    const held = await dead.acquire('desk1', { waitMs: 0, signal: new AbortController().signal });
    if (held.kind !== 'held') throw new Error('the dead host must hold the lease');
    const left = await b.journal.append(
      {
        id: randomUUID(),
        kind: 'sale',
        client: 'TPaymentClient',
        terminal: 'desk1',
        protocol: 'csob',
        amountMinor: 6300,
        currency: 'CZK',
        documentReference: '9200000003',
        allowRepeat: false,
        ownerPid: 1,
      },
      PENDING,
      'write-ahead',
      held.lease.fence,
    );
    await deadPool.end();
    const retry = await pay(b, 6300, '9200000003');
    expect(retry).toMatchObject({ kind: 'sent', result: { outcome: 'approved' } });
    expect((await b.journal.history(left.id)).map((e) => [e.source, e.state.status])).toEqual([
      ['write-ahead', 'pending'],
      ['recovery', 'failed'],
    ]);
  });

  it('settle another host’s request by the terminal’s own record, not by what its own driver sent last', async () => {
    const url = await freshPostgresDatabase();
    const simulator = await startPosxmlSimulator({ host: '127.0.0.1', port: 0, delayMs: 0 });
    closers.push(() => simulator.close());
    const terminal: TerminalConfig = {
      id: 'desk1',
      protocol: 'posxml',
      host: simulator.host,
      port: simulator.port,
      terminalId: simulator.terminalId,
      timeoutSeconds: 1,
      options: { connectTimeoutMs: 1000, lookupDelayMs: 100 },
    };
    const a = await host(url, 'shop-a', terminal);
    // Host A's driver remembers this sale as the last it sent.
    expect(await pay(a, 6400, '9200000004')).toMatchObject({ kind: 'sent', result: { outcome: 'approved' } });
    // Then host B takes the terminal, has a sale approved and dies before recording the answer.
    const deadPool = new pg.Pool({ connectionString: url, max: 1 });
    const dead = new PostgresTerminalLeases({ pool: deadPool, hostId: 'shop-dead', ttlMs: 2000 });
    const held = await dead.acquire('desk1', { waitMs: 20_000, signal: AbortSignal.timeout(30_000) });
    if (held.kind !== 'held') throw new Error('the dead host must get the lease');
    const left = await a.journal.append(
      {
        id: randomUUID(),
        kind: 'sale',
        client: 'TPaymentClient',
        terminal: 'desk1',
        protocol: 'posxml',
        amountMinor: 6500,
        currency: 'CZK',
        documentReference: '9200000005',
        allowRepeat: false,
        ownerPid: 1,
      },
      PENDING,
      'write-ahead',
      held.lease.fence,
    );
    const deadDriver = await newDriver(terminal);
    const sent = await deadDriver.pay(
      { reference: left.id, amountMinor: 6500, currency: CZK, variableSymbol: '9200000005' },
      { signal: AbortSignal.timeout(30_000), onStatus: () => {} },
    );
    expect(sent.outcome).toBe('approved');
    await deadDriver.close();
    await deadPool.end();
    // The desk pays the document again through host A: the sale found approved, nothing sent twice.
    expect(await pay(a, 6500, '9200000005')).toMatchObject({ kind: 'refused', refusal: 'already-paid' });
    expect(simulator.bookings().filter((b) => b.amountMinor === 6500)).toHaveLength(1);
    expect((await a.journal.history(left.id)).map((e) => [e.source, e.state.status])).toEqual([
      ['write-ahead', 'pending'],
      ['recovery', 'approved'],
    ]);
  });
});
