// Server-Sent Events over one HTTP response: named events with JSON data, and a comment every
// few seconds so proxies and the browser keep an idle stream open while a customer types a PIN.
import type { Request, Response } from 'express';

const HEARTBEAT_MS = 15_000;

export interface EventStream {
  send(event: string, data: unknown): void;
  end(): void;
}

export function openEventStream(req: Request, res: Response, onClose: () => void): EventStream {
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    // Stops nginx-style proxies from buffering the stream.
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    clearInterval(heartbeat);
    onClose();
  };
  req.on('close', close);
  return {
    send(event, data) {
      if (open) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    end() {
      close();
      res.end();
    },
  };
}

/** Replays and follows a source of named events (a run, a rehearsal) over SSE; its `end` event closes the stream. */
export function streamEvents<E extends { type: string; data: unknown }>(
  req: Request,
  res: Response,
  subscribe: (listener: (event: E) => void) => () => void,
): void {
  let unsubscribe = () => {};
  const stream = openEventStream(req, res, () => unsubscribe());
  unsubscribe = subscribe((event) => {
    stream.send(event.type, event.data);
    if (event.type === 'end') stream.end();
  });
}
