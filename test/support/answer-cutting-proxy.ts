// A TCP front for a cloud simulator: every exchange passes through, except that the answer to the
// first request whose request line matches `cut` is never delivered. The cloud has done the work
// when its answer starts, and the connection is cut then: "sent, answer lost", made on demand.
// Beside it, the request lines a cloud driver logged, to tell what it sent before and after the cut.
import { once } from 'node:events';
import { type AddressInfo, type Socket, connect, createServer } from 'node:net';
import type { MemoryLog } from './driver-test-kit.js';

export interface CuttingProxy {
  host: string;
  port: number;
  /** Request lines whose answers were cut. */
  cut(): readonly string[];
  close(): Promise<void>;
}

export async function startAnswerCuttingProxy(target: { host: string; port: number }, cut: RegExp): Promise<CuttingProxy> {
  const cutLines: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    let head = '';
    let cutting: boolean | undefined;
    client.on('data', (chunk: Buffer) => {
      if (cutting === undefined) {
        head += chunk.toString('latin1');
        const line = head.split('\r\n', 1)[0] ?? '';
        if (head.includes('\r\n')) {
          cutting = cutLines.length === 0 && cut.test(line);
          if (cutting) cutLines.push(line);
        }
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!cutting) return void client.write(chunk);
      client.destroy();
      upstream.destroy();
    });
    upstream.on('end', () => client.end());
    client.on('end', () => upstream.end());
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    host: '127.0.0.1',
    port: (server.address() as AddressInfo).port,
    cut: () => cutLines,
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Method and path of each request the driver logged sending, from the `from`-th frame on. */
export function requestLines(log: MemoryLog, from = 0): string[] {
  return log.frames
    .slice(from)
    .filter((f) => f.direction === 'out')
    .map((f) => f.text.split(' ', 2).join(' '));
}
