// Terminal leases in a real PostgreSQL database: two lease managers with pools of their own are two
// hosts sharing one journal, whose migrations made the lease table.
import { once } from 'node:events';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FencedOutError } from '../../runtime/journal/fenced-out.js';
import { PostgresJournal } from '../../runtime/journal/postgres/postgres-journal.js';
import { PostgresTerminalLeases } from '../../runtime/journal/postgres/terminal-leases.js';
import { PENDING } from '../../runtime/journal/transaction-state.js';
import type { Lease, LeaseAnswer } from '../../runtime/terminals/terminal-leases.js';
import { freshPostgresDatabase } from '../support/postgres.js';

let url: string;
let journal: PostgresJournal;
const pools: pg.Pool[] = [];
const managers: PostgresTerminalLeases[] = [];

beforeEach(async () => {
  url = await freshPostgresDatabase();
  journal = await PostgresJournal.open({ url });
});

afterEach(async () => {
  for (const manager of managers.splice(0)) await manager.close();
  for (const pool of pools.splice(0)) await pool.end().catch(() => undefined);
  await journal.close();
});

function host(hostId: string, ttlMs = 2000): { leases: PostgresTerminalLeases; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  pools.push(pool);
  const leases = new PostgresTerminalLeases({ pool, hostId, ttlMs });
  managers.push(leases);
  return { leases, pool };
}

const now = { waitMs: 0, signal: new AbortController().signal };
const within = (waitMs: number) => ({ waitMs, signal: AbortSignal.timeout(waitMs + 10_000) });

/** A sale on desk1 as a host records it. */
function sale(id: string) {
  return {
    id,
    kind: 'sale',
    client: 'TPaymentClient',
    terminal: 'desk1',
    protocol: 'csob',
    amountMinor: 100,
    currency: 'CZK',
    allowRepeat: false,
    ownerPid: process.pid,
  } as const;
}

function held(answer: LeaseAnswer): Lease {
  if (answer.kind !== 'held') throw new Error(`expected the lease, got busy at ${answer.holder}`);
  return answer.lease;
}

describe('terminal leases in PostgreSQL', () => {
  it('lets one host hold a terminal and tells the other who holds it', async () => {
    const a = host('shop-a');
    const b = host('shop-b');
    const lease = held(await a.leases.acquire('desk1', now));
    expect(lease.fence).toEqual({ terminal: 'desk1', fencing: 1 });
    const busy = await b.leases.acquire('desk1', now);
    expect(busy).toMatchObject({ kind: 'busy', holder: 'shop-a' });
    expect(busy.kind === 'busy' && busy.until!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    // Another terminal is free all the same.
    expect(held(await b.leases.acquire('desk2', now)).fence).toEqual({ terminal: 'desk2', fencing: 1 });
  });

  it('hands a released terminal to the waiting host at once, with a higher fencing number', async () => {
    // A lease of a minute: only the release can let the other host in within the wait.
    const a = host('shop-a', 60_000);
    const b = host('shop-b', 60_000);
    const first = held(await a.leases.acquire('desk1', now));
    const waiting = b.leases.acquire('desk1', within(20_000));
    await first.release();
    const second = held(await waiting);
    expect(second.fence!.fencing).toBeGreaterThan(first.fence!.fencing);
    expect(await a.leases.acquire('desk1', now)).toMatchObject({ kind: 'busy', holder: 'shop-b' });
  });

  it('tells a holder whether another host held the terminal since its own last lease', async () => {
    const a = host('shop-a', 60_000);
    const b = host('shop-b', 60_000);
    const first = held(await a.leases.acquire('desk1', now));
    await first.release();
    // Nobody came between: what host A's driver remembers of the terminal is still its latest.
    const again = held(await a.leases.acquire('desk1', now));
    expect(again.handedOver).toBe(false);
    await again.release();
    await held(await b.leases.acquire('desk1', now)).release();
    expect(held(await a.leases.acquire('desk1', now)).handedOver).toBe(true);
  });

  it('keeps a renewed lease past its lease time', async () => {
    const a = host('shop-a', 1500);
    const b = host('shop-b', 1500);
    const lease = held(await a.leases.acquire('desk1', now));
    // Three lease times of waiting: without renewal the other host would have it.
    expect(await b.leases.acquire('desk1', within(4500))).toMatchObject({ kind: 'busy', holder: 'shop-a' });
    expect(lease.lost.aborted).toBe(false);
  });

  it('gives a dead host’s terminal to the next host once the lease expires, and the dead one’s lease is lost', async () => {
    const a = host('shop-a', 2000);
    const b = host('shop-b', 2000);
    const dying = held(await a.leases.acquire('desk1', now));
    const lost = once(dying.lost, 'abort');
    await a.pool.end(); // the host can no longer renew, as if its machine went dark
    const next = held(await b.leases.acquire('desk1', within(20_000)));
    expect(next.fence!.fencing).toBe(dying.fence!.fencing + 1);
    await lost;
    expect(String(dying.lost.reason)).toMatch(/lease of terminal desk1 was lost/);
  });

  it('aborts the holder whose lease another host took', async () => {
    const a = host('shop-a', 2000);
    const b = host('shop-b', 2000);
    const paused = held(await a.leases.acquire('desk1', now));
    const lost = once(paused.lost, 'abort');
    // The holder's renewals did not reach the database in time (a pause, a network split): it expired.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`UPDATE terminal_leases SET expires_at = now() - interval '1 second'`);
    await admin.end();
    const taker = held(await b.leases.acquire('desk1', now));
    expect(taker.fence!.fencing).toBe(2);
    await lost;
    expect(String(paused.lost.reason)).toMatch(/lease of terminal desk1 was lost/);
  });

  it('refuses the write-ahead of a holder whose lease ran out, even before another host takes it', async () => {
    const a = host('shop-a', 1000);
    const lease = held(await a.leases.acquire('desk1', now));
    await a.pool.end(); // paused: no renewal reaches the database
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await expect
      .poll(async () => (await admin.query(`SELECT expires_at < now() AS over FROM terminal_leases`)).rows[0].over, {
        timeout: 20_000,
      })
      .toBe(true);
    await admin.end();
    const refused = journal.appendGuarded({ ...sale('late-1'), documentReference: '9300000001' }, lease.fence);
    await expect(refused).rejects.toBeInstanceOf(FencedOutError);
    await expect(refused).rejects.toThrow(/ran out before the request was recorded/);
    expect(await journal.get('late-1')).toBeUndefined();
  });

  it('refuses the journal writes of a holder whose lease passed on, and takes the new holder’s', async () => {
    const a = host('shop-a', 2000);
    const b = host('shop-b', 2000);
    const first = held(await a.leases.acquire('desk1', now));
    await journal.append(sale('fenced-1'), PENDING, 'write-ahead', first.fence);
    await a.pool.end(); // paused: no renewal reaches the database
    const second = held(await b.leases.acquire('desk1', within(20_000)));
    await journal.change(
      'fenced-1',
      { status: 'failed', responseCode: '', descriptionKey: 'failed' },
      'recovery',
      'disk',
      second.fence,
    );
    const late = journal.change(
      'fenced-1',
      { status: 'approved', responseCode: '000', descriptionKey: 'approved' },
      'terminal',
      'os',
      first.fence,
    );
    await expect(late).rejects.toBeInstanceOf(FencedOutError);
    expect(await journal.get('fenced-1')).toMatchObject({ status: 'failed' });
    expect((await journal.history('fenced-1')).map((e) => e.source)).toEqual(['write-ahead', 'recovery']);
  });

  it('lets one holder at a time inside a host, too', async () => {
    const a = host('shop-a', 60_000);
    const first = held(await a.leases.acquire('desk1', now));
    expect(await a.leases.acquire('desk1', now)).toMatchObject({ kind: 'busy', holder: 'shop-a' });
    const waiting = a.leases.acquire('desk1', within(20_000));
    await first.release();
    expect(held(await waiting).fence!.fencing).toBe(2);
  });

  it('leaves nothing held after close', async () => {
    const a = host('shop-a', 60_000);
    const b = host('shop-b', 60_000);
    held(await a.leases.acquire('desk1', now));
    await a.leases.close();
    expect(held(await b.leases.acquire('desk1', now)).fence!.fencing).toBe(2);
  });
});
