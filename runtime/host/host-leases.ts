// The terminal leases a host works under: in the shared PostgreSQL journal when the configuration
// names one (several hosts, one owner per terminal), else this process alone decides.
import type pg from 'pg';
import { CONNECT_TIMEOUT_MS } from '../journal/postgres/pool-defaults.js';
import { PostgresTerminalLeases } from '../journal/postgres/terminal-leases.js';
import { newHostId } from '../terminals/host-id.js';
import { ProcessLeases } from '../terminals/process-leases.js';
import type { TerminalLeases } from '../terminals/terminal-leases.js';

export interface LeaseConfig {
  /** The shared journal's PostgreSQL URL; undefined for the SQLite journal of one machine. */
  url: string | undefined;
  /** How this host is named to the others (default: the machine's name). */
  hostId?: string;
  leaseSeconds: number;
  /** Settles once the journal is open (its migrations made the lease table). */
  journalReady: () => Promise<unknown>;
}

/** Two connections: a lease is one short statement at a time, and renewals must not queue behind payments. */
const LEASE_POOL_SIZE = 2;
/** A lease statement is one short row update: longer means the server is in trouble. */
const LEASE_STATEMENT_MS = 10_000;

export function hostLeases(config: LeaseConfig): TerminalLeases {
  if (!config.url) return new ProcessLeases();
  return new PostgresTerminalLeases({
    // Loaded only here: a desk on SQLite never loads the PostgreSQL driver.
    pool: leasePool(config.url),
    ownsPool: true,
    hostId: newHostId(config.hostId),
    ttlMs: config.leaseSeconds * 1000,
    ready: config.journalReady,
  });
}

async function leasePool(url: string): Promise<pg.Pool> {
  const { default: pgModule } = await import('pg');
  // Bounded like the journal's own pool: a server that stops answering must not hold a desk forever.
  const pool = new pgModule.Pool({
    connectionString: url,
    max: LEASE_POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: LEASE_STATEMENT_MS,
    query_timeout: LEASE_STATEMENT_MS + CONNECT_TIMEOUT_MS,
    application_name: 'payscript leases',
  });
  // A dropped idle connection is replaced on the next query; the lease timers judge what it cost.
  pool.on('error', () => undefined);
  return pool;
}
