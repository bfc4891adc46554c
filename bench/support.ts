// What every group needs: temporary folders, scripts on disk, a host over given terminals.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseConfig } from '../runtime/config/load.js';
import type { PayscriptConfig } from '../runtime/config/schema.js';
import type { TerminalConfig, TerminalLog } from '../runtime/terminals/driver.js';

const made: string[] = [];

/** A fresh folder on the machine's disk (the journal's fsyncs are part of what is measured). */
export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `payscript-bench-${name}-`));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function writeScript(dir: string, name: string, source: string): string {
  const file = join(dir, 'scripts', name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, source);
  return file;
}

export const silentLog: TerminalLog = { frame() {}, info() {}, warn() {} };

/** A host configuration: one terminal per desk (PC name → terminal id), journal and logs in `dir`. */
export function benchConfig(
  dir: string,
  terminals: TerminalConfig[],
  deskOf: (terminal: TerminalConfig, i: number) => string,
): PayscriptConfig {
  return parseConfig(benchConfigFile(dir, terminals, deskOf), 'bench configuration');
}

/** The same configuration as its file holds it, for host processes of their own. */
export function benchConfigFile(
  dir: string,
  terminals: TerminalConfig[],
  deskOf: (terminal: TerminalConfig, i: number) => string,
) {
  return {
    language: 'en',
    logDir: join(dir, 'PointOfSale'),
    dataDir: join(dir, 'data'),
    terminals,
    binding: { mode: 'pc', pc: Object.fromEntries(terminals.map((t, i) => [deskOf(t, i), t.id])) },
  };
}

export const CZK = { alpha: 'CZK', numeric: '203', exponent: 2 };

export function progress(text: string): void {
  process.stderr.write(`[bench] ${text}\n`);
}
