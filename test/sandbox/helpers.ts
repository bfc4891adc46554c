// Shared helpers for the sandbox tests: scripts written to a temp folder, a recording console.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { type ConsoleLevel, SandboxHost } from '../../runtime/sandbox/index.js';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/sandbox');

/** A temp folder for one test file; `write` returns the absolute path of the script it writes. */
export function scriptFolder(): { write(name: string, source: string): string; remove(): void } {
  const root = mkdtempSync(path.join(tmpdir(), 'payscript-sandbox-'));
  return {
    write(name, source) {
      const file = path.join(root, name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, source);
      return file;
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export function recordingConsole(): { lines: string[]; onConsole(level: ConsoleLevel, text: string): void } {
  const lines: string[] = [];
  return { lines, onConsole: (level, text) => lines.push(`${level}: ${text}`) };
}

export const echoHost = async (_op: string, payload: unknown) => payload;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A one-worker sandbox host and a script folder for a test file, both closed after all its tests. */
export function oneWorkerSandbox(): { host: SandboxHost; folder: ReturnType<typeof scriptFolder> } {
  const host = new SandboxHost({ workers: 1 });
  const folder = scriptFolder();
  afterAll(async () => {
    await host.close();
    folder.remove();
  });
  return { host, folder };
}

/**
 * A host function that holds every call until `release`: `allIn` settles once `count` runs are
 * suspended in it at once, each answered `answer` afterwards.
 */
export function gatedHost<T>(count: number, answer: T): { host: () => Promise<T>; allIn: Promise<void>; release(): void } {
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  let waiting = 0;
  let allWaiting = () => {};
  const allIn = new Promise<void>((resolve) => (allWaiting = resolve));
  const host = async () => {
    if (++waiting === count) allWaiting();
    await gate;
    return answer;
  };
  return { host, allIn, release };
}
