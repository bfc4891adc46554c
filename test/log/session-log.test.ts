import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSessionLog, readSessionLogTail, sessionLogFileName } from '../../runtime/log/session-log.js';
import { maskCardNumbersInText } from '../../runtime/protocol/card-number.js';

describe('session log', () => {
  it('is named after its creation time', () => {
    expect(sessionLogFileName(new Date(2026, 10, 3, 7, 5, 9))).toBe('2026-11-03_07-05-09.log');
  });

  it('writes frames and events to one file per session with card numbers masked', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'payscript-log-')), 'PointOfSale');
    const log = openSessionLog(dir, new Date(2026, 0, 2, 3, 4, 5));
    log.frame('out', 'desk1', 'B1 <FS>T00<FS>B10000');
    log.frame('in', 'desk1', 'B2 <FS>R000<FS>P4111111111111111');
    log.event('script Prikl_142.ts', 'run ended ok');
    await log.close();
    expect(basename(log.path)).toBe('2026-01-02_03-04-05.log');
    const text = readFileSync(log.path, 'utf8');
    expect(text).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} INFO {2}\[desk1\] >> B1 <FS>T00<FS>B10000$/m);
    expect(text).toContain('[desk1] << B2 <FS>R000<FS>P411111******1111');
    expect(text).toContain('run ended ok');
    expect(text).not.toContain('4111111111111111');
  });

  it('closes after a burst with every line in the file (no line lost, no write after end)', async () => {
    const log = openSessionLog(mkdtempSync(join(tmpdir(), 'payscript-log-')));
    const frame = '<STX>B200TERM000120261123194500000000A5A5<FS>T00<FS>B1000<FS>I203<FS>D4761739001010119<FS>S1234567890<ETX>';
    for (let i = 0; i < 20_000; i++) log.frame('out', 'desk1', frame);
    // Busy for a while before closing, as a host finishing its last runs is.
    for (let i = 0; i < 20_000; i++) maskCardNumbersInText(frame);
    await log.close();
    const lines = readFileSync(log.path, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(20_000);
    expect(lines.every((line) => line.endsWith('D476173******0119<FS>S1234567890<ETX>'))).toBe(true);
  });

  it('keeps the host running when its file cannot be written, and says so on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'payscript-log-'));
    const createdAt = new Date(2026, 0, 2, 3, 4, 5);
    // A folder where the file should be: the stream fails to open.
    mkdirSync(join(dir, sessionLogFileName(createdAt)));
    const log = openSessionLog(dir, createdAt);
    log.event('script Prikl_142.ts', 'run started');
    await new Promise((resolve) => setImmediate(resolve));
    log.event('script Prikl_142.ts', 'run ended ok');
    await expect(log.close()).rejects.toThrow(/EISDIR/);
  });

  it('reads the end of the session logs in a folder, oldest first, whole lines within the bound', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'payscript-log-'));
    const first = openSessionLog(dir, new Date(2026, 0, 2, 3, 4, 5));
    first.event('killed host', 'run started');
    await first.close();
    const second = openSessionLog(dir, new Date(2026, 0, 2, 3, 4, 9));
    second.frame('in', 'desk1', 'B2 <FS>P4111111111111111');
    second.event('fresh host', 'run ended ok');
    await second.close();
    writeFileSync(join(dir, 'killed-host.config.json'), '{}');
    const all = await readSessionLogTail(dir, 64 * 1024);
    expect(all.map((line) => line.replace(/^.{24}/, ''))).toEqual([
      'INFO  [killed host] run started',
      'INFO  [desk1] << B2 <FS>P411111******1111',
      'INFO  [fresh host] run ended ok',
    ]);
    // A bound that cuts the second line leaves it out whole.
    const bound = all.at(-1)!.length + 1 + 10;
    expect(await readSessionLogTail(dir, bound)).toEqual([all.at(-1)]);
  });
});
