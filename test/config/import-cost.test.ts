// Checking a config must not cost a desk the drivers it does not use: the options schemas the
// config checks live in modules without any session, codec or HTTP client, nor a database driver.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { packageRoot } from '../../runtime/package-root.js';
import { tempDir } from '../support/temp.js';

const terminal = (id: string, protocol: string, options: Record<string, unknown>) => ({
  id,
  protocol,
  host: '127.0.0.1',
  port: 3333,
  terminalId: 'TERM0001',
  options,
});

test('loading a config with a terminal of every protocol loads no driver, only its options schema', () => {
  const config = {
    terminals: [
      terminal('c', 'csob', {}),
      terminal('g', 'gpe', {}),
      terminal('p', 'posxml', {}),
      terminal('n', 'nets', { username: 'org', password: 'pw' }),
      terminal('v', 'viva', { merchantId: 'm', apiKey: 'k' }),
    ],
    binding: { mode: 'single', terminal: 'c' },
    journal: { url: 'postgres://pay:pw@db.example:5432/journal' },
  };
  const log = join(tempDir('import-log'), 'imports.txt');
  const load = pathToFileURL(join(packageRoot(), 'dist', 'runtime', 'config', 'load.js')).href;
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      pathToFileURL(join(packageRoot(), 'test', 'fixtures', 'import-log', 'register.mjs')).href,
      '--input-type=module',
      '-e',
      `const { parseConfig } = await import(${JSON.stringify(load)}); parseConfig(JSON.parse(process.env.CONFIG), 'test');`,
    ],
    { env: { ...process.env, IMPORT_LOG: log, CONFIG: JSON.stringify(config) }, encoding: 'utf8' },
  );
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);

  const modules = readFileSync(log, 'utf8').trim().split('\n');
  const drivers = modules
    .filter((url) => url.includes('/dist/runtime/drivers/'))
    .map((url) => url.slice(url.indexOf('/drivers/') + '/drivers/'.length));
  for (const protocol of ['csob', 'gpe', 'posxml', 'nets', 'viva']) expect(drivers).toContain(`${protocol}/options.js`);
  // A letter-field profile names its frame's checksum, so the CRC function comes with it.
  expect(drivers.filter((file) => !/\/(options|profile|response-codes|crc16)\.js$|^options-schema\.js$/.test(file))).toEqual([]);
  expect(modules.filter((url) => url.includes('fast-xml-parser'))).toEqual([]);
  // A shared journal's URL is checked without loading the database driver.
  expect(modules.filter((url) => url.includes('/node_modules/pg'))).toEqual([]);
});
