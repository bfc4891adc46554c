// The SQLite journal's writes on a thread of their own: better-sqlite3 is synchronous, so each
// write, its commit and its fsync would otherwise block the host's event loop, which also serves
// every sandbox's host calls and every terminal's socket. The main thread only posts each write
// and is answered once its group commit is as durable as asked; the thread applies the writes in
// the order posted, the double-charge guard's read and write among them, so the guard sees every
// earlier write, even one not yet committed.
// A thread that fails (it cannot open the file, it crashes, it is stopped) fails every write it has
// not answered, saying so, and the next write starts a new thread: a write is never reported stored
// unless the thread said its commit succeeded.
import { dirname } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../start-worker.js';
import type { Durability, GuardedAppend } from './journal-store.js';
import { JournalUnavailableError } from './journal-unavailable.js';
import type { JournalWrite, JournalWriter } from './sqlite-writer.js';

export interface WriterThreadInit {
  path: string;
}

export type ToWriterThread = { kind: 'write'; id: number; write: JournalWrite; durability: Durability } | { kind: 'close' };

/** An error as it crosses the thread: structured clone keeps neither its class nor SQLite's code. */
export type WriteFault = { unavailable: { dir: string; problem: string } } | { message: string };

export type FromWriterThread =
  | { kind: 'written'; id: number; written: GuardedAppend }
  | { kind: 'failed'; id: number; fault: WriteFault }
  /** The journal file could not be opened: the thread ends. */
  | { kind: 'unusable'; fault: WriteFault };

export function faultOf(error: unknown): WriteFault {
  if (error instanceof JournalUnavailableError) return { unavailable: { dir: error.dir, problem: error.problem } };
  return { message: error instanceof Error ? error.message : String(error) };
}

function errorOf(fault: WriteFault): Error {
  return 'unavailable' in fault
    ? new JournalUnavailableError(fault.unavailable.dir, fault.unavailable.problem)
    : new Error(fault.message);
}

interface Waiting {
  resolve(written: GuardedAppend): void;
  reject(error: Error): void;
}

/** One started thread and the writes it has not answered yet. */
interface Running {
  worker: Worker;
  waiting: Map<number, Waiting>;
  /** The first failure ends it; 'error' is followed by 'exit', which then finds nothing to fail. */
  ended: boolean;
}

export class WriterThread implements JournalWriter {
  private running: Running | undefined;
  private nextId = 1;
  private closing: Promise<void> | undefined;
  private readonly dir: string;

  constructor(private readonly path: string) {
    this.dir = dirname(path);
    // Started now, so it has loaded by the first payment.
    this.running = this.start();
  }

  /** The thread now serving writes, if one is; tests stop it to see the host survive a crashed one. */
  get worker(): Worker | undefined {
    return this.running?.worker;
  }

  write(write: JournalWrite, durability: Durability): Promise<GuardedAppend> {
    if (this.closing) return Promise.reject(new Error(`the journal in ${this.dir} is closed`));
    const running = (this.running ??= this.start());
    const id = this.nextId++;
    return new Promise<GuardedAppend>((resolve, reject) => {
      const message: ToWriterThread = { kind: 'write', id, write, durability };
      // Throws (nothing sent) for a value that cannot cross to the thread.
      running.worker.postMessage(message);
      running.waiting.set(id, { resolve, reject });
      // Only a thread with writes to answer keeps the process alive.
      if (running.waiting.size === 1) running.worker.ref();
    });
  }

  /** Waits for every write posted before to be answered, then ends the thread. */
  close(): Promise<void> {
    this.closing ??= this.stop();
    return this.closing;
  }

  private async stop(): Promise<void> {
    const running = this.running;
    if (!running || running.ended) return;
    const exited = new Promise((resolve) => running.worker.once('exit', resolve));
    running.worker.ref();
    const message: ToWriterThread = { kind: 'close' };
    running.worker.postMessage(message);
    await exited;
  }

  private start(): Running {
    const init: WriterThreadInit = { path: this.path };
    const worker = startWorker(import.meta.url, 'journal-writer-thread', { workerData: init });
    worker.unref();
    const running: Running = { worker, waiting: new Map(), ended: false };
    worker.on('message', (message: FromWriterThread) => {
      if (message.kind === 'unusable') return this.end(running, errorOf(message.fault));
      const waiting = running.waiting.get(message.id);
      running.waiting.delete(message.id);
      if (running.waiting.size === 0) worker.unref();
      if (message.kind === 'written') waiting?.resolve(message.written);
      else waiting?.reject(errorOf(message.fault));
    });
    worker.on('error', (error) => this.end(running, this.stopped(`it failed: ${error.message}`)));
    worker.on('exit', (code) => this.end(running, this.stopped(`it exited with code ${code}`)));
    return running;
  }

  private stopped(why: string): JournalUnavailableError {
    return new JournalUnavailableError(this.dir, `its writer thread stopped before confirming the write; ${why}`);
  }

  private end(running: Running, error: Error): void {
    if (this.running === running) this.running = undefined;
    if (running.ended) return;
    running.ended = true;
    for (const waiting of running.waiting.values()) waiting.reject(error);
    running.waiting.clear();
    void running.worker.terminate();
  }
}
