// The cloud client against real servers on loopback, one per way a cloud can fail: only a
// connection never made is "not sent"; every failure after connecting is "sent, answer lost", and
// no request is ever sent twice by the client itself.
import { once } from 'node:events';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from 'node:http';
import { type AddressInfo, type Server, type Socket, createServer } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { CloudHttp } from '../../../runtime/drivers/cloud-http/client.js';
import { mayHaveArrived } from '../../../runtime/drivers/cloud-http/failure.js';
import { MemoryLog } from '../../support/driver-test-kit.js';

const servers: (Server | HttpServer)[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
});

async function listen<S extends Server | HttpServer>(server: S): Promise<{ server: S; baseUrl: string }> {
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** A raw TCP server that calls `onRequest` once a whole request (head and body) has arrived. */
async function rawServer(onConnect: (socket: Socket) => void, onRequest?: (socket: Socket, request: string) => void) {
  const requests: string[] = [];
  const { baseUrl } = await listen(
    createServer((socket) => {
      onConnect(socket);
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk.toString('latin1');
        const headEnd = received.indexOf('\r\n\r\n');
        if (headEnd < 0) return;
        const length = Number(/content-length: *(\d+)/i.exec(received.slice(0, headEnd))?.[1] ?? 0);
        if (received.length < headEnd + 4 + length) return;
        requests.push(received);
        received = '';
        onRequest?.(socket, requests.at(-1) ?? '');
      });
      socket.on('error', () => undefined);
    }),
  );
  return { baseUrl, requests };
}

async function httpServer(handle: (request: IncomingMessage, body: string, response: ServerResponse) => void) {
  const requests: string[] = [];
  const { baseUrl } = await listen(
    createHttpServer(async (request, response) => {
      let body = '';
      for await (const chunk of request) body += String(chunk);
      requests.push(`${request.method} ${request.url} ${body}`);
      handle(request, body, response);
    }),
  );
  return { baseUrl, requests };
}

function client(baseUrl: string, log = new MemoryLog(), timeoutMs = 5_000) {
  return new CloudHttp({ log, terminal: 'desk-1', baseUrl, timeoutMs });
}

const SALE = { method: 'POST', url: '/sale', json: { amount: 1250, reference: 'r-1' } } as const;

describe('not sent: the connection was never made', () => {
  test('a port with no listener', async () => {
    const { server, baseUrl } = await listen(createServer());
    await new Promise((done) => server.close(done));
    servers.splice(servers.indexOf(server), 1);
    const reply = await client(baseUrl).send(SALE);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'not-sent', detail: expect.stringContaining('ECONNREFUSED') } });
    expect(!reply.ok && mayHaveArrived(reply.error)).toBe(false);
  });

  test('an unknown host: not sent, whether the resolver says so or the connect limit ends the wait', async () => {
    // `.invalid` never resolves (RFC 2606); an offline resolver may not answer at all.
    const http = new CloudHttp({
      log: new MemoryLog(),
      terminal: 'desk-1',
      baseUrl: 'http://cloud.invalid',
      timeoutMs: 5_000,
      connectTimeoutMs: 1_000,
    });
    expect(await http.send(SALE)).toMatchObject({ ok: false, error: { kind: 'not-sent' } });
  });

  test('a TLS handshake that fails: not a byte of the request was sent', async () => {
    const received: Buffer[] = [];
    const { baseUrl } = await listen(
      createServer((socket) => {
        socket.on('error', () => undefined);
        socket.once('data', (hello: Buffer) => {
          received.push(hello);
          socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
        });
      }),
    );
    const reply = await client(baseUrl.replace('http:', 'https:')).send(SALE);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'not-sent' } });
    // What the server saw is the TLS ClientHello (a handshake record), never the POST.
    expect(received[0]?.[0]).toBe(0x16);
    expect(Buffer.concat(received).toString('latin1')).not.toContain('POST');
  });

  test('a signal that stopped the call before it connected', async () => {
    const { baseUrl, requests } = await httpServer((_request, _body, response) => response.end('{}'));
    const reply = await client(baseUrl).send({ ...SALE, signal: AbortSignal.abort() });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'not-sent' } });
    expect(requests).toEqual([]);
  });
});

describe('sent, answer lost: any failure after connecting', () => {
  test('a server that drops the connection right after accepting it', async () => {
    const { baseUrl } = await rawServer((socket) => socket.destroy());
    const reply = await client(baseUrl).send(SALE);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'lost' } });
    expect(!reply.ok && mayHaveArrived(reply.error)).toBe(true);
  });

  test('a server that reads the whole request, then destroys the connection: lost, and sent exactly once', async () => {
    const { baseUrl, requests } = await rawServer(
      () => undefined,
      (socket) => socket.destroy(),
    );
    const reply = await client(baseUrl).send(SALE);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'lost' } });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toContain('{"amount":1250,"reference":"r-1"}');
  });

  test('half an answer: the body breaks off before its announced length', async () => {
    const { baseUrl, requests } = await rawServer(
      () => undefined,
      (socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"result":"appr'),
    );
    const reply = await client(baseUrl).send(SALE);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'lost', detail: expect.stringContaining('broke off') } });
    expect(requests).toHaveLength(1);
  });

  test('a server that never answers: the answer limit ends the wait as a time-out', async () => {
    const { baseUrl, requests } = await rawServer(() => undefined);
    const reply = await client(baseUrl, new MemoryLog(), 300).send(SALE);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(!reply.ok && mayHaveArrived(reply.error)).toBe(true);
    expect(requests).toHaveLength(1);
  });

  test("the caller's signal after connecting: aborted, which may have reached the cloud", async () => {
    const stop = new AbortController();
    const { baseUrl } = await rawServer(
      () => undefined,
      () => stop.abort(),
    );
    const reply = await client(baseUrl).send({ ...SALE, signal: stop.signal });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'aborted' } });
    expect(!reply.ok && mayHaveArrived(reply.error)).toBe(true);
  });
});

describe('answers', () => {
  test('a body that is not JSON is a malformed answer: the request reached the cloud', async () => {
    const { baseUrl } = await httpServer((_request, _body, response) => {
      response.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad gateway</html>');
    });
    const reply = await client(baseUrl).send(SALE);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'malformed', detail: expect.stringContaining('HTTP 502') } });
    expect(!reply.ok && mayHaveArrived(reply.error)).toBe(true);
  });

  test('an empty body is an answer without a body', async () => {
    const { baseUrl } = await httpServer((_request, _body, response) => response.writeHead(204).end());
    expect(await client(baseUrl).send({ method: 'DELETE', url: '/sale/1' })).toEqual({
      ok: true,
      value: { status: 204, body: undefined },
    });
  });

  test('an id longer than a double holds is read exactly', async () => {
    const { baseUrl } = await httpServer((_request, _body, response) =>
      response.end('{"orderCode":1234567890123456789,"amount":1250}'),
    );
    const reply = await client(baseUrl).send(SALE);
    expect(reply).toEqual({ ok: true, value: { status: 200, body: { orderCode: '1234567890123456789', amount: 1250 } } });
  });

  test('a redirect is handed back, never followed with the request', async () => {
    const { baseUrl, requests } = await httpServer((_request, _body, response) =>
      response.writeHead(307, { location: '/elsewhere' }).end(),
    );
    expect(await client(baseUrl).send(SALE)).toEqual({ ok: true, value: { status: 307, body: undefined } });
    expect(requests).toEqual(['POST /sale {"amount":1250,"reference":"r-1"}']);
  });

  test('every request has a connection of its own, closed after the answer: none is written to a stale one', async () => {
    const seen: string[] = [];
    const { server, baseUrl } = await listen(
      createHttpServer((request, response) => response.end(JSON.stringify({ connection: request.headers.connection }))),
    );
    let connections = 0;
    server.on('connection', () => (connections += 1));
    const http = client(baseUrl);
    for (const url of ['/one', '/two']) {
      const reply = await http.send({ method: 'GET', url });
      if (reply.ok) seen.push(String((reply.value.body as { connection: unknown }).connection));
    }
    expect(seen).toEqual(['close', 'close']);
    expect(connections).toBe(2);
  });

  test('a 421 answer is handed back, never sent again', async () => {
    const { baseUrl, requests } = await httpServer((_request, _body, response) =>
      response.writeHead(421).end('{"message":"misdirected"}'),
    );
    expect(await client(baseUrl).send(SALE)).toMatchObject({ ok: true, value: { status: 421 } });
    expect(requests).toHaveLength(1);
  });

  test('a URL of its own goes to its own host; the client sends the form, the header and the query it was given', async () => {
    const { baseUrl, requests } = await httpServer((request, _body, response) =>
      response.end(JSON.stringify({ seen: request.headers.authorization, type: request.headers['content-type'] })),
    );
    const reply = await new CloudHttp({ log: new MemoryLog(), terminal: 'desk-1', timeoutMs: 5_000 }).send({
      method: 'POST',
      url: `${baseUrl}/connect/token?scope=pos`,
      authorization: 'Basic dXNlcjpwYXNz',
      form: { grant_type: 'client_credentials' },
    });
    expect(reply).toEqual({
      ok: true,
      value: { status: 200, body: { seen: 'Basic dXNlcjpwYXNz', type: 'application/x-www-form-urlencoded' } },
    });
    expect(requests).toEqual(['POST /connect/token?scope=pos grant_type=client_credentials']);
  });
});

describe('the log', () => {
  const PAN = '4761739001010119';
  const SECRETS = [
    'hunter2-password',
    'client-secret-value',
    'api-key-value',
    'bearer-token-value',
    'answer-access-token',
    'refresh-value',
    'query-token-value',
  ];

  test('shows the exchange but never a secret, the Authorization header or a card number', async () => {
    const log = new MemoryLog();
    const { baseUrl } = await httpServer((request, _body, response) => {
      if (request.url?.startsWith('/broken'))
        return response
          .writeHead(500)
          .end(`oops password=hunter2-password card ${PAN}\nAuthorization: Bearer bearer-token-value`);
      response.end(
        JSON.stringify({
          access_token: 'answer-access-token',
          refresh_token: 'refresh-value',
          card: { pan: PAN },
          orderCode: 9876543210123456,
        }),
      );
    });
    const http = client(baseUrl, log);
    await http.send({
      method: 'POST',
      url: '/login?access_token=query-token-value',
      authorization: 'Bearer bearer-token-value',
      json: {
        username: 'desk',
        password: 'hunter2-password',
        nested: { client_secret: 'client-secret-value', apiKey: 'api-key-value' },
        note: `card ${PAN}`,
      },
    });
    await http.send({
      method: 'POST',
      url: '/token',
      form: { grant_type: 'client_credentials', client_secret: 'client-secret-value', password: 'hunter2-password' },
    });
    await http.send({ method: 'GET', url: '/broken' });
    await http.send({ method: 'GET', url: `/sessions/${PAN}?card=${PAN}` });

    const everything = log.everything;
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
    expect(everything).not.toContain(PAN);
    expect(everything).not.toContain('9876543210123456');
    expect(everything).not.toMatch(/Bearer|Basic/);
    // What is left still tells the story.
    expect(everything).toContain('POST /login');
    expect(everything).toContain('"username":"desk"');
    expect(everything).toContain('476173******0119');
    expect(everything).toContain('987654******3456');
    expect(everything).toContain('POST /token grant_type=client_credentials&client_secret=[redacted]&password=[redacted]');
    expect(everything).toContain('POST /login?access_token=[redacted]');
    expect(everything).toContain('GET /sessions/476173******0119?card=476173******0119');
    expect(everything).toContain('500 not JSON: oops password=[redacted]');
  });
});
