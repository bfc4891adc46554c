// The server's runs hold a bounded amount of memory whatever they print: at the highest output
// limit, runs finished earlier are forgotten oldest first, and `GET /api/runs/{id}` answers every
// id with 200 or 404.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LIMIT_BOUNDS, LINE_COST_BYTES } from '../../runtime/sandbox/index.js';
import { startTestServer, type ApiClient, type TestServer } from './serve-harness.js';

let t: TestServer;
let admin: ApiClient;

beforeAll(async () => {
  t = await startTestServer({ configure: (config) => (config.limits = { outputKiB: LIMIT_BOUNDS.outputKiB.max }) });
  admin = await t.login();
});
afterAll(() => t.close());

// 1 100 lines of 16 KiB with their line cost: more than the 16 MiB a run may keep at the highest limit.
const FLOOD = `const line = 'x'.repeat(${16384 - LINE_COST_BYTES});\nfor (let i = 0; i < 1100; i++) console.log(line);\n`;

it(
  'forgets the runs finished first once the runs hold too much, and answers 200 or 404 for each',
  { timeout: 120_000 },
  async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { body } = await admin.post('/api/runs', { source: FLOOD });
      const end = (await admin.events(body.id)).at(-1);
      expect(end).toMatchObject({ event: 'end', data: { ok: true, outputDropped: { lines: 1100 - 1024 } } });
      ids.push(body.id);
    }
    const statuses = await Promise.all(ids.map(async (id) => (await admin.get(`/api/runs/${id}`)).status));
    // Forgotten oldest first: some 404s, then only 200s, the run finished last among them.
    expect(statuses[0]).toBe(404);
    expect(statuses.at(-1)).toBe(200);
    expect(statuses.slice(statuses.indexOf(200)).every((status) => status === 200)).toBe(true);
    expect(statuses.every((status) => status === 200 || status === 404)).toBe(true);

    const last = await admin.get(`/api/runs/${ids.at(-1)}`);
    expect(last.body.report.logs).toHaveLength(1024 + 1);
  },
);
