// Why a cloud request got no usable answer, sorted by the one rule that prevents double charges:
// nothing was sent only when the connection was never made (refused, unknown host, unreachable, connect time-out);
// any failure after that may have reached the cloud and is "sent, answer lost": look it up, never send it again.

export type HttpFailure =
  /** The connection was never made: nothing reached the cloud, so it can be reported as failed. */
  | { kind: 'not-sent'; detail: string }
  /** Connected, then the answer limit ran out: the request may have reached the cloud. */
  | { kind: 'timeout'; detail: string }
  /** Connected, then the connection broke or closed before a whole answer: it may have reached the cloud. */
  | { kind: 'lost'; detail: string }
  /** Connected, then the caller's signal stopped the wait: it may have reached the cloud. */
  | { kind: 'aborted'; detail: string }
  /** A whole answer came that cannot be read (not JSON): the request reached the cloud. */
  | { kind: 'malformed'; detail: string };

/** The rule: whether the request may have reached the cloud, so that only a lookup can tell what it did. */
export function mayHaveArrived(failure: HttpFailure): boolean {
  return failure.kind !== 'not-sent';
}

/**
 * A step before the request failed (a login): the request itself was never sent, whatever
 * happened to the step's own request.
 */
export function beforeSending(step: string, failure: HttpFailure): HttpFailure {
  return { kind: 'not-sent', detail: `${step}: ${failure.kind} (${failure.detail})` };
}
