// One sandbox worker thread as the main thread sees it: how to start it and whether it is alive.
import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import { startWorker } from '../start-worker.js';
import type { CancelRun, FromWorker, ToWorker, WorkerBatch, WorkerInit } from './protocol.js';
import type { QuickJSBuild } from './wasm-instance.js';

// Measured: once V8 optimises the asyncify module a guest call level costs ~35–40 KB of native
// stack; 128 MB gives 2.4–2.7× headroom over a 256 KiB guest stack, so recursion 1 000 deep works
// and 100 000 deep ends in a catchable InternalError, never a host crash.
const WORKER_STACK_MB = 128;

export class WorkerSlot {
  readonly worker: Worker;
  /** Runs this worker is serving, by run id. */
  readonly runs = new Set<number>();
  private readonly heartbeat: Int32Array;
  private readonly cancelPort: MessagePort;
  private lastBeat = 0;
  private lastBeatAt = performance.now();
  /** Settles when the worker has loaded and takes runs; rejects if it dies first. */
  readonly ready: Promise<void>;

  private readonly buildPort: MessagePort;

  constructor(onMessage: (slot: WorkerSlot, message: FromWorker) => void, onDeath: (slot: WorkerSlot, reason: string) => void) {
    const shared = new SharedArrayBuffer(4);
    this.heartbeat = new Int32Array(shared);
    const cancels = new MessageChannel();
    this.cancelPort = cancels.port1;
    const builds = new MessageChannel();
    this.buildPort = builds.port1;
    const init: WorkerInit = { heartbeat: shared, cancelPort: cancels.port2, buildPort: builds.port2 };
    this.worker = startWorker(import.meta.url, 'worker', {
      workerData: init,
      transferList: [cancels.port2, builds.port2],
      resourceLimits: { stackSizeMb: WORKER_STACK_MB },
    });
    let markReady = () => {};
    let markDead = (_reason: string) => {};
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      markDead = (reason) => reject(new Error(reason));
    });
    // A run's state is made only after `ready`; nobody may be left with an unhandled rejection.
    this.ready.catch(() => undefined);
    const die = (reason: string) => {
      markDead(reason);
      onDeath(this, reason);
    };
    this.worker.on('message', (batch: WorkerBatch) => {
      for (const message of batch) {
        if (message.type === 'ready') markReady();
        else onMessage(this, message);
      }
    });
    this.worker.on('error', (error) => die(`the sandbox worker failed: ${error.message}`));
    this.worker.on('exit', (code) => die(`the sandbox worker exited with code ${code}`));
  }

  /** Hands the worker its QuickJS build, which it waits for before it loads any instance. */
  provide(build: QuickJSBuild): void {
    this.buildPort.postMessage(build);
  }

  post(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  /** Stops a run, even one whose guest is busy and keeps the worker's event loop blocked. */
  cancel(runId: number): void {
    const message: CancelRun = { runId };
    this.cancelPort.postMessage(message);
  }

  /**
   * Milliseconds since the worker last showed life. The counter is bumped by a timer when the worker
   * is idle and by the guest's interrupt handler while a script runs, so only a thread stuck where
   * neither runs (a C loop that never reaches the interrupt handler) ages.
   * A worker that has not beaten yet is still loading and counts as alive.
   */
  silentForMs(now: number): number {
    const beat = Atomics.load(this.heartbeat, 0);
    if (beat !== this.lastBeat || beat === 0) {
      this.lastBeat = beat;
      this.lastBeatAt = now;
    }
    return now - this.lastBeatAt;
  }
}
