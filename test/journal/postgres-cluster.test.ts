// The test run's PostgreSQL server is a real one: password authentication over loopback, and a fresh
// database per caller that no other caller's tables reach.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { freshPostgresDatabase } from '../support/postgres.js';

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('the throwaway PostgreSQL server', () => {
  it('gives each caller its own database', async () => {
    const [first, second] = [await freshPostgresDatabase(), await freshPostgresDatabase()];
    expect(first).not.toBe(second);
    await withClient(first, (client) => client.query('CREATE TABLE marker (id int)'));
    const tables = await withClient(second, (client) =>
      client.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'marker'"),
    );
    expect(tables.rows[0].n).toBe(0);
  });

  it('refuses a wrong password', async () => {
    const url = new URL(await freshPostgresDatabase());
    url.password = 'wrong';
    await expect(withClient(url.toString(), (client) => client.query('SELECT 1'))).rejects.toThrow(/password/);
  });
});
