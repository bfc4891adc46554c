// One throwaway PostgreSQL server for the whole test run; each test file makes its own database on it
// (test/support/postgres.ts), so files never see each other's rows.
import type { TestProject } from 'vitest/node';
import { startThrowawayCluster } from '../../runtime/journal/postgres/throwaway-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The throwaway server's superuser URL (database `postgres`). */
    postgresServerUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startThrowawayCluster();
  project.provide('postgresServerUrl', cluster.url);
  return () => cluster.stop();
}
