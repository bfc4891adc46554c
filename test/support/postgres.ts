// A new empty database on the test run's PostgreSQL server (postgres-global-setup.ts).
import { inject } from 'vitest';
import { createDatabase } from '../../runtime/journal/postgres/throwaway-cluster.js';

export function freshPostgresDatabase(): Promise<string> {
  return createDatabase(inject('postgresServerUrl'));
}
