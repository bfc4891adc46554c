// Open-loop load: arrivals as a Poisson stream at a given rate, each started at its own moment
// whatever the earlier ones are doing, as customers reach cash desks. A closed loop (the next
// payment once one ends) slows down with the host and so hides the queueing the host causes.
import { setTimeout as sleep } from 'node:timers/promises';
import { Random } from '../runtime/soak/random.js';

export interface OpenLoopOptions<T> {
  /** Arrivals per second. */
  rate: number;
  count: number;
  /** What can serve one arrival at a time (terminals); an arrival that finds none free waits for one. */
  slots: number;
  seed: number;
  serve: (slot: number) => Promise<T>;
}

export interface OpenLoopResult<T> {
  /** What `serve` returned, one per arrival. */
  results: T[];
  /** Each arrival's moment → its end, ms. */
  sojourn: number[];
  /** How late each arrival was started after its moment, ms: the load generator's own lag. */
  lateness: number[];
  /** Arrivals that found every slot busy. */
  waitedForSlot: number;
  wallMs: number;
}

export async function openLoop<T>(options: OpenLoopOptions<T>): Promise<OpenLoopResult<T>> {
  const random = new Random(options.seed);
  // The slot freed longest ago goes first, as a desk idle longest is the likeliest to get a customer.
  const free = Array.from({ length: options.slots }, (_, i) => i);
  const waiting: ((slot: number) => void)[] = [];
  const result: OpenLoopResult<T> = { results: [], sojourn: [], lateness: [], waitedForSlot: 0, wallMs: 0 };
  let failure: unknown;

  const takeSlot = (): Promise<number> | number => {
    const slot = free.shift();
    if (slot !== undefined) return slot;
    result.waitedForSlot += 1;
    return new Promise((resolve) => waiting.push(resolve));
  };
  const giveBack = (slot: number) => {
    const next = waiting.shift();
    if (next) next(slot);
    else free.push(slot);
  };
  const arrive = async (at: number) => {
    const slot = await takeSlot();
    try {
      result.results.push(await options.serve(slot));
    } finally {
      giveBack(slot);
    }
    result.sojourn.push(performance.now() - at);
  };

  const runs: Promise<void>[] = [];
  const started = performance.now();
  let at = started;
  for (let n = 0; n < options.count && failure === undefined; n++) {
    at += (-Math.log(1 - random.next()) / options.rate) * 1000;
    const wait = at - performance.now();
    if (wait >= 1) await sleep(wait);
    result.lateness.push(Math.max(0, performance.now() - at));
    runs.push(
      arrive(at).catch((error: unknown) => {
        failure ??= error;
      }),
    );
  }
  await Promise.all(runs);
  if (failure !== undefined) throw failure;
  result.wallMs = performance.now() - started;
  return result;
}
