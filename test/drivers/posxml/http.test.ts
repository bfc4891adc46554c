// HTTP/1.0 framing: answers cut anywhere, several messages in one read, a body that ends with the
// connection, and what is not HTTP.
import { describe, expect, test } from 'vitest';
import { HttpMessageParser, encodeHttpRequest, encodeHttpResponse, isOkStatus } from '../../../runtime/drivers/posxml/http.js';

const BODY = '<?xml version="1.0" encoding="UTF-8"?><PosXML version="7.2.0"><X>Tallinn – õäöü</X></PosXML>';

describe('HttpMessageParser', () => {
  test('an answer fed one byte at a time comes out once, whole, with a UTF-8 body', () => {
    const parser = new HttpMessageParser();
    const bytes = encodeHttpResponse(BODY);
    const events = [...bytes].flatMap((byte) => parser.push(Buffer.from([byte])));
    expect(events).toEqual([
      {
        ok: true,
        value: {
          startLine: 'HTTP/1.0 200 OK',
          headers: expect.objectContaining({ 'content-length': String(Buffer.byteLength(BODY)) }),
          body: BODY,
        },
      },
    ]);
  });

  test('two messages in one read, then a third split across reads', () => {
    const parser = new HttpMessageParser();
    const one = encodeHttpRequest('<a/>');
    const two = encodeHttpRequest('<b/>');
    const three = encodeHttpRequest('<c/>');
    const first = parser.push(Buffer.concat([one, two, three.subarray(0, 10)]));
    const rest = parser.push(three.subarray(10));
    expect([...first, ...rest].map((e) => (e.ok ? `${e.value.startLine} ${e.value.body}` : e.error))).toEqual([
      'POST / HTTP/1.0 <a/>',
      'POST / HTTP/1.0 <b/>',
      'POST / HTTP/1.0 <c/>',
    ]);
  });

  test('the spec’s own lower-case head (`http/1.0 200 ok`, §1.4) is a 200', () => {
    const parser = new HttpMessageParser();
    const [event] = parser.push(Buffer.from('http/1.0 200 ok\r\nContent-Length: 4\r\ncontent-type: text/xml\r\n\r\n<a/>'));
    expect(event).toMatchObject({
      ok: true,
      value: { body: '<a/>', headers: { 'content-length': '4', 'content-type': 'text/xml' } },
    });
    expect(isOkStatus(event!.ok ? event!.value.startLine : '')).toBe(true);
    expect(isOkStatus('HTTP/1.0 500 Internal Error')).toBe(false);
  });

  test('without content-length the body ends with the connection', () => {
    const parser = new HttpMessageParser();
    expect(parser.push(Buffer.from('HTTP/1.0 200 OK\r\n\r\n<PosXML'))).toEqual([]);
    expect(parser.push(Buffer.from(' version="7.2.0"/>'))).toEqual([]);
    expect(parser.end()).toEqual([
      { ok: true, value: { startLine: 'HTTP/1.0 200 OK', headers: {}, body: '<PosXML version="7.2.0"/>' } },
    ]);
  });

  test('closed inside a message with a length → an error, not a short body', () => {
    const parser = new HttpMessageParser();
    parser.push(Buffer.from('HTTP/1.0 200 OK\r\ncontent-length: 50\r\n\r\n<Pos'));
    expect(parser.end()).toEqual([{ ok: false, error: expect.stringContaining('connection closed inside a message') }]);
  });

  test('a body without content-length that never ends is refused once it passes 256 KiB', () => {
    // Found by the reader's oversize property: such a body was buffered until the peer closed.
    const parser = new HttpMessageParser();
    expect(parser.push(Buffer.from('HTTP/1.0 200 OK\r\n\r\n'))).toEqual([]);
    expect(parser.push(Buffer.alloc(256 * 1024, 'x'))).toEqual([]);
    expect(parser.push(Buffer.from('x'))).toEqual([{ ok: false, error: expect.stringContaining('HTTP body over 262144 bytes') }]);
    expect(parser.end()).toEqual([]);
  });

  test.each([
    ['a bad header line', 'HTTP/1.0 200 OK\r\nno colon here\r\n\r\n'],
    ['a bad content-length', 'HTTP/1.0 200 OK\r\ncontent-length: lots\r\n\r\n'],
    ['noise', ' \u0000garbage\r\n\r\n'],
  ])('%s → one error, then nothing more', (_name, text) => {
    const parser = new HttpMessageParser();
    expect(parser.push(Buffer.from(text, 'latin1'))).toEqual([{ ok: false, error: expect.any(String) }]);
    expect(parser.push(encodeHttpResponse('<a/>'))).toEqual([]);
  });
});

test('a request is POST / with a content-length counted in bytes, not characters', () => {
  const text = encodeHttpRequest('õ').toString('utf8');
  expect(text).toBe('POST / HTTP/1.0\r\ncontent-type: text/xml\r\ncontent-length: 2\r\n\r\nõ');
});
