// The soak's journal: SQLite in the soak folder (one host), or a throwaway PostgreSQL server that
// several host processes share, with leases short enough that a killed host's terminals pass on
// within the soak's pace.
import { join } from 'node:path';
import type { JournalStore } from '../journal/journal-store.js';
import { JOURNAL_URL_VARIABLE, openJournal } from '../journal/open-journal.js';
import { PostgresJournal } from '../journal/postgres/postgres-journal.js';
import { startThrowawayCluster } from '../journal/postgres/throwaway-cluster.js';

export type SoakJournalKind = 'sqlite' | 'postgres';
export const SOAK_JOURNAL_KINDS: readonly SoakJournalKind[] = ['sqlite', 'postgres'];

/** A killed host blocks its terminals this long; the other host waits longer than that, not failing. */
const SOAK_LEASE = { leaseSeconds: 2, leaseWaitSeconds: 6 } as const;

export interface SoakJournal {
  /** The harness's own reading of the journal, for progress and the audit. */
  journal: JournalStore;
  /** The config file's `journal` section for the hosts. */
  settings: Record<string, unknown>;
  /** The hosts' environment: the URL with its password stays out of the config file. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function openSoakJournal(kind: SoakJournalKind, dir: string): Promise<SoakJournal> {
  if (kind === 'sqlite') {
    const journal = openJournal(join(dir, 'data'));
    return { journal, settings: {}, env: {}, close: () => journal.close() };
  }
  const cluster = await startThrowawayCluster();
  try {
    const url = await cluster.createDatabase('soak');
    // Opened (and migrated) before any host starts.
    const journal = await PostgresJournal.open({ url });
    return {
      journal,
      settings: SOAK_LEASE,
      env: { [JOURNAL_URL_VARIABLE]: url },
      close: async () => {
        await journal.close();
        await cluster.stop();
      },
    };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}
