// How long finished work (runs, rehearsals) stays readable: a while, a number of them, and within a
// memory budget, the oldest forgotten first.
export interface Retained {
  readonly id: string;
  /** performance.now() when it finished. */
  readonly finishedAt?: number;
  /** The memory it holds, estimated from above. */
  readonly retainedBytes: number;
}

export interface RetentionLimits {
  keepMs: number;
  maxFinished: number;
  maxBytes: number;
}

/**
 * Forgets finished entries, oldest first, while one is expired or the finished ones are too many
 * or all together (running ones included) hold too much. `finished` is in the order they finished.
 */
export function forgetOldFinished<T extends Retained>(all: Map<string, T>, finished: Set<T>, limits: RetentionLimits): void {
  const cutoff = performance.now() - limits.keepMs;
  let total = 0;
  for (const entry of all.values()) total += entry.retainedBytes;
  for (const entry of finished) {
    const expired = entry.finishedAt! < cutoff;
    if (!expired && finished.size <= limits.maxFinished && total <= limits.maxBytes) break;
    finished.delete(entry);
    all.delete(entry.id);
    total -= entry.retainedBytes;
  }
}
