// A scripted PoSXML terminal for the cases the simulator does not play: each request's answer is
// whatever the test returns (XML, raw bytes, or nothing at all).
import net from 'node:net';
import { HttpMessageParser, encodeHttpResponse } from '../../../runtime/drivers/posxml/http.js';
import {
  type PosxmlRequest,
  type PosxmlResponse,
  decodeMessage,
  encodeMessage,
} from '../../../runtime/drivers/posxml/messages.js';

export type FakeAnswer = PosxmlResponse | { xml: string } | { raw: string } | 'silence';

export interface FakeTerminal {
  host: string;
  port: number;
  requests: PosxmlRequest['type'][];
  close(): Promise<void>;
}

export async function fakeTerminal(answer: (request: PosxmlRequest) => FakeAnswer): Promise<FakeTerminal> {
  const requests: PosxmlRequest['type'][] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const parser = new HttpMessageParser();
    socket.on('data', (chunk: Buffer) => {
      for (const event of parser.push(chunk)) {
        if (!event.ok) return socket.destroy();
        const decoded = decodeMessage(event.value.body);
        if (!decoded.ok) return socket.destroy();
        const request = decoded.value.message as PosxmlRequest;
        requests.push(request.type);
        const reply = answer(request);
        if (reply === 'silence') continue;
        if ('raw' in reply) socket.end(Buffer.from(reply.raw, 'latin1'));
        else socket.end(encodeHttpResponse('xml' in reply ? reply.xml : encodeMessage(reply, '7.2.0')));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { address, port } = server.address() as net.AddressInfo;
  return {
    host: address,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}

/** The usual answers to everything but the transaction under test. */
export function routine(request: PosxmlRequest): PosxmlResponse {
  if (request.type === 'CancelAllOperationsRequest') return { type: 'CancelAllOperationsResponse', returnCode: 0 };
  if (request.type === 'GetLastTransactionDataRequest') return { type: 'GetLastTransactionDataResponse', returnCode: 32781 };
  return { type: 'Error', returnCode: 32769 };
}
