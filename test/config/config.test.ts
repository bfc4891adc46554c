import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveTerminal } from '../../runtime/config/binding.js';
import { ConfigError } from '../../runtime/config/errors.js';
import { loadConfigFile, parseConfig } from '../../runtime/config/load.js';
import { journalLocation } from '../../runtime/journal/open-journal.js';

const valid = () => ({
  language: 'cs',
  logDir: '/tmp/PointOfSale',
  terminals: [
    { id: 'desk1', protocol: 'csob', host: '10.1.2.3', port: 33333, terminalId: 'TERM0001', timeoutSeconds: 60, options: {} },
    { id: 'desk2', protocol: 'csob', host: '10.1.2.4', port: 3333, terminalId: 'TERM0002' },
  ],
  binding: { mode: 'pc', terminal: 'desk1', pc: { KASA1: 'desk1', KASA2: 'desk2' }, user: { novak: 'desk2' } },
  limits: { memoryMiB: 64, cpuSeconds: 30, wallSeconds: 600 },
});

function problems(json: unknown): string {
  try {
    parseConfig(json, 'payscript.config.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the config to be refused');
}

describe('payscript.config.json', () => {
  it('accepts the documented contract and fills defaults', () => {
    const config = parseConfig(valid(), 'test');
    expect(config.language).toBe('cs');
    expect(config.terminals[1]).toMatchObject({ timeoutSeconds: 60, options: {} });
    expect(config.limits).toMatchObject({ memoryMiB: 64, cpuSeconds: 30, wallSeconds: 600 });
  });

  it('defaults the language to English and the log folder to PointOfSale in the home directory', () => {
    const { language, logDir, limits, ...rest } = valid();
    const config = parseConfig(rest, 'test');
    expect(config.language).toBe('en');
    expect(config.logDir).toMatch(/PointOfSale$/);
    expect(config.limits.memoryMiB).toBe(64);
    expect(config.limits.wallSeconds).toBe(600);
  });

  it('names the key and the problem', () => {
    const bad = valid();
    (bad.terminals[0] as Record<string, unknown>).port = '33333';
    (bad.terminals[1] as Record<string, unknown>).protocol = 'zvt';
    (bad as Record<string, unknown>).langauge = 'cs';
    const message = problems(bad);
    expect(message).toContain('payscript.config.json: invalid configuration');
    expect(message).toMatch(/terminals\.0\.port: .*expected number/);
    expect(message).toMatch(/terminals\.1\.protocol: .*"csob"/);
    expect(message).toMatch(/langauge/);
  });

  it('defaults limits.outputKiB to 1024 and holds it between 64 and 16384', () => {
    expect(parseConfig(valid(), 'test').limits.outputKiB).toBe(1024);
    expect(parseConfig({ ...valid(), limits: { outputKiB: 64 } }, 'test').limits.outputKiB).toBe(64);
    expect(problems({ ...valid(), limits: { outputKiB: 63 } })).toMatch(/limits\.outputKiB: .*64/);
    expect(problems({ ...valid(), limits: { outputKiB: 16385 } })).toMatch(/limits\.outputKiB: .*16384/);
    expect(problems({ ...valid(), limits: { outputKiB: 100.5 } })).toMatch(/limits\.outputKiB: .*expected int/);
  });

  it('refuses limits no run can work with, naming the key', () => {
    expect(problems({ ...valid(), limits: { memoryMiB: 0.001 } })).toMatch(/limits\.memoryMiB: .*4/);
    expect(problems({ ...valid(), limits: { cpuSeconds: 0.001 } })).toMatch(/limits\.cpuSeconds: .*0\.1/);
    expect(problems({ ...valid(), limits: { wallSeconds: 0 } })).toMatch(/limits\.wallSeconds: .*0\.1/);
    expect(parseConfig({ ...valid(), limits: { memoryMiB: 4, cpuSeconds: 0.1 } }, 'test').limits).toMatchObject({
      memoryMiB: 4,
      cpuSeconds: 0.1,
    });
  });

  it('refuses bindings to terminals that do not exist and duplicate ids', () => {
    const bad = valid();
    (bad.binding.pc as Record<string, string>).KASA3 = 'desk9';
    bad.terminals[1].id = 'desk1';
    const message = problems(bad);
    expect(message).toContain('binding.pc.KASA3: names terminal "desk9", which is not in "terminals"');
    expect(message).toContain('terminals.1.id: duplicate terminal id "desk1"');
  });

  it('requires binding.terminal in single mode', () => {
    const bad = valid();
    bad.binding = { mode: 'single' } as never;
    expect(problems(bad)).toContain('binding.terminal: is required when binding.mode is "single"');
  });

  it('reports unreadable and non-JSON files with their path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'payscript-config-'));
    const file = join(dir, 'payscript.config.json');
    writeFileSync(file, '{ "terminals": [ }');
    await expect(loadConfigFile(file)).rejects.toThrow(`${file}: not valid JSON`);
    await expect(loadConfigFile(join(dir, 'missing.json'))).rejects.toThrow('cannot read the config file (ENOENT)');
  });
});

describe('binding a desk to its terminal', () => {
  const config = parseConfig(valid(), 'test');

  it('binds by PC name, case-sensitively', () => {
    expect(resolveTerminal(config, { pc: 'KASA2' }).id).toBe('desk2');
    expect(() => resolveTerminal(config, { pc: 'kasa2' })).toThrow('PC "kasa2" is not bound to a terminal');
  });

  it('binds by user', () => {
    const byUser = parseConfig({ ...valid(), binding: { ...valid().binding, mode: 'user' } }, 'test');
    expect(resolveTerminal(byUser, { user: 'novak', pc: 'KASA1' }).id).toBe('desk2');
    expect(() => resolveTerminal(byUser, { user: 'svoboda' })).toThrow('user "svoboda" is not bound');
  });

  it('reads PC and user names as plain names, never as members of an object prototype', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(() => resolveTerminal(config, { pc: name })).toThrow(`PC "${name}" is not bound to a terminal`);
    }
    const byUser = parseConfig({ ...valid(), binding: { mode: 'user', user: { constructor: 'desk2' } } }, 'test');
    expect(resolveTerminal(byUser, { user: 'constructor' }).id).toBe('desk2');
    expect(() => resolveTerminal(byUser, { user: 'valueOf' })).toThrow('user "valueOf" is not bound');
    expect(problems(JSON.parse('{"terminals":[],"binding":{"mode":"pc","pc":{"__proto__":"desk1"}}}'))).toContain(
      'binding.pc: "__proto__" cannot be a PC or user name',
    );
  });

  it('binds every desk to one terminal in single mode', () => {
    const single = parseConfig({ ...valid(), binding: { mode: 'single', terminal: 'desk2' } }, 'test');
    expect(resolveTerminal(single, { pc: 'ANY', user: 'anyone' }).id).toBe('desk2');
  });

  it('lets --terminal override the binding and refuses unknown ids', () => {
    expect(resolveTerminal(config, { pc: 'KASA1', terminal: 'desk2' }).id).toBe('desk2');
    expect(() => resolveTerminal(config, { terminal: 'desk7' })).toThrow(
      'unknown terminal "desk7"; configured terminals: desk1, desk2',
    );
  });
});

describe('journal', () => {
  it('keeps the journal in SQLite unless journal.url names a PostgreSQL database', () => {
    expect(parseConfig(valid(), 'test').journal).toEqual({
      poolSize: 10,
      statementTimeoutSeconds: 15,
      leaseSeconds: 15,
      leaseWaitSeconds: 30,
    });
    const shared = parseConfig(
      { ...valid(), journal: { url: 'postgres://pay:pw@db.example:5432/journal', poolSize: 4 } },
      'test',
    );
    expect(shared.journal).toMatchObject({ url: 'postgres://pay:pw@db.example:5432/journal', poolSize: 4 });
    expect(journalLocation(shared, {})).toMatchObject({ url: 'postgres://pay:pw@db.example:5432/journal', poolSize: 4 });
    expect(journalLocation(parseConfig(valid(), 'test'), {}).url).toBeUndefined();
  });

  it('names journal.url when it is not a PostgreSQL URL, and never prints it', () => {
    const message = problems({ ...valid(), journal: { url: 'mysql://pay:Secret99@db/journal' } });
    expect(message).toMatch(/journal\.url: must be a PostgreSQL URL: postgres:\/\/user:password@host:5432\/database/);
    expect(message).not.toContain('Secret99');
    expect(problems({ ...valid(), journal: { poolSize: 0 } })).toMatch(/journal\.poolSize/);
    expect(problems({ ...valid(), journal: { host: 'db' } })).toMatch(/journal.*host/);
  });

  it('takes PAYSCRIPT_JOURNAL_URL over journal.url, and refuses a wrong one by name without printing it', () => {
    const config = parseConfig({ ...valid(), journal: { url: 'postgres://a@file-db/journal' } }, 'test');
    expect(journalLocation(config, { PAYSCRIPT_JOURNAL_URL: 'postgres://b:pw@env-db/journal' }).url).toBe(
      'postgres://b:pw@env-db/journal',
    );
    expect(journalLocation(config, { PAYSCRIPT_JOURNAL_URL: '' }).url).toBe('postgres://a@file-db/journal');
    const wrong = () => journalLocation(config, { PAYSCRIPT_JOURNAL_URL: 'db:Secret99@host' });
    expect(wrong).toThrow(ConfigError);
    expect(wrong).toThrow('PAYSCRIPT_JOURNAL_URL: must be a PostgreSQL URL');
    expect(wrong).not.toThrow(/Secret99/);
  });
});

describe("README's configuration example", () => {
  it('is a valid configuration', async () => {
    const { readFileSync } = await import('node:fs');
    const { packageRoot } = await import('../../runtime/package-root.js');
    const readme = readFileSync(join(packageRoot(), 'README.md'), 'utf8');
    const example = /## Configuration[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const config = parseConfig(JSON.parse(example!), 'README.md');
    expect(resolveTerminal(config, { pc: 'RECEPTION-TLN' }).protocol).toBe('posxml');
  });
});
