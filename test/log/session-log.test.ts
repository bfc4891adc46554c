import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSessionLog, sessionLogFileName } from '../../runtime/log/session-log.js';

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
    expect(text).toContain('[desk1] >> B1 <FS>T00<FS>B10000');
    expect(text).toContain('[desk1] << B2 <FS>R000<FS>P411111******1111');
    expect(text).toContain('run ended ok');
    expect(text).not.toContain('4111111111111111');
  });
});
