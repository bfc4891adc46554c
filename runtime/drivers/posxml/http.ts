// HTTP/1.0 as PoSXML uses it (spec 7.1 §1.4): one POST with a content-length and a UTF-8 XML body,
// one `200 ok` answer. Bytes in, messages out — no sockets here, so the driver and the simulator
// share it. The parser keeps a partial buffer and never assumes a message arrives in one read.

export interface HttpMessage {
  /** `POST / HTTP/1.0` or `HTTP/1.0 200 OK` (the spec's own examples write `http/1.0 200 ok`). */
  startLine: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

export type HttpEvent = { ok: true; value: HttpMessage } | { ok: false; error: string };

const CRLF = '\r\n';
/** Far above the spec's largest body (two 4096-character receipts plus data), far below harm. */
const MAX_BODY_BYTES = 256 * 1024;

// Headers exactly as the spec's example (§1.4): embedded HTTP servers on terminals are not
// known for tolerance, so nothing beyond content-length and a plain `text/xml` goes out.
export function encodeHttpRequest(body: string): Buffer {
  return encode(['POST / HTTP/1.0', 'content-type: text/xml'], body);
}

export function encodeHttpResponse(body: string): Buffer {
  return encode(['HTTP/1.0 200 OK', 'content-type: text/xml'], body);
}

function encode(head: string[], body: string): Buffer {
  const bytes = Buffer.from(body, 'utf8');
  return Buffer.concat([Buffer.from([...head, `content-length: ${bytes.length}`, '', ''].join(CRLF), 'latin1'), bytes]);
}

/**
 * Streaming parser for a sequence of HTTP/1.0 messages on one connection. A message without a
 * content-length ends when the connection does (`end()`), as HTTP/1.0 allows.
 */
export class HttpMessageParser {
  private buffer = Buffer.alloc(0);
  private head: Omit<HttpMessage, 'body'> | undefined;
  private bodyLength: number | undefined;
  private failed = false;

  /** True once some bytes of a message that is not yet complete have arrived. */
  private get partial(): boolean {
    return this.buffer.length > 0 || this.head !== undefined;
  }

  push(chunk: Buffer): HttpEvent[] {
    if (this.failed) return [];
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const events: HttpEvent[] = [];
    for (;;) {
      const event = this.next();
      if (!event) return events;
      events.push(event);
      if (!event.ok) {
        this.failed = true;
        return events;
      }
    }
  }

  /** The peer closed: a body without a length is complete now; anything else half-read is an error. */
  end(): HttpEvent[] {
    if (this.failed || !this.partial) return [];
    this.failed = true;
    if (this.head && this.bodyLength === undefined) {
      return [{ ok: true, value: { ...this.head, body: this.buffer.toString('utf8') } }];
    }
    return [{ ok: false, error: `connection closed inside a message (${this.buffer.length} bytes unread)` }];
  }

  private next(): HttpEvent | undefined {
    if (!this.head) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) {
        return this.buffer.length > MAX_BODY_BYTES ? { ok: false, error: 'HTTP header too long' } : undefined;
      }
      const parsed = parseHead(this.buffer.subarray(0, end).toString('latin1'));
      this.buffer = this.buffer.subarray(end + 4);
      if (!parsed.ok) return parsed;
      this.head = parsed.value.head;
      this.bodyLength = parsed.value.bodyLength;
    }
    if (this.bodyLength === undefined) {
      // A body that ends with the connection must still end: a peer that never closes cannot fill memory.
      return this.buffer.length > MAX_BODY_BYTES
        ? { ok: false, error: `HTTP body over ${MAX_BODY_BYTES} bytes without a content-length` }
        : undefined;
    }
    if (this.buffer.length < this.bodyLength) return undefined;
    const message: HttpMessage = { ...this.head, body: this.buffer.subarray(0, this.bodyLength).toString('utf8') };
    this.buffer = this.buffer.subarray(this.bodyLength);
    this.head = undefined;
    this.bodyLength = undefined;
    return { ok: true, value: message };
  }
}

type ParsedHead =
  { ok: true; value: { head: Omit<HttpMessage, 'body'>; bodyLength: number | undefined } } | { ok: false; error: string };

function parseHead(text: string): ParsedHead {
  const [startLine = '', ...lines] = text.split(/\r?\n/);
  if (!/^\S/.test(startLine)) return { ok: false, error: `not an HTTP message: ${JSON.stringify(startLine.slice(0, 40))}` };
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) return { ok: false, error: `bad HTTP header line: ${JSON.stringify(line.slice(0, 40))}` };
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = headers['content-length'];
  if (length === undefined) return { ok: true, value: { head: { startLine, headers }, bodyLength: undefined } };
  if (!/^\d+$/.test(length) || Number(length) > MAX_BODY_BYTES)
    return { ok: false, error: `bad content-length ${JSON.stringify(length)}` };
  return { ok: true, value: { head: { startLine, headers }, bodyLength: Number(length) } };
}

/** A `200` answer, whatever the case of `HTTP` and `ok` (spec 7.1 §1.4 writes `http/1.0 200 ok`). */
export function isOkStatus(startLine: string): boolean {
  return /^HTTP\/1\.[01] 200\b/i.test(startLine);
}
