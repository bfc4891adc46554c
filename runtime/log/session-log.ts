// One log file per host session, `<logDir>/YYYY-MM-DD_hh-mm-ss.log` named by its creation time
// (local time, as the cash desk's staff read it), holding every frame and every result.
import { createWriteStream, mkdirSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { TerminalLog } from '../terminals/driver.js';
import { maskCardNumbersInText } from '../protocol/card-number.js';

export interface SessionLog extends TerminalLog {
  readonly path: string;
  event(source: string, message: string, level?: 'info' | 'warn' | 'error'): void;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

export function sessionLogFileName(createdAt: Date): string {
  const { date, hours, minutes, seconds } = localParts(createdAt);
  return `${date}_${hours}-${minutes}-${seconds}.log`;
}

/** `YYYY-MM-DD HH:mm:ss.SSS` in local time, built by hand: a date-format library per line cost more than the rest of the line. */
function lineTimestamp(at: number): string {
  // The lines of a batch mostly share their second: its local rendering is reused.
  const second = Math.floor(at / 1000);
  if (second !== lastSecond.second) {
    const { date, hours, minutes, seconds } = localParts(new Date(at));
    lastSecond = { second, text: `${date} ${hours}:${minutes}:${seconds}.` };
  }
  return lastSecond.text + String(at - second * 1000).padStart(3, '0');
}

let lastSecond = { second: Number.NaN, text: '' };

/** Local time, as the cash desk's staff read it. */
function localParts(d: Date): { date: string; hours: string; minutes: string; seconds: string } {
  const p = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`,
    hours: p(d.getHours()),
    minutes: p(d.getMinutes()),
    seconds: p(d.getSeconds()),
  };
}

type Level = 'info' | 'warn' | 'error';

/**
 * Lines are written in batches: a payment logs a few dozen frames and events over several turns of
 * the event loop, and each write to the file stream costs more than rendering all of them. A batch
 * waits at most this long (a killed host loses no more than that of its log)…
 */
const FLUSH_AFTER_MS = 10;
/** …or until this many lines wait. */
const FLUSH_LINES = 512;

/** A line as the caller gave it: rendering and masking wait for the batch it is written in. */
interface QueuedLine {
  at: number;
  level: Level;
  source: string;
  message: string;
}

export function openSessionLog(dir: string, createdAt = new Date()): SessionLog {
  // Owner only, like the journal: a session log names cards (masked), amounts and desks.
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, sessionLogFileName(createdAt));
  // Lines are rendered here and written in batches: a file stream is all the writing needs (a
  // logging library only cost a one-shot `payscript run` ~30 ms of loading before its script).
  const stream = createWriteStream(path, { flags: 'a', mode: 0o600 });
  // A failed file is reported by close(); until then the lines go nowhere and the payment goes on.
  stream.on('error', () => {});
  let queued: QueuedLine[] = [];
  let flushing: NodeJS.Timeout | undefined;
  const flush = () => {
    if (flushing) clearTimeout(flushing);
    flushing = undefined;
    const lines = queued;
    queued = [];
    if (lines.length && !stream.writableEnded) stream.write(`${lines.map(render).join('\n')}\n`);
  };
  const write = (level: Level, source: string, message: string) => {
    queued.push({ at: Date.now(), level, source, message });
    if (queued.length >= FLUSH_LINES) flush();
    else flushing ??= setTimeout(flush, FLUSH_AFTER_MS);
  };
  return {
    path,
    frame: (direction, terminal, text) => write('info', terminal, `${direction === 'out' ? '>>' : '<<'} ${text}`),
    info: (terminal, message) => write('info', terminal, message),
    warn: (terminal, message) => write('warn', terminal, message),
    event: (source, message, level = 'info') => write(level, source, message),
    close: async () => {
      flush();
      stream.end();
      // Settles once every line is in the file, or with the stream's error.
      await finished(stream);
    },
  };
}

/** Masking here, at the one door to the file, covers every layer that logs. */
function render({ at, level, source, message }: QueuedLine): string {
  return maskCardNumbersInText(`${lineTimestamp(at)} ${level.toUpperCase().padEnd(5)} [${source}] ${message}`);
}

/**
 * The last lines of the session logs in `dir`, oldest file first (their names sort by time), at most
 * `maxChars` of them: a line cut by the limit is left out whole.
 */
export async function readSessionLogTail(dir: string, maxChars: number): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => /^\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}\.log$/.test(name)).sort();
  const text = (await Promise.all(names.map((name) => readFile(join(dir, name), 'utf8')))).join('');
  const lines = text.slice(-maxChars).split('\n');
  if (text.length > maxChars) lines.shift();
  return lines.filter((line) => line !== '');
}
