// Terminal leases in the shared PostgreSQL journal (lease-schema.ts). A lease is taken by one
// statement that succeeds only when the row is free, expired or already ours, and every new holding
// raises the fencing number; expiry is judged by the database's clock, so the hosts' clocks never
// matter. The holder renews every third of the lease time and gives the terminal up when idle; a
// lease not renewed in time is lost, and its abort signal stops the holder's work on the terminal.
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { InProcessHolds, type Hold } from '../../terminals/in-process-holds.js';
import type { AcquireOptions, Lease, LeaseAnswer, TerminalLeases } from '../../terminals/terminal-leases.js';
import type { LeaseFence } from './lease-schema.js';

export interface PostgresLeaseOptions {
  /** Connections to the journal's database; ended by `close` when `ownsPool` says so. */
  pool: pg.Pool | Promise<pg.Pool>;
  ownsPool?: boolean;
  hostId: string;
  /** How long a lease lasts without renewal: how long a dead host's terminals stay blocked. */
  ttlMs: number;
  /** Settles once the journal's migrations made the lease table; awaited before the first lease. */
  ready?: () => Promise<unknown>;
}

/** How often a waiting host asks again; a released lease is taken within this. */
const POLL_MS = 100;

const GRANT_SQL = `
INSERT INTO terminal_leases AS l (terminal, holder, fencing, expires_at)
VALUES ($1, $2, 1, now() + $3 * interval '1 millisecond')
ON CONFLICT (terminal) DO UPDATE
  SET holder = EXCLUDED.holder, fencing = l.fencing + 1, expires_at = EXCLUDED.expires_at
  WHERE l.holder IS NULL OR l.expires_at < now() OR l.holder = EXCLUDED.holder
RETURNING fencing`;

const HOLDER_SQL = `SELECT holder, expires_at FROM terminal_leases WHERE terminal = $1`;

const RENEW_SQL = `
UPDATE terminal_leases SET expires_at = now() + $4 * interval '1 millisecond'
WHERE terminal = $1 AND holder = $2 AND fencing = $3 AND expires_at >= now()`;

const RELEASE_SQL = `
UPDATE terminal_leases SET holder = NULL, expires_at = '-infinity'
WHERE terminal = $1 AND holder = $2 AND fencing = $3`;

export class PostgresTerminalLeases implements TerminalLeases {
  readonly hostId: string;
  private readonly holds = new InProcessHolds();
  private readonly held = new Set<PostgresLease>();
  /** The fencing number of this host's latest lease per terminal: the next one follows it unless another holder came between. */
  private readonly lastFencing = new Map<string, number>();

  constructor(private readonly options: PostgresLeaseOptions) {
    this.hostId = options.hostId;
  }

  async acquire(terminal: string, { waitMs, signal }: AcquireOptions): Promise<LeaseAnswer> {
    const deadline = Date.now() + waitMs;
    const hold = await this.holds.take(terminal, waitMs, signal);
    if (!hold) return { kind: 'busy', holder: this.hostId };
    try {
      await this.options.ready?.();
      const pool = await this.options.pool;
      for (;;) {
        const askedAt = performance.now();
        const answer = await this.grant(pool, terminal, askedAt, hold);
        const left = deadline - Date.now();
        if (answer.kind === 'held' || left <= 0 || signal.aborted) {
          if (answer.kind === 'busy') this.holds.free(terminal, hold);
          return answer;
        }
        await sleep(Math.min(left, POLL_MS), undefined, { signal }).catch(() => undefined);
      }
    } catch (error) {
      this.holds.free(terminal, hold);
      throw new Error(`the journal's database did not grant the lease of terminal ${terminal}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.held].map((lease) => lease.release()));
    this.holds.freeAll();
    if (this.options.ownsPool) await (await this.options.pool).end();
  }

  private async grant(pool: pg.Pool, terminal: string, askedAt: number, hold: Hold): Promise<LeaseAnswer> {
    const { hostId, ttlMs } = this.options;
    const granted = await pool.query<{ fencing: string }>(GRANT_SQL, [terminal, hostId, ttlMs]);
    if (granted.rows.length === 1) {
      const fence = { terminal, fencing: Number(granted.rows[0].fencing) };
      // Every holding raises the number by one, so a gap means another host held the terminal meanwhile.
      const handedOver = this.lastFencing.get(terminal) !== fence.fencing - 1;
      this.lastFencing.set(terminal, fence.fencing);
      const lease = new PostgresLease(pool, hostId, fence, handedOver, ttlMs, askedAt, () => {
        this.held.delete(lease);
        this.holds.free(terminal, hold);
      });
      this.held.add(lease);
      return { kind: 'held', lease };
    }
    const current = await pool.query<{ holder: string | null; expires_at: Date }>(HOLDER_SQL, [terminal]);
    const row = current.rows[0];
    // Given up between the two statements: the next round takes it.
    return { kind: 'busy', holder: row?.holder ?? 'none', ...(row?.holder && { until: row.expires_at }) };
  }
}

class PostgresLease implements Lease {
  readonly terminal: string;
  private readonly losing = new AbortController();
  readonly lost = this.losing.signal;
  private readonly renewal: NodeJS.Timeout;
  private expiry: NodeJS.Timeout | undefined;
  private ended = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly hostId: string,
    readonly fence: LeaseFence,
    readonly handedOver: boolean,
    private readonly ttlMs: number,
    grantedAt: number,
    private readonly onEnd: () => void,
  ) {
    this.terminal = fence.terminal;
    this.renewal = setInterval(() => void this.renew(), Math.max(1, Math.floor(ttlMs / 3)));
    this.renewal.unref();
    this.expireFrom(grantedAt);
  }

  /** Every transaction of a terminal whose lease we hold is ours: its sender's lease has ended. */
  senderOf(): undefined {
    return undefined;
  }

  async release(): Promise<void> {
    if (!this.end()) return;
    // A release that does not reach the database only makes the others wait for the expiry.
    await this.pool.query(RELEASE_SQL, [this.terminal, this.hostId, this.fence.fencing]).catch(() => undefined);
  }

  private async renew(): Promise<void> {
    const askedAt = performance.now();
    try {
      const renewed = await this.pool.query(RENEW_SQL, [this.terminal, this.hostId, this.fence.fencing, this.ttlMs]);
      if (renewed.rowCount === 1) this.expireFrom(askedAt);
      else this.lose('it expired or another host took it');
    } catch {
      // The database did not answer: the lease still counts until its expiry, which the timer watches.
    }
  }

  /** The database set the expiry no earlier than `askedAt` + ttl: by then at the latest we stop. */
  private expireFrom(askedAt: number): void {
    if (this.ended) return;
    clearTimeout(this.expiry);
    this.expiry = setTimeout(() => this.lose('it was not renewed in time'), askedAt + this.ttlMs - performance.now());
    this.expiry.unref();
  }

  private lose(why: string): void {
    if (!this.end()) return;
    this.losing.abort(new Error(`the lease of terminal ${this.terminal} was lost: ${why}`));
  }

  private end(): boolean {
    if (this.ended) return false;
    this.ended = true;
    clearInterval(this.renewal);
    clearTimeout(this.expiry);
    this.onEnd();
    return true;
  }
}
