// Worker thread entry: hosts the QuickJS instances of many concurrent runs; the main thread owns the
// host handlers, the wall clock and the watchdog.
import { once } from 'node:events';
import { getHeapStatistics } from 'node:v8';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { collectGarbage } from './collect-garbage.js';
import { GuestRun } from './guest-runtime.js';
import { InstancePool, type Acquired } from './instance-pool.js';
import { Outbox } from './outbox.js';
import type { CancelRun, HostCall, HostReply, StartRun, ToWorker, WarmUp, WorkerInit } from './protocol.js';
import { shapeFor, type QuickJSBuild, type QuickJSInstance } from './wasm-instance.js';

const port = parentPort;
if (!port) throw new Error('runtime/sandbox/worker must run in a worker thread');
const init = workerData as WorkerInit;

const heartbeat = new Int32Array(init.heartbeat);
const beat = () => Atomics.add(heartbeat, 0, 1);
// While guest code runs the event loop is blocked and the interrupt handler beats instead.
setInterval(beat, 250).unref();

// Posted right after this thread started, usually here long before its code has loaded. Messages on
// the main port wait in its queue meanwhile.
const build = (receiveMessageOnPort(init.buildPort)?.message ?? (await once(init.buildPort, 'message'))[0]) as QuickJSBuild;
init.buildPort.close();
const pool = new InstancePool(build.wasmModule, () => aliveInGuest());

interface ActiveRun {
  instance?: QuickJSInstance;
  guest?: GuestRun;
  cancelled: boolean;
  pendingCalls: Map<number, (reply: HostReply) => void>;
}
const active = new Map<number, ActiveRun>();
let nextCallId = 1;
/** What a posted host call's hook returns: no answer comes. */
const POSTED: Promise<HostReply> = Promise.resolve({ ok: true, json: 'null' });

const outbox = new Outbox(port);

// New runs start one per event-loop turn, so answers for scripts already waiting in a host call are
// served between starts: first-come-first-served starts gave p99 latencies up to 4.8 s with 1 000
// scripts, one start per turn 17 ms. The first start of a turn begins at once: waiting for the next
// turn cost a quiet worker's run ~70 µs before its first line.
const startQueue: StartRun[] = [];
let startedThisTurn = false;
function startNext(): void {
  if (startedThisTurn) return;
  const request = startQueue.shift();
  if (!request) return;
  startedThisTurn = true;
  setImmediate(() => {
    startedThisTurn = false;
    startNext();
  });
  void runOne(request);
}

async function runOne(request: StartRun): Promise<void> {
  const run: ActiveRun = { cancelled: false, pendingCalls: new Map() };
  active.set(request.runId, run);
  let acquired: Acquired;
  try {
    acquired = await pool.acquire(shapeFor(request.limits, build.initialPages), request.prelude, request.units);
  } catch (error) {
    active.delete(request.runId);
    outbox.send({
      type: 'done',
      runId: request.runId,
      outcome: { ok: false, kind: 'crashed', message: `cannot create a sandbox instance: ${String(error)}` },
    });
    return;
  }
  const { instance, prepared } = acquired;
  if (run.cancelled) {
    active.delete(request.runId);
    prepared?.dispose();
    pool.release(instance, true, request.prelude);
    return;
  }
  run.instance = instance;
  run.guest = new GuestRun(
    instance,
    request,
    {
      hostCall: (op, payloadJson, awaited = true) => {
        const callId = nextCallId++;
        const call: HostCall = { type: 'host-call', runId: request.runId, callId, op, payloadJson, awaited };
        if (!awaited) {
          outbox.add(call);
          return POSTED;
        }
        outbox.send(call);
        return new Promise<HostReply>((resolve) => run.pendingCalls.set(callId, resolve));
      },
      console: (level, text) => outbox.add({ type: 'console', runId: request.runId, level, text }),
      outputDropped: (dropped) => outbox.add({ type: 'output-dropped', runId: request.runId, dropped }),
      alive: aliveInGuest,
    },
    prepared,
  );
  const end = await run.guest.run();
  active.delete(request.runId);
  pool.release(instance, end.clean, request.prelude, request);
  outbox.send({ type: 'done', runId: request.runId, outcome: end.outcome, dropped: end.dropped });
}

function cancel(runId: number): void {
  const queued = startQueue.findIndex((r) => r.runId === runId);
  if (queued >= 0) startQueue.splice(queued, 1);
  const run = active.get(runId);
  if (!run) return;
  run.cancelled = true;
  if (run.guest) run.guest.cancelled = true;
  if (run.pendingCalls.size > 0) {
    // Suspended in a host call that will never be answered: resuming would only run more guest code
    // for nobody. The run is abandoned where it stands; the unresolved promise chain and the instance
    // become garbage together (release with clean=false keeps no reference).
    active.delete(runId);
    run.pendingCalls.clear();
    if (run.instance) pool.release(run.instance, false, undefined);
  }
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'start':
      startQueue.push(message);
      startNext();
      break;
    case 'answer': {
      const run = active.get(message.runId);
      const resolve = run?.pendingCalls.get(message.callId);
      if (!run || !resolve) break;
      run.pendingCalls.delete(message.callId);
      resolve(message.ok ? { ok: true, json: message.json } : { ok: false, failure: message.failure, message: message.message });
      break;
    }
    case 'stats':
      if (message.collectGarbage) collectGarbage();
      outbox.send({
        type: 'stats',
        requestId: message.requestId,
        ...pool.stats(),
        heapUsedBytes: getHeapStatistics().used_heap_size,
      });
      break;
    case 'warm-up':
      void warmUp(message);
      break;
  }
});

// The first run in a fresh worker paid ~170 ms for its first evaluation (V8 warming up the wasm and
// the library's glue) on top of making the instance: a warm-up moves that before any script.
async function warmUp(message: WarmUp): Promise<void> {
  try {
    await pool.warmUp(shapeFor(message.limits, build.initialPages), message.prelude, message.instances);
  } catch {
    // Not fatal: the first run makes its own instance and reports what fails there.
  }
  outbox.send({ type: 'warmed-up', requestId: message.requestId });
}

// Cancellations: between guest slices through the event loop; while a guest runs, the interrupt
// handler reads them synchronously and only raises the flag, leaving the clean-up to the event loop.
init.cancelPort.on('message', (message: CancelRun) => cancel(message.runId));

// The interrupt handler runs every few thousand guest operations; the port is read at most every
// 10 ms, which is how late a busy guest may notice that its run was stopped.
let cancelsReadAt = 0;
function aliveInGuest(): void {
  beat();
  const now = performance.now();
  outbox.flushIfStale(now);
  if (now - cancelsReadAt < 10) return;
  cancelsReadAt = now;
  for (let received = receiveMessageOnPort(init.cancelPort); received; received = receiveMessageOnPort(init.cancelPort)) {
    const { runId } = received.message as CancelRun;
    const guest = active.get(runId)?.guest;
    if (guest) guest.cancelled = true;
    setImmediate(() => cancel(runId));
  }
}

// Loading this module (and, from source, compiling it) takes a while on a busy machine: a run's
// wall clock starts only once the worker says it is ready.
outbox.send({ type: 'ready' });
